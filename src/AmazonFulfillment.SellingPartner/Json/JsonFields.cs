using System.Globalization;
using System.Text.Json;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.SellingPartner.Json;

/// <summary>
/// Typed access to the fields of an SP-API payload. Every failure names the field; none echoes a
/// string value, because the caller may be reading restricted buyer data.
/// </summary>
internal static class JsonFields
{
    public static JsonDocument Parse(string json, string field = "$")
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            // The reader's message quotes the offending character; the position is enough to find it.
            throw new SellingPartnerFormatException(
                field,
                null,
                $"is not valid JSON (line {Number(e.LineNumber)}, byte {Number(e.BytePositionInLine)}).");
        }
    }

    public static JsonElement Object(JsonElement element, FieldPath at) =>
        element.ValueKind switch
        {
            JsonValueKind.Object => element,
            JsonValueKind.Undefined or JsonValueKind.Null => throw at.Fail("is required."),
            _ => throw at.Fail($"must be a JSON object, not {Kind(element)}."),
        };

    public static JsonElement Array(JsonElement element, FieldPath at) =>
        element.ValueKind switch
        {
            JsonValueKind.Array => element,
            JsonValueKind.Undefined or JsonValueKind.Null => throw at.Fail("is required."),
            _ => throw at.Fail($"must be a JSON array, not {Kind(element)}."),
        };

    public static JsonElement? Optional(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static JsonElement RequiredObject(JsonElement parent, string name, FieldPath at) =>
        Object(Optional(parent, name) ?? default, at.Child(name));

    public static JsonElement? OptionalObject(JsonElement parent, string name, FieldPath at) =>
        Optional(parent, name) is { } value ? Object(value, at.Child(name)) : null;

    public static JsonElement RequiredArray(JsonElement parent, string name, FieldPath at) =>
        Array(Optional(parent, name) ?? default, at.Child(name));

    public static JsonElement? OptionalArray(JsonElement parent, string name, FieldPath at) =>
        Optional(parent, name) is { } value ? Array(value, at.Child(name)) : null;

    public static string? OptionalString(JsonElement parent, string name, FieldPath at)
    {
        if (Optional(parent, name) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw at.Child(name).Fail($"must be a JSON string, not {Kind(value)}.");
    }

    public static string RequiredString(JsonElement parent, string name, FieldPath at)
    {
        var value = OptionalString(parent, name, at);
        return string.IsNullOrWhiteSpace(value) ? throw at.Child(name).Fail("is required.") : value;
    }

    public static int? OptionalInt(JsonElement parent, string name, FieldPath at)
    {
        if (Optional(parent, name) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw at.Child(name).Fail($"must be a whole number, not {Kind(value)}{Excerpt(value)}.");
    }

    public static int RequiredInt(JsonElement parent, string name, FieldPath at) =>
        OptionalInt(parent, name, at) ?? throw at.Child(name).Fail("is required.");

    public static DateTimeOffset RequiredDate(JsonElement parent, string name, FieldPath at) =>
        OptionalDate(parent, name, at) ?? throw at.Child(name).Fail("is required.");

    public static DateTimeOffset? OptionalDate(JsonElement parent, string name, FieldPath at)
    {
        var text = OptionalString(parent, name, at);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return SpApiTime.TryParse(text, out var value)
            ? value
            : throw at.Child(name).Fail($"'{Truncate(text)}' is not an ISO-8601 date-time.");
    }

    /// <summary>Reads a flag SP-API writes as the string <c>"true"</c>/<c>"false"</c> (v0) or a JSON boolean (notifications).</summary>
    public static bool OptionalFlag(JsonElement parent, string name, FieldPath at)
    {
        if (Optional(parent, name) is not { } value)
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when string.Equals(value.GetString(), "true", StringComparison.OrdinalIgnoreCase) => true,
            JsonValueKind.String when string.Equals(value.GetString(), "false", StringComparison.OrdinalIgnoreCase) => false,
            _ => throw at.Child(name).Fail($"must be \"true\" or \"false\", not {Kind(value)}{Excerpt(value)}."),
        };
    }

    /// <summary>Reads an SP-API money object (a decimal-string amount and an ISO 4217 code).</summary>
    public static Money? OptionalMoney(JsonElement parent, string name, FieldPath at, string amountName, string currencyName)
    {
        if (OptionalObject(parent, name, at) is not { } money)
        {
            return null;
        }

        var here = at.Child(name);
        var currency = RequiredString(money, currencyName, here);
        var amount = Optional(money, amountName) switch
        {
            null => throw here.Child(amountName).Fail("is required."),
            { ValueKind: JsonValueKind.String } text => text.GetString(),
            { ValueKind: JsonValueKind.Number } number => number.GetRawText(),
            { } other => throw here.Child(amountName).Fail($"must be a decimal string, not {Kind(other)}."),
        };

        var parsed = Money.TryParse(amount, currency, "amount");
        if (parsed.IsValid)
        {
            return parsed.Value;
        }

        var field = parsed.Field!.EndsWith(".CurrencyCode", StringComparison.Ordinal) ? currencyName : amountName;
        throw here.Child(field).Fail(parsed.Error!);
    }

    public static string Truncate(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    // Only numbers and booleans are echoed: they cannot carry buyer data.
    private static string Excerpt(JsonElement value) =>
        value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False ? " " + Truncate(value.GetRawText()) : string.Empty;

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";
}
