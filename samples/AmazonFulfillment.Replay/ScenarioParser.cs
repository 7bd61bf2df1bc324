using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Testing;

namespace AmazonFulfillment.Replay;

/// <summary>
/// Reads a whole scenario file (JSON Lines) and checks its structure before anything runs, so that an invalid
/// file replays nothing. Problems of the format (malformed JSON, not exactly one event key, an unknown key,
/// bad settings, catalog, customers or fault lines, a bad <c>at</c>) are errors; problems of the data an event
/// carries (an Amazon order that fails SP-API validation, a bad shipment) are left to the replay, which refuses them.
/// </summary>
public static class ScenarioParser
{
    private static readonly string[] EventKeys = ["settings", "catalog", "customers", "amazon", "shipment", "cancel", "retry", "sync", "fault", "restart"];

    private static readonly Dictionary<string, string[]> Operations = new(StringComparer.Ordinal)
    {
        ["amazon"] = ["GetOrderItems", "ConfirmShipment", "CancelOrder", "GetConfirmedPackages"],
        ["commerce"] = ["CreateOrder", "CompleteOrder", "MarkProcessing", "CancelOrder"],
        ["customers"] = ["FindCustomer", "CreateCustomer"],
        ["store"] = ["Load", "Save"],
    };

    /// <summary>Parses a scenario.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The events in file order, or the first error.</returns>
    public static (IReadOnlyList<ScenarioEvent> Events, ScenarioError? Error) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var events = new List<ScenarioEvent>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                events.Add(ParseLine(trimmed, number));
            }
            catch (LineException e)
            {
                return ([], new ScenarioError(number, e.Message));
            }
        }

        return (events, null);
    }

    private static ScenarioEvent ParseLine(string line, int number)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            throw new LineException($"malformed JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new LineException($"an event line must be a JSON object, not {Kind(root)}.");
            }

            DateTimeOffset? at = null;
            string? store = null;
            string? key = null;
            JsonElement value = default;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw new LineException($"key '{property.Name}' appears twice.");
                }

                if (property.Name == "at")
                {
                    at = ParseAt(property.Value);
                }
                else if (property.Name == "amazonStore")
                {
                    store = ParseStore(property.Value);
                }
                else if (Array.IndexOf(EventKeys, property.Name) < 0)
                {
                    throw new LineException($"unknown key '{property.Name}'; expected one of {string.Join(", ", EventKeys)} (and an optional 'at' and 'amazonStore').");
                }
                else if (key is not null)
                {
                    throw new LineException($"two event keys ('{key}' and '{property.Name}'); a line holds exactly one event.");
                }
                else
                {
                    key = property.Name;
                    value = property.Value.Clone();
                }
            }

            if (key is null)
            {
                throw new LineException($"no event key; expected one of {string.Join(", ", EventKeys)}.");
            }

            ScenarioEvent parsed = key switch
            {
                "settings" => new SettingsEvent(number, at, ParseSettings(value)),
                "catalog" => new CatalogEvent(number, at, ParseCatalog(value)),
                "customers" => new CustomersEvent(number, at, ParseCustomers(value)),
                "amazon" => ParseAmazon(value, number, at),
                "shipment" => ParseShipment(value, number, at),
                "cancel" => ParseCancel(value, number, at),
                "retry" => new RetryEvent(number, at, OptionalText(RequireObject(value, "retry"), "amazonOrderId", "retry")),
                "sync" => Empty(value, "sync", () => new SyncEvent(number, at)),
                "fault" => ParseFault(value, number, at),
                _ => Empty(value, "restart", () => new RestartEvent(number, at)),
            };
            return store is null ? parsed : parsed with { NamedStore = store };
        }
    }

    private static string ParseStore(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new LineException($"'amazonStore' must be the name of an Amazon store (a string), not {Kind(value)}.");
        }

        var name = value.GetString()!.Trim();
        return AmazonStores.Problem(name) is { } problem
            ? throw new LineException($"'amazonStore': the store name {problem}")
            : name;
    }

    private static DateTimeOffset ParseAt(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new LineException($"'at' must be an ISO-8601 UTC date-time string, not {Kind(value)}.");
        }

        return ParseTime(value.GetString()!, "at");
    }

    private static DateTimeOffset ParseTime(string text, string field)
    {
        if (text.Length < 11 || text[10] != 'T'
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            throw new LineException($"'{field}' value '{Truncate(text)}' is not an ISO-8601 date-time such as 2026-11-20T10:00:00Z.");
        }

        return time.ToUniversalTime();
    }

    // The settings are read by System.Text.Json from the settings type itself, so a setting the library gains is one the replay reads.
    private static readonly JsonSerializerOptions SettingsJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    private static readonly Dictionary<string, Type> SettingNames = typeof(OrderSettings).GetProperties()
        .Where(p => p.CanWrite && !p.IsDefined(typeof(JsonIgnoreAttribute), inherit: true))
        .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), p => p.PropertyType, StringComparer.Ordinal);

    private static OrderSettings ParseSettings(JsonElement value)
    {
        var settingsObject = RequireObject(value, "settings");
        foreach (var p in settingsObject.EnumerateObject())
        {
            if (!SettingNames.ContainsKey(p.Name))
            {
                throw new LineException($"unknown setting '{Truncate(p.Name)}'; expected {string.Join(", ", SettingNames.Keys)}.");
            }
        }

        OrderSettings settings;
        try
        {
            settings = settingsObject.Deserialize<OrderSettings>(SettingsJson)!;
        }
        catch (JsonException e)
        {
            var name = (e.Path ?? "$").TrimStart('$', '.');
            throw new LineException($"settings.{name} {Expectation(SettingNames.GetValueOrDefault(name))}.");
        }

        if (!settingsObject.TryGetProperty("storeView", out _))
        {
            settings.StoreView = ScenarioReplayer.Defaults().StoreView; // replays default the store view, which the library requires
        }

        if (!settingsObject.TryGetProperty("carrierCheck", out _))
        {
            settings.CarrierCheck = ScenarioReplayer.Defaults().CarrierCheck;
        }

        var problems = settings.Validate();
        return problems.Count == 0 ? settings : throw new LineException(Problems.Message("settings", problems, ProblemCodes.SettingsOrderSettingsInvalid));

        static string Expectation(Type? type) => type switch
        {
            null => "has the wrong shape",
            _ when type == typeof(bool) => "must be true or false",
            _ when type == typeof(int) => "must be a whole number",
            _ when type == typeof(string) => "must be a string (or null where the setting is optional)",
            _ when type == typeof(TimeSpan) => "must be a duration such as \"00:05:00\"",
            _ when type == typeof(TimeSpan?) => "must be a duration such as \"00:30:00\", or null",
            { IsEnum: true } => $"must be one of {string.Join(", ", Enum.GetNames(type).Select(n => $"\"{n}\""))}",
            _ => "has the wrong type",
        };
    }

    private static List<CatalogEntry> ParseCatalog(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new LineException($"'catalog' must be an array of products, not {Kind(value)}.");
        }

        var products = new List<CatalogEntry>();
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            var at = $"catalog[{index++}]";
            var product = RequireObject(element, at);
            CheckKeys(product, at, "sku", "stock", "enabled");
            var skuText = RequiredText(product, "sku", at);
            var sku = Sku.TryCreate(skuText);
            if (!sku.IsValid)
            {
                throw new LineException($"{at}.sku: {sku.Error}");
            }

            var stock = RequiredText(product, "stock", at) switch
            {
                "InStock" => StockStatus.InStock,
                "OutOfStock" => StockStatus.OutOfStock,
                "NotManaged" => StockStatus.NotManaged,
                var other => throw new LineException($"{at}.stock '{Truncate(other)}' must be \"InStock\", \"OutOfStock\" or \"NotManaged\"."),
            };
            var enabled = true;
            if (product.TryGetProperty("enabled", out var e))
            {
                enabled = e.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw new LineException($"{at}.enabled must be true or false, not {Kind(e)}."),
                };
            }

            products.Add(new CatalogEntry(sku.Value, stock, enabled));
        }

        return products;
    }

    private static List<CustomerEntry> ParseCustomers(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new LineException($"'customers' must be an array of customers, not {Kind(value)}.");
        }

        var customers = new List<CustomerEntry>();
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            var at = $"customers[{index++}]";
            var customer = RequireObject(element, at);
            CheckKeys(customer, at, "email", "name");
            var email = RequiredText(customer, "email", at);
            if (email.Length > 320 || !email.Contains('@', StringComparison.Ordinal))
            {
                // The value itself is buyer data: the message names the field only.
                throw new LineException($"{at}.email is not an email address.");
            }

            customers.Add(new CustomerEntry(email.Trim(), OptionalText(customer, "name", at)));
        }

        return customers;
    }

    private static AmazonEvent ParseAmazon(JsonElement value, int number, DateTimeOffset? at)
    {
        var amazon = RequireObject(value, "amazon");
        CheckKeys(amazon, "amazon", "order", "items");
        if (!amazon.TryGetProperty("order", out var order))
        {
            throw new LineException("amazon.order is required (an SP-API v0 Order object).");
        }

        if (order.ValueKind != JsonValueKind.Object)
        {
            throw new LineException($"amazon.order must be an SP-API v0 Order object, not {Kind(order)}.");
        }

        JsonElement? items = null;
        if (amazon.TryGetProperty("items", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            items = list.ValueKind == JsonValueKind.Array
                ? list
                : throw new LineException($"amazon.items must be an array of SP-API v0 OrderItem objects, not {Kind(list)}.");
        }

        return new AmazonEvent(number, at, order, items);
    }

    private static ShipmentEvent ParseShipment(JsonElement value, int number, DateTimeOffset? at)
    {
        // Only the shape is checked here; the fields are the merchant's input, refused (not fatal) when invalid.
        var shipment = RequireObject(value, "shipment");
        CheckKeys(shipment, "shipment", "amazonOrderId", "packageReferenceId", "carrierCode", "carrierName", "shippingMethod", "trackingNumber", "shipDate", "items");
        return new ShipmentEvent(number, at, shipment);
    }

    private static CancelEvent ParseCancel(JsonElement value, int number, DateTimeOffset? at)
    {
        var cancel = RequireObject(value, "cancel");
        CheckKeys(cancel, "cancel", "amazonOrderId", "reason");
        return new CancelEvent(number, at, OptionalText(cancel, "amazonOrderId", "cancel"), OptionalText(cancel, "reason", "cancel"));
    }

    private static ScenarioEvent ParseFault(JsonElement value, int number, DateTimeOffset? at)
    {
        var fault = RequireObject(value, "fault");
        CheckKeys(fault, "fault", "port", "operation", "mode", "count");
        var port = RequiredText(fault, "port", "fault");
        if (!Operations.TryGetValue(port, out var operations))
        {
            throw new LineException($"fault.port '{Truncate(port)}' must be amazon, commerce, customers or store.");
        }

        var operation = RequiredText(fault, "operation", "fault");
        if (Array.IndexOf(operations, operation) < 0)
        {
            throw new LineException($"fault.operation '{Truncate(operation)}' is not an operation of {port}; expected {string.Join(", ", operations)}.");
        }

        var count = 1;
        if (fault.TryGetProperty("count", out var c))
        {
            count = c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) && n >= 1
                ? n
                : throw new LineException("fault.count must be a whole number of at least 1.");
        }

        if (RequiredText(fault, "mode", "fault") == "dropped")
        {
            // Amazon answers success and keeps no package: only a confirmation can be dropped.
            return port == "amazon" && operation == "ConfirmShipment"
                ? new DropEvent(number, at, count)
                : throw new LineException($"fault.mode 'dropped' applies to amazon ConfirmShipment only, not {port} {operation}.");
        }

        var mode = RequiredText(fault, "mode", "fault") switch
        {
            "transient" => FaultMode.Transient,
            "lost-response" => FaultMode.LostResponse,
            "throttled" => FaultMode.Throttled,
            "permanent" => FaultMode.Permanent,
            "malformed" => FaultMode.Malformed,
            var other => throw new LineException($"fault.mode '{Truncate(other)}' must be transient, lost-response, throttled, permanent, malformed or dropped."),
        };
        return new FaultEvent(number, at, port, operation, mode, count);
    }

    private static ScenarioEvent Empty(JsonElement value, string key, Func<ScenarioEvent> create)
    {
        CheckKeys(RequireObject(value, key), key);
        return create();
    }

    private static JsonElement RequireObject(JsonElement value, string what) =>
        value.ValueKind == JsonValueKind.Object ? value : throw new LineException($"'{what}' must be a JSON object, not {Kind(value)}.");

    private static void CheckKeys(JsonElement obj, string at, params string[] allowed)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (Array.IndexOf(allowed, p.Name) < 0)
            {
                throw new LineException($"unknown key '{p.Name}' in {at}; expected {string.Join(", ", allowed)}.");
            }
        }
    }

    private static string RequiredText(JsonElement obj, string name, string at) =>
        OptionalText(obj, name, at) is { } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : throw new LineException($"{at}.{name} is required.");

    private static string? OptionalText(JsonElement obj, string name, string at)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new LineException($"{at}.{name} must be a string, not {Kind(value)}.");
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

#pragma warning disable CA1032, CA1064 // A private control-flow exception: the parser turns it into a ScenarioError.
    private sealed class LineException(string message) : Exception(message);
#pragma warning restore CA1032, CA1064
}
