using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AmazonFulfillment.Testing.SellingPartner;

/// <summary>The fake's orders: placing and changing them, and Orders v0 and 2026-01-01.</summary>
public sealed partial class FakeAmazon
{
    private readonly Dictionary<string, FakeOrder> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Order, string Package), string> _confirmations = [];
    private readonly AsyncLocal<DateTimeOffset?> _scriptStamp = new();
    private DateTimeOffset _lastScriptStamp = DateTimeOffset.MinValue;

    /// <summary>Gets every order, sorted by id.</summary>
    public IReadOnlyList<FakeOrder> Orders
    {
        get
        {
            lock (_gate)
            {
                return [.. _orders.Values.OrderBy(o => o.AmazonOrderId, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Gets the confirmed packages: (order id, packageReferenceId) → the confirmShipment body accepted.</summary>
    public IReadOnlyDictionary<(string Order, string Package), string> ConfirmedPackages
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<(string, string), string>(_confirmations);
            }
        }
    }

    /// <summary>
    /// Places an order (or replaces one with the same id). Its <c>LastUpdateDate</c> is <paramref name="at"/>, or, in a script step
    /// played by an order search, a moment inside the searched window, or else the fake's now (seen only by windows ending two
    /// minutes later, as on Amazon).
    /// </summary>
    /// <param name="order">The order.</param>
    /// <param name="at">When the change happened; see above when <see langword="null"/>.</param>
    /// <returns>The order as stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="order"/> is null.</exception>
    public FakeOrder PlaceOrder(FakeOrder order, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(order);
        var now = Seconds(at ?? _scriptStamp.Value ?? _time.GetUtcNow());
        var stored = order with
        {
            MarketplaceId = order.MarketplaceId ?? Options.MarketplaceId,
            PurchaseDate = order.PurchaseDate ?? now,
            LastUpdateDate = now,
        };
        lock (_gate)
        {
            _orders[order.AmazonOrderId] = stored;
        }

        return stored;
    }

    /// <summary>Moves an order to a status (v0 spelling); its <c>LastUpdateDate</c> is set as <see cref="PlaceOrder"/> says.</summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <param name="status">The status, such as <c>Unshipped</c> or <c>Canceled</c>.</param>
    /// <param name="at">When the change happened.</param>
    /// <exception cref="KeyNotFoundException">No such order.</exception>
    public void SetStatus(string amazonOrderId, string status, DateTimeOffset? at = null)
    {
        var when = Seconds(at ?? _scriptStamp.Value ?? _time.GetUtcNow());
        lock (_gate)
        {
            var order = _orders[amazonOrderId];
            var items = status == "Shipped" ? [.. order.Items.Select(i => i with { QuantityShipped = i.QuantityOrdered })] : order.Items;
            _orders[amazonOrderId] = order with { Status = status, Items = items, LastUpdateDate = when };
        }
    }

    /// <summary>Gets an order.</summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <returns>The order, or <see langword="null"/>.</returns>
    public FakeOrder? Order(string amazonOrderId)
    {
        lock (_gate)
        {
            return _orders.GetValueOrDefault(amazonOrderId);
        }
    }

    private Answer GetOrders(Dictionary<string, string> query, bool restricted, DateTimeOffset now)
    {
        if (!query.TryGetValue("MarketplaceIds", out var marketplaces) || string.IsNullOrWhiteSpace(marketplaces))
        {
            return InvalidInput("Missing required parameter: MarketplaceIds.");
        }

        var page = Search(query, "NextToken", "LastUpdatedAfter", "LastUpdatedBefore", "MaxResultsPerPage", marketplaces, now);
        if (page.Error is not null)
        {
            return page.Error;
        }

        var payload = new JsonObject
        {
            ["Orders"] = new JsonArray([.. page.Orders.Select(o => (JsonNode)V0Order(o, restricted))]),
            ["LastUpdatedBefore"] = Text(page.Before),
        };
        if (page.NextToken is not null)
        {
            payload["NextToken"] = page.NextToken;
        }

        return Json(200, new JsonObject { ["payload"] = payload });
    }

    private Answer SearchOrders(Dictionary<string, string> query, bool restricted, DateTimeOffset now)
    {
        if (!query.TryGetValue("marketplaceIds", out var marketplaces) || string.IsNullOrWhiteSpace(marketplaces))
        {
            return InvalidInput("marketplaceIds is required.");
        }

        var page = Search(query, "paginationToken", "lastUpdatedAfter", "lastUpdatedBefore", "maxResultsPerPage", marketplaces, now);
        if (page.Error is not null)
        {
            return page.Error;
        }

        var included = Included(query);
        var answer = new JsonObject
        {
            ["orders"] = new JsonArray([.. page.Orders.Select(o => (JsonNode)Order2026(o, included, restricted))]),
            ["lastUpdatedBefore"] = Text(page.Before),
        };
        if (page.NextToken is not null)
        {
            answer["pagination"] = new JsonObject { ["nextToken"] = page.NextToken };
        }

        return Json(200, answer);
    }

    private Answer GetOrderV0(string id, bool restricted)
    {
        lock (_gate)
        {
            return _orders.TryGetValue(id, out var order)
                ? Json(200, new JsonObject { ["payload"] = V0Order(order, restricted) })
                : Error(404, "NotFound", $"Order {id} was not found.", null);
        }
    }

    private Answer GetOrder2026(string id, Dictionary<string, string> query, bool restricted)
    {
        lock (_gate)
        {
            return _orders.TryGetValue(id, out var order)
                ? Json(200, new JsonObject { ["order"] = Order2026(order, Included(query), restricted) })
                : Error(404, "NotFound", $"Order {id} was not found.", null);
        }
    }

    private Answer GetOrderItems(string id, Dictionary<string, string> query, DateTimeOffset now)
    {
        FakeOrder? order;
        lock (_gate)
        {
            order = _orders.GetValueOrDefault(id);
        }

        if (order is null)
        {
            return Error(404, "NotFound", $"Order {id} was not found.", null);
        }

        var start = 0;
        if (query.TryGetValue("NextToken", out var token))
        {
            if (!TryReadToken(token, now, out start, out var scope) || scope != id)
            {
                return InvalidInput("Invalid or expired NextToken.");
            }
        }

        var items = order.Items.Skip(start).Take(Options.OrderItemsPageSize).ToList();
        var payload = new JsonObject
        {
            ["AmazonOrderId"] = id,
            ["OrderItems"] = new JsonArray([.. items.Select(i => (JsonNode)new JsonObject
            {
                ["ASIN"] = "B0" + i.OrderItemId[..8],
                ["OrderItemId"] = i.OrderItemId,
                ["SellerSKU"] = i.Sku,
                ["QuantityOrdered"] = i.QuantityOrdered,
                ["QuantityShipped"] = i.QuantityShipped,
                ["ItemPrice"] = Money(i.UnitPrice * i.QuantityOrdered, order.Currency, pascal: true),
                ["BuyerRequestedCancel"] = new JsonObject { ["IsBuyerRequestedCancel"] = i.BuyerRequestedCancel ? "true" : "false" },
            })]),
        };
        if (start + items.Count < order.Items.Count)
        {
            payload["NextToken"] = WriteToken(start + items.Count, now, id);
        }

        return Json(200, new JsonObject { ["payload"] = payload });
    }

    private Answer ConfirmShipment(string id, string? body, DateTimeOffset now)
    {
        JsonObject? request;
        try
        {
            request = body is null ? null : JsonNode.Parse(body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            request = null;
        }

        if (request is null)
        {
            return InvalidInput("The request body is not a JSON object.");
        }

        lock (_gate)
        {
            if (!_orders.TryGetValue(id, out var order))
            {
                return Error(404, "NotFound", $"Order {id} was not found.", null);
            }

            if (Str(request, "marketplaceId") is not { Length: > 0 } marketplace)
            {
                return InvalidInput("Missing required parameter: marketplaceId.");
            }

            if (marketplace != order.MarketplaceId)
            {
                return InvalidInput($"Order {id} does not belong to marketplace {marketplace}.");
            }

            if (request["packageDetail"] is not JsonObject package)
            {
                return InvalidInput("Missing required parameter: packageDetail.");
            }

            if (Str(package, "packageReferenceId") is not { } packageId || !long.TryParse(packageId, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                return InvalidInput("packageReferenceId must be a positive integer.");
            }

            if (Str(package, "carrierCode") is not { Length: > 0 } carrier)
            {
                return InvalidInput("Missing required parameter: carrierCode.");
            }

            if (carrier == "Other" && string.IsNullOrWhiteSpace(Str(package, "carrierName")))
            {
                return InvalidInput("carrierName is required when carrierCode is Other.");
            }

            if (string.IsNullOrWhiteSpace(Str(package, "trackingNumber")))
            {
                return InvalidInput("Missing required parameter: trackingNumber.");
            }

            if (Str(package, "shipDate") is not { } shipDate
                || !shipDate.Contains('T', StringComparison.Ordinal)
                || !DateTimeOffset.TryParse(shipDate, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            {
                return Error(400, "Invalid Input", "Invalid Input", null); // Amazon's answer to a ship date that is not ISO-8601
            }

            if (_confirmations.ContainsKey((id, packageId)))
            {
                return new Answer(204, null, "application/json", null); // the same package again is the same package
            }

            if (order.Status is "Canceled")
            {
                return InvalidInput($"Order {id} is canceled and cannot be confirmed.");
            }

            if (order.Status is "Pending" or "PendingAvailability" || !order.MerchantFulfilled)
            {
                return InvalidInput($"Order {id} cannot be confirmed in status {order.Status}{(order.MerchantFulfilled ? string.Empty : " (fulfilled by Amazon)")}.");
            }

            if (package["orderItems"] is not JsonArray lines || lines.Count == 0)
            {
                return InvalidInput("Missing required parameter: orderItems.");
            }

            var shipped = order.Items.ToDictionary(i => i.OrderItemId, i => i.QuantityShipped, StringComparer.Ordinal);
            foreach (var line in lines.OfType<JsonObject>())
            {
                var itemId = Str(line, "orderItemId");
                var item = order.Items.FirstOrDefault(i => i.OrderItemId == itemId);
                if (item is null)
                {
                    return InvalidInput($"Order item {itemId} is not in order {id}.");
                }

                var quantity = line["quantity"] is JsonValue q && q.TryGetValue<int>(out var n) ? n : 0;
                if (quantity < 1 || shipped[item.OrderItemId] + quantity > item.QuantityOrdered)
                {
                    return InvalidInput($"Quantity {quantity} of order item {itemId} exceeds the {item.QuantityOrdered - shipped[item.OrderItemId]} units left to ship.");
                }

                shipped[item.OrderItemId] += quantity;
            }

            var items = order.Items.Select(i => i with { QuantityShipped = shipped[i.OrderItemId] }).ToList();
            var status = items.All(i => i.QuantityShipped >= i.QuantityOrdered) ? "Shipped" : "PartiallyShipped";
            _orders[id] = order with { Items = items, Status = status, LastUpdateDate = Seconds(now) };
            _confirmations[(id, packageId)] = body!;
            return new Answer(204, null, "application/json", null);
        }
    }

    private SearchPage Search(Dictionary<string, string> query, string tokenName, string afterName, string beforeName, string sizeName, string marketplaces, DateTimeOffset now)
    {
        var start = 0;
        var fresh = !query.TryGetValue(tokenName, out var token);
        if (!fresh && !TryReadToken(token!, now, out start, out _))
        {
            return new SearchPage([], null, now, InvalidInput($"Invalid or expired {tokenName}."));
        }

        if (!query.TryGetValue(afterName, out var afterText) || !DateTimeOffset.TryParse(afterText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var after))
        {
            return new SearchPage([], null, now, InvalidInput($"{afterName} is required and must be an ISO-8601 date-time."));
        }

        var before = now.AddMinutes(-2);
        if (query.TryGetValue(beforeName, out var beforeText))
        {
            if (!DateTimeOffset.TryParse(beforeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out before))
            {
                return new SearchPage([], null, now, InvalidInput($"{beforeName} must be an ISO-8601 date-time."));
            }

            if (before > now.AddMinutes(-2))
            {
                return new SearchPage([], null, now, InvalidInput($"{beforeName} must be at least two minutes before the time of the request."));
            }

            if (before < after)
            {
                return new SearchPage([], null, now, InvalidInput($"{beforeName} must be equal to or after {afterName}."));
            }
        }

        var size = query.TryGetValue(sizeName, out var sizeText) && int.TryParse(sizeText, CultureInfo.InvariantCulture, out var asked) ? Math.Clamp(asked, 1, 100) : 100;
        size = Math.Min(size, Options.OrdersPageSize);
        if (fresh)
        {
            // Script changes land inside the window being read, each after the previous one, however quickly it is polled.
            var stamp = Seconds(before.AddSeconds(-30));
            lock (_gate)
            {
                stamp = stamp > _lastScriptStamp ? stamp : _lastScriptStamp.AddSeconds(1);
                stamp = stamp < after ? after : stamp;
                _lastScriptStamp = stamp;
            }

            _scriptStamp.Value = stamp;
            try
            {
                PlayNextStep();
            }
            finally
            {
                _scriptStamp.Value = null;
            }
        }

        var markets = marketplaces.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        List<FakeOrder> matching;
        lock (_gate)
        {
            matching = [.. _orders.Values
                .Where(o => markets.Contains(o.MarketplaceId!) && o.LastUpdateDate >= after && o.LastUpdateDate <= before)
                .OrderBy(o => o.LastUpdateDate).ThenBy(o => o.AmazonOrderId, StringComparer.Ordinal)];
        }

        var page = matching.Skip(start).Take(size).ToList();
        var next = start + page.Count < matching.Count ? WriteToken(start + page.Count, now, "orders") : null;
        return new SearchPage(page, next, before, null);
    }

    private static HashSet<string> Included(Dictionary<string, string> query) =>
        query.TryGetValue("includedData", out var text)
            ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal)
            : [];

    private JsonObject V0Order(FakeOrder order, bool restricted)
    {
        var json = new JsonObject
        {
            ["AmazonOrderId"] = order.AmazonOrderId,
            ["PurchaseDate"] = Text(order.PurchaseDate!.Value),
            ["LastUpdateDate"] = Text(order.LastUpdateDate),
            ["OrderStatus"] = order.Status,
            ["FulfillmentChannel"] = order.MerchantFulfilled ? "MFN" : "AFN",
            ["SalesChannel"] = "Amazon.com",
            ["MarketplaceId"] = order.MarketplaceId,
            ["NumberOfItemsShipped"] = order.Items.Sum(i => i.QuantityShipped),
            ["NumberOfItemsUnshipped"] = order.Items.Sum(i => i.QuantityOrdered - i.QuantityShipped),
        };
        if (order.Status is not ("Pending" or "PendingAvailability"))
        {
            json["OrderTotal"] = Money(Total(order), order.Currency, pascal: true);
        }

        // Without a restricted data token Amazon answers blank buyer fields, not an error.
        json["BuyerInfo"] = restricted && (order.BuyerEmail ?? order.BuyerName) is not null
            ? new JsonObject { ["BuyerEmail"] = order.BuyerEmail, ["BuyerName"] = order.BuyerName }
            : new JsonObject();
        json["ShippingAddress"] = restricted && order.BuyerName is not null
            ? new JsonObject { ["Name"] = order.BuyerName, ["AddressLine1"] = "410 Terry Ave N", ["City"] = "Seattle", ["StateOrRegion"] = "WA", ["PostalCode"] = "98109", ["CountryCode"] = "US" }
            : new JsonObject { ["Name"] = string.Empty, ["AddressLine1"] = string.Empty };
        return json;
    }

    private JsonObject Order2026(FakeOrder order, HashSet<string> included, bool restricted)
    {
        var json = new JsonObject
        {
            ["orderId"] = order.AmazonOrderId,
            ["createdTime"] = Text(order.PurchaseDate!.Value),
            ["lastUpdatedTime"] = Text(order.LastUpdateDate),
            ["salesChannel"] = new JsonObject { ["channelName"] = "AMAZON", ["marketplaceId"] = order.MarketplaceId, ["marketplaceName"] = "Amazon.com" },
        };
        if (included.Contains("BUYER") && restricted && (order.BuyerEmail ?? order.BuyerName) is not null)
        {
            json["buyer"] = new JsonObject { ["buyerName"] = order.BuyerName, ["buyerEmail"] = order.BuyerEmail };
        }

        if (included.Contains("RECIPIENT") && restricted && order.BuyerName is not null)
        {
            json["recipient"] = new JsonObject
            {
                ["deliveryAddress"] = new JsonObject { ["name"] = order.BuyerName, ["addressLine1"] = "410 Terry Ave N", ["city"] = "Seattle", ["stateOrRegion"] = "WA", ["postalCode"] = "98109", ["countryCode"] = "US" },
            };
        }

        if (included.Contains("PROCEEDS") && order.Status is not ("Pending" or "PendingAvailability"))
        {
            json["proceeds"] = new JsonObject { ["grandTotal"] = Money(Total(order), order.Currency, pascal: false) };
        }

        if (included.Contains("FULFILLMENT"))
        {
            json["fulfillment"] = new JsonObject
            {
                ["fulfillmentStatus"] = order.Status switch
                {
                    "Pending" => "PENDING",
                    "PendingAvailability" => "PENDING_AVAILABILITY",
                    "Unshipped" => "UNSHIPPED",
                    "PartiallyShipped" => "PARTIALLY_SHIPPED",
                    "Shipped" => "SHIPPED",
                    "Canceled" => "CANCELLED",
                    _ => "UNFULFILLABLE",
                },
                ["fulfilledBy"] = order.MerchantFulfilled ? "MERCHANT" : "AMAZON",
            };
        }

        json["orderItems"] = new JsonArray([.. order.Items.Select(i =>
        {
            var item = new JsonObject
            {
                ["orderItemId"] = i.OrderItemId,
                ["quantityOrdered"] = i.QuantityOrdered,
                ["product"] = new JsonObject
                {
                    ["asin"] = "B0" + i.OrderItemId[..8],
                    ["sellerSku"] = i.Sku,
                    ["price"] = new JsonObject { ["unitPrice"] = Money(i.UnitPrice, order.Currency, pascal: false) },
                },
                ["fulfillment"] = new JsonObject { ["quantityFulfilled"] = i.QuantityShipped, ["quantityUnfulfilled"] = i.QuantityOrdered - i.QuantityShipped },
            };
            if (i.BuyerRequestedCancel)
            {
                item["cancellation"] = new JsonObject { ["cancellationRequest"] = new JsonObject { ["requester"] = "BUYER", ["cancelReason"] = "Found cheaper somewhere else." } };
            }

            return (JsonNode)item;
        })]);
        return json;
    }

    private static decimal Total(FakeOrder order) => order.Items.Sum(i => i.UnitPrice * i.QuantityOrdered);

    private static JsonObject Money(decimal amount, string currency, bool pascal) => pascal
        ? new JsonObject { ["CurrencyCode"] = currency, ["Amount"] = amount.ToString("0.00", CultureInfo.InvariantCulture) }
        : new JsonObject { ["amount"] = amount.ToString("0.00", CultureInfo.InvariantCulture), ["currencyCode"] = currency };

    private static string? Str(JsonObject json, string name) => json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static DateTimeOffset Seconds(DateTimeOffset value) => new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static string Text(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private string WriteToken(int offset, DateTimeOffset now, string scope) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{offset}|{now.UtcTicks}|{scope}")));

    private bool TryReadToken(string token, DateTimeOffset now, out int offset, out string scope)
    {
        offset = 0;
        scope = string.Empty;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|', 3);
            if (parts.Length == 3
                && int.TryParse(parts[0], CultureInfo.InvariantCulture, out offset)
                && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var issued)
                && now - new DateTimeOffset(issued, TimeSpan.Zero) <= Options.PageTokenLifetime)
            {
                scope = parts[2];
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }

    private sealed record SearchPage(IReadOnlyList<FakeOrder> Orders, string? NextToken, DateTimeOffset Before, Answer? Error);
}
