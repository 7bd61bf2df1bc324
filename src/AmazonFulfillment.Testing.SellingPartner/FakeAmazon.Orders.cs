using System.Globalization;
using System.Text.Json.Nodes;

namespace AmazonFulfillment.Testing.SellingPartner;

/// <summary>The fake's order book: placing orders, moving them through their statuses, and reading them back.</summary>
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

    private static decimal Total(FakeOrder order) => order.Items.Sum(i => i.UnitPrice * i.QuantityOrdered);

    private static JsonObject Money(decimal amount, string currency, bool pascal) => pascal
        ? new JsonObject { ["CurrencyCode"] = currency, ["Amount"] = amount.ToString("0.00", CultureInfo.InvariantCulture) }
        : new JsonObject { ["amount"] = amount.ToString("0.00", CultureInfo.InvariantCulture), ["currencyCode"] = currency };

    private static string? Str(JsonObject json, string name) => json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static DateTimeOffset Seconds(DateTimeOffset value) => new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static string Text(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
