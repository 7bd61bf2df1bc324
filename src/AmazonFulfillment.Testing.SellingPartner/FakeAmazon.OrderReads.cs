using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AmazonFulfillment.Testing.SellingPartner;

/// <summary>The fake's order reads: Orders v0 (getOrders, getOrder, getOrderItems) and Orders 2026-01-01 (searchOrders, getOrder), their windows and page tokens.</summary>
public sealed partial class FakeAmazon
{
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
            if (!_orders.TryGetValue(id, out var order))
            {
                return Error(404, "NotFound", $"Order {id} was not found.", null);
            }

            var included = Included(query);
            var json = Order2026(order, included, restricted);
            if (included.Contains("PACKAGES") && order.MerchantFulfilled)
            {
                json["packages"] = Packages2026(id);
            }

            return Json(200, new JsonObject { ["order"] = json });
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

    private SearchPage Search(Dictionary<string, string> query, string tokenName, string afterName, string beforeName, string sizeName, string marketplaces, DateTimeOffset now)
    {
        var start = 0;
        var fresh = !query.TryGetValue(tokenName, out var token);
        if (!fresh && !TryReadToken(token!, now, out start, out _))
        {
            return new SearchPage([], null, now, InvalidInput($"Invalid or expired {tokenName}."));
        }

        if (ReadWindow(query, afterName, beforeName, now, out var after, out var before) is { } refusal)
        {
            return new SearchPage([], null, now, refusal);
        }

        var size = query.TryGetValue(sizeName, out var sizeText) && int.TryParse(sizeText, CultureInfo.InvariantCulture, out var asked) ? Math.Clamp(asked, 1, 100) : 100;
        size = Math.Min(size, Options.OrdersPageSize);
        if (fresh)
        {
            PlayNextStepInside(after, before);
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

    /// <summary>Reads the searched window: after is required; before defaults to two minutes ago and may be no later.</summary>
    private static Answer? ReadWindow(Dictionary<string, string> query, string afterName, string beforeName, DateTimeOffset now, out DateTimeOffset after, out DateTimeOffset before)
    {
        before = now.AddMinutes(-2);
        if (!query.TryGetValue(afterName, out var afterText) || !DateTimeOffset.TryParse(afterText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out after))
        {
            after = default;
            return InvalidInput($"{afterName} is required and must be an ISO-8601 date-time.");
        }

        if (!query.TryGetValue(beforeName, out var beforeText))
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(beforeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out before))
        {
            return InvalidInput($"{beforeName} must be an ISO-8601 date-time.");
        }

        if (before > now.AddMinutes(-2))
        {
            return InvalidInput($"{beforeName} must be at least two minutes before the time of the request.");
        }

        return before < after ? InvalidInput($"{beforeName} must be equal to or after {afterName}.") : null;
    }

    /// <summary>Plays the script's next step so that its changes land inside the window being read, each after the previous one, however quickly it is polled.</summary>
    private void PlayNextStepInside(DateTimeOffset after, DateTimeOffset before)
    {
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

    /// <summary>The packages the fake holds for an order, as 2026-01-01 <c>OrderPackage</c> objects.</summary>
    private JsonArray Packages2026(string id) =>
    [
        .. _confirmations
            .Where(c => c.Key.Order == id)
            .OrderBy(c => c.Key.Package, StringComparer.Ordinal)
            .Select(c =>
            {
                var detail = ParseObject(c.Value)?["packageDetail"] as JsonObject ?? [];
                return (JsonNode)new JsonObject
                {
                    ["packageReferenceId"] = c.Key.Package,
                    ["carrier"] = Str(detail, "carrierCode") == "Other" ? Str(detail, "carrierName") : Str(detail, "carrierCode"),
                    ["trackingNumber"] = Str(detail, "trackingNumber"),
                    ["shipTime"] = Str(detail, "shipDate"),
                };
            }),
    ];

    private static HashSet<string> Included(Dictionary<string, string> query) =>
        query.TryGetValue("includedData", out var text)
            ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal)
            : [];

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
