using System.Text.Json;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;

namespace AmazonFulfillment.CrashHost;

/// <summary>
/// The wire between the crash host and the fake Commerce the crash tests serve over HTTP (so that Commerce keeps its orders
/// and customers when the host is killed): one POST per port operation, a JSON body, and the port's result as JSON. Compiled
/// into both the host and the tests.
/// </summary>
internal static class CommerceWire
{
    public const string CreateOrder = "/commerce/orders/create";
    public const string CompleteOrder = "/commerce/orders/complete";
    public const string MarkOrderProcessing = "/commerce/orders/processing";
    public const string CancelOrder = "/commerce/orders/cancel";

    /// <summary>GET: the Amazon order ids of the Commerce orders, in creation order (the warehouse's pick list).</summary>
    public const string Orders = "/commerce/orders";

    public const string FindCustomer = "/customers/find";
    public const string CreateCustomer = "/customers/create";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}

/// <summary>A port result on the wire.</summary>
internal sealed record ResultWire<T>(PortStatus Status, T? Value, string? Reason, TimeSpan? RetryAfter)
{
    public static ResultWire<T> From(PortResult<T> result) => new(result.Status, result.Value, result.Reason, result.RetryAfter);

    public static ResultWire<T> From(PortResult result) => new(result.Status, default, result.Reason, result.RetryAfter);

    public PortResult<T> ToResult() => new(Status, Value, Reason, RetryAfter);

    public PortResult ToPlainResult() => new(Status, Reason, RetryAfter);
}

internal sealed record MoneyWire(decimal Amount, string Currency)
{
    public static MoneyWire? From(Money? money) => money is { } m ? new MoneyWire(m.Amount, m.Currency) : null;

    public Money ToMoney() => Money.Of(Amount, Currency);
}

internal sealed record LineWire(string Sku, int Quantity, MoneyWire? UnitPrice);

internal sealed record OrderIdWire(string AmazonOrderId);

internal sealed record CustomerWire(string Email, string? Name);

/// <summary>A <see cref="CommerceOrderRequest"/> on the wire: every field, domain values as text.</summary>
internal sealed record OrderRequestWire(
    string AmazonOrderId,
    FulfillmentChannel Channel,
    string StoreView,
    string? OrderNumber,
    string? InitialStatus,
    bool ReserveInventory,
    bool RequireStock,
    string? CustomerId,
    string? BuyerEmail,
    string? BuyerName,
    bool HasBuyer,
    ShippingAddress? ShippingAddress,
    IReadOnlyList<LineWire> Lines,
    MoneyWire? Total,
    DateTimeOffset PurchaseDate)
{
    public static OrderRequestWire From(CommerceOrderRequest request) => new(
        request.AmazonOrderId.Value,
        request.Channel,
        request.StoreView,
        request.OrderNumber,
        request.InitialStatus,
        request.ReserveInventory,
        request.RequireStock,
        request.CustomerId,
        request.Buyer?.Email,
        request.Buyer?.Name,
        request.Buyer is not null,
        request.ShippingAddress,
        [.. request.Lines.Select(l => new LineWire(l.Sku.Value, l.Quantity, MoneyWire.From(l.UnitPrice)))],
        MoneyWire.From(request.Total),
        request.PurchaseDate);

    public CommerceOrderRequest ToRequest() => new()
    {
        AmazonOrderId = Domain.AmazonOrderId.Parse(AmazonOrderId),
        Channel = Channel,
        StoreView = StoreView,
        OrderNumber = OrderNumber,
        InitialStatus = InitialStatus,
        ReserveInventory = ReserveInventory,
        RequireStock = RequireStock,
        CustomerId = CustomerId,
        Buyer = HasBuyer ? new BuyerInfo(BuyerEmail, BuyerName) : null,
        ShippingAddress = ShippingAddress,
        Lines = [.. Lines.Select(l => new CommerceOrderLine(Sku.Parse(l.Sku), l.Quantity, l.UnitPrice?.ToMoney()))],
        Total = Total?.ToMoney(),
        PurchaseDate = PurchaseDate,
    };
}
