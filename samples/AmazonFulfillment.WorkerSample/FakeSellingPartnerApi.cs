using System.Globalization;
using System.Text.Json.Nodes;

namespace AmazonFulfillment.WorkerSample;

/// <summary>
/// An in-process stand-in for SP-API Orders v0: it answers <c>getOrders</c> (paged, with <c>NextToken</c>),
/// <c>getOrderItems</c>, <c>confirmShipment</c> and the cancellation call with the JSON Amazon sends, so the worker
/// reads it exactly as it would read the real service. Amazon's side moves on by itself: each new poll (a
/// <c>getOrders</c> call without a <c>NextToken</c>) plays the next step of a small script.
/// </summary>
/// <remarks>
/// Script: step 1, an MFN order is placed (Pending), a second MFN order is already Unshipped (with the buyer's
/// email) and an FBA order is placed (Pending: the library ignores it); step 2, the first order is verified
/// (Unshipped) and Amazon ships the FBA order; afterwards, nothing new. Thread-safe.
/// </remarks>
internal sealed class FakeSellingPartnerApi
{
    private const int PageSize = 2;
    private const string Marketplace = "ATVPDKIKX0DER";
    private readonly Lock _gate = new();
    private readonly Dictionary<string, JsonObject> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonArray> _items = new(StringComparer.Ordinal);
    private readonly List<string> _confirmations = [];
    private readonly HashSet<string> _cancellations = new(StringComparer.Ordinal);
    private int _step;
    private DateTimeOffset _lastChange = DateTimeOffset.MinValue;

    /// <summary>Gets the accepted <c>confirmShipment</c> bodies (one per distinct package).</summary>
    public IReadOnlyList<string> Confirmations
    {
        get
        {
            lock (_gate)
            {
                return [.. _confirmations];
            }
        }
    }

    /// <summary>Answers <c>GET /orders/v0/orders?LastUpdatedAfter=…&amp;LastUpdatedBefore=…[&amp;NextToken=…]</c>.</summary>
    /// <param name="lastUpdatedAfter">The window's lower bound, as sent.</param>
    /// <param name="lastUpdatedBefore">The window's upper bound, as sent.</param>
    /// <param name="nextToken">The previous page's token, or <see langword="null"/> for the first page.</param>
    /// <returns>The response body.</returns>
    public string GetOrders(string lastUpdatedAfter, string lastUpdatedBefore, string? nextToken)
    {
        var after = DateTimeOffset.Parse(lastUpdatedAfter, CultureInfo.InvariantCulture);
        var before = DateTimeOffset.Parse(lastUpdatedBefore, CultureInfo.InvariantCulture);
        lock (_gate)
        {
            if (nextToken is null)
            {
                PlayNextStep(before);
            }

            var matching = _orders.Values
                .Where(o => Updated(o) >= after && Updated(o) <= before)
                .OrderBy(Updated)
                .ToList();
            var start = nextToken is null ? 0 : int.Parse(nextToken, CultureInfo.InvariantCulture);
            var page = new JsonArray([.. matching.Skip(start).Take(PageSize).Select(o => o.DeepClone())]);
            var payload = new JsonObject { ["Orders"] = page, ["LastUpdatedBefore"] = lastUpdatedBefore };
            if (start + PageSize < matching.Count)
            {
                payload["NextToken"] = (start + PageSize).ToString(CultureInfo.InvariantCulture);
            }

            return new JsonObject { ["payload"] = payload }.ToJsonString();
        }
    }

    /// <summary>Answers <c>GET /orders/v0/orders/{orderId}/orderItems</c> (one page).</summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <returns>The response body, or <see langword="null"/> for an unknown order (HTTP 404).</returns>
    public string? GetOrderItems(string amazonOrderId)
    {
        lock (_gate)
        {
            return _items.TryGetValue(amazonOrderId, out var items)
                ? new JsonObject { ["payload"] = new JsonObject { ["AmazonOrderId"] = amazonOrderId, ["OrderItems"] = items.DeepClone() } }.ToJsonString()
                : null;
        }
    }

    /// <summary>Gets an order's marketplace, which <c>confirmShipment</c> needs.</summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <returns>The marketplace id, or <see langword="null"/> for an unknown order.</returns>
    public string? MarketplaceOf(string amazonOrderId)
    {
        lock (_gate)
        {
            return _orders.TryGetValue(amazonOrderId, out var order) ? (string?)order["MarketplaceId"] : null;
        }
    }

    /// <summary>Answers <c>POST /orders/v0/orders/{orderId}/shipmentConfirmation</c>: 204, and the same package twice is one package.</summary>
    /// <param name="path">The request path.</param>
    /// <param name="body">The request body.</param>
    /// <returns>The HTTP status code.</returns>
    public int ConfirmShipment(string path, string body)
    {
        var packageId = (string?)JsonNode.Parse(body)?["packageDetail"]?["packageReferenceId"];
        lock (_gate)
        {
            var key = path + "#" + packageId;
            if (!_confirmations.Any(c => c.StartsWith(key + "|", StringComparison.Ordinal)))
            {
                _confirmations.Add(key + "|" + body);
            }

            return 204;
        }
    }

    /// <summary>Accepts a cancellation of an order, once per order.</summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <returns>The HTTP status code.</returns>
    public int CancelOrder(string amazonOrderId)
    {
        lock (_gate)
        {
            _cancellations.Add(amazonOrderId);
            return 204;
        }
    }

    private static DateTimeOffset Updated(JsonObject order) =>
        DateTimeOffset.Parse((string)order["LastUpdateDate"]!, CultureInfo.InvariantCulture);

    private void PlayNextStep(DateTimeOffset windowEnd)
    {
        // Amazon's changes land inside the window being read, each strictly after the previous one (whole seconds, as
        // SP-API reports them), however quickly the worker polls.
        var at = windowEnd.AddSeconds(-30);
        if (at <= _lastChange)
        {
            at = _lastChange.AddSeconds(1);
        }

        _lastChange = at;

        switch (++_step)
        {
            case 1:
                Place("902-1845936-5435065", "MFN", "Pending", at, buyerEmail: null, ("05015851154158", "NABetaASINB00551Q3CS", 2, "20.00"));
                Place("902-3159896-1390916", "MFN", "Unshipped", at, "buyer-1390916@marketplace.amazon.com", ("54601587321074", "NABetaASINB00551Q3CT", 1, "5.50"));
                Place("304-8827451-6309142", "AFN", "Pending", at, buyerEmail: null, ("66207319458102", "NABetaASINB00551Q3CU", 3, "36.00"));
                break;
            case 2:
                Update("902-1845936-5435065", "Unshipped", at);
                Update("304-8827451-6309142", "Shipped", at);
                break;
        }
    }

    private void Place(string id, string channel, string status, DateTimeOffset at, string? buyerEmail, params (string ItemId, string Sku, int Quantity, string LineTotal)[] lines)
    {
        var purchased = Text(at.AddMinutes(-1));
        var order = new JsonObject
        {
            ["AmazonOrderId"] = id,
            ["PurchaseDate"] = purchased,
            ["LastUpdateDate"] = purchased,
            ["OrderStatus"] = status,
            ["FulfillmentChannel"] = channel,
            ["SalesChannel"] = "Amazon.com",
            ["MarketplaceId"] = Marketplace,
        };
        if (buyerEmail is not null)
        {
            order["BuyerInfo"] = new JsonObject { ["BuyerEmail"] = buyerEmail };
        }

        var total = lines.Sum(l => decimal.Parse(l.LineTotal, CultureInfo.InvariantCulture));
        var items = new JsonArray();
        foreach (var (itemId, sku, quantity, lineTotal) in lines)
        {
            items.Add(new JsonObject
            {
                ["OrderItemId"] = itemId,
                ["SellerSKU"] = sku,
                ["QuantityOrdered"] = quantity,
                ["QuantityShipped"] = channel == "AFN" ? quantity : 0,
                ["ItemPrice"] = new JsonObject { ["CurrencyCode"] = "USD", ["Amount"] = lineTotal }, // the line total, not the unit price
            });
        }

        _orders[id] = order;
        _items[id] = items;
        Update(id, status, at, total);
    }

    private void Update(string id, string status, DateTimeOffset at, decimal? total = null)
    {
        var order = _orders[id];
        order["OrderStatus"] = status;
        order["LastUpdateDate"] = Text(at);
        if (status is not ("Pending" or "PendingAvailability"))
        {
            // Pending orders carry no total; Amazon adds it once payment is verified.
            total ??= _items[id].Sum(i => decimal.Parse((string)i!["ItemPrice"]!["Amount"]!, CultureInfo.InvariantCulture));
            order["OrderTotal"] = new JsonObject { ["CurrencyCode"] = "USD", ["Amount"] = total.Value.ToString("0.00", CultureInfo.InvariantCulture) };
        }
    }

    private static string Text(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
