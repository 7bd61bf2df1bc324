using System.Collections.Immutable;

namespace AmazonFulfillment.Domain;

/// <summary>
/// What Amazon reports about an order at one moment (a <c>getOrders</c>/<c>getOrder</c> entry, optionally
/// with its items). Observations are ordered by <see cref="LastUpdateDate"/>.
/// </summary>
public sealed record AmazonOrderSnapshot
{
    /// <summary>Creates a snapshot.</summary>
    /// <param name="id">The Amazon order id.</param>
    /// <param name="status">Amazon's order status.</param>
    /// <param name="channel">Who fulfils the order.</param>
    /// <param name="purchaseDate">When the order was placed.</param>
    /// <param name="lastUpdateDate">When Amazon last changed the order; not before <paramref name="purchaseDate"/>.</param>
    /// <param name="marketplaceId">The marketplace, when known.</param>
    /// <param name="orderTotal">The order total; Amazon gives none while Pending.</param>
    /// <param name="buyer">The buyer's details, when Amazon gives them.</param>
    /// <param name="shippingAddress">The shipping address, when Amazon gives it.</param>
    /// <param name="items">The order's lines when the observation carries them; <see langword="null"/> when they must be fetched.</param>
    /// <exception cref="ArgumentException">The id is the default value, <paramref name="lastUpdateDate"/> is before <paramref name="purchaseDate"/>, an enum is undefined, or two items share an id.</exception>
    public AmazonOrderSnapshot(
        AmazonOrderId id,
        AmazonOrderStatus status,
        FulfillmentChannel channel,
        DateTimeOffset purchaseDate,
        DateTimeOffset lastUpdateDate,
        MarketplaceId? marketplaceId = null,
        Money? orderTotal = null,
        BuyerInfo? buyer = null,
        ShippingAddress? shippingAddress = null,
        IEnumerable<AmazonOrderItem>? items = null)
    {
        if (id.Value.Length == 0)
        {
            throw ProblemCodes.Attach(ProblemCodes.InputInvalidSnapshot, new ArgumentException("is required.", nameof(id)));
        }

        var list = items?.ToImmutableArray();
        if (Problem(status, channel, purchaseDate, lastUpdateDate, list) is { } problem)
        {
            throw ProblemCodes.Attach(ProblemCodes.InputInvalidSnapshot, new ArgumentException(problem.Error, problem.Parameter));
        }

        Id = id;
        Status = status;
        Channel = channel;
        PurchaseDate = purchaseDate;
        LastUpdateDate = lastUpdateDate;
        MarketplaceId = marketplaceId;
        OrderTotal = orderTotal;
        Buyer = buyer;
        ShippingAddress = shippingAddress;
        Items = list;
    }

    /// <summary>Gets the Amazon order id.</summary>
    public AmazonOrderId Id { get; }

    /// <summary>Gets Amazon's order status.</summary>
    public AmazonOrderStatus Status { get; }

    /// <summary>Gets who fulfils the order.</summary>
    public FulfillmentChannel Channel { get; }

    /// <summary>Gets when the order was placed.</summary>
    public DateTimeOffset PurchaseDate { get; }

    /// <summary>Gets when Amazon last changed the order; observations are applied in this order.</summary>
    public DateTimeOffset LastUpdateDate { get; }

    /// <summary>Gets the marketplace, when known.</summary>
    public MarketplaceId? MarketplaceId { get; }

    /// <summary>Gets the order total, or <see langword="null"/> (Pending orders carry none).</summary>
    public Money? OrderTotal { get; }

    /// <summary>Gets the buyer's details, or <see langword="null"/> when Amazon withheld them.</summary>
    public BuyerInfo? Buyer { get; }

    /// <summary>Gets the shipping address, or <see langword="null"/>.</summary>
    public ShippingAddress? ShippingAddress { get; }

    /// <summary>Gets the lines when this observation carries them, or <see langword="null"/> when they must be fetched.</summary>
    public ImmutableArray<AmazonOrderItem>? Items { get; }

    /// <summary>Gets the start of Amazon's ship-by window (<c>EarliestShipDate</c>), or <see langword="null"/> when Amazon gave none.</summary>
    public DateTimeOffset? EarliestShipDate { get; init; }

    /// <summary>Gets Amazon's ship-by deadline (<c>LatestShipDate</c>): a shipment confirmed after it counts as late.
    /// <see langword="null"/> when Amazon gave none.</summary>
    public DateTimeOffset? LatestShipDate { get; init; }

    /// <summary>Gets the Amazon store that observed the order (<see cref="AmazonStores.Default"/> unless the host runs several).</summary>
    /// <exception cref="ArgumentException">On set: the name is blank, too long, or has control characters or surrounding white space.</exception>
    public string AmazonStore
    {
        get;
        init => field = AmazonStores.Require(value, nameof(AmazonStore));
    } = AmazonStores.Default;

    /// <summary>Validates untrusted snapshot data, returning the field and reason instead of throwing.</summary>
    /// <param name="id">The order id text.</param>
    /// <param name="status">The status.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="purchaseDate">When the order was placed.</param>
    /// <param name="lastUpdateDate">When Amazon last changed it.</param>
    /// <param name="marketplaceId">The marketplace, or <see langword="null"/>.</param>
    /// <param name="orderTotal">The total, or <see langword="null"/>.</param>
    /// <param name="buyer">The buyer, or <see langword="null"/>.</param>
    /// <param name="shippingAddress">The address, or <see langword="null"/>.</param>
    /// <param name="items">The lines, or <see langword="null"/>.</param>
    /// <returns>The snapshot or the reason it was refused.</returns>
    public static Validated<AmazonOrderSnapshot> TryCreate(
        string? id,
        AmazonOrderStatus status,
        FulfillmentChannel channel,
        DateTimeOffset purchaseDate,
        DateTimeOffset lastUpdateDate,
        MarketplaceId? marketplaceId = null,
        Money? orderTotal = null,
        BuyerInfo? buyer = null,
        ShippingAddress? shippingAddress = null,
        IReadOnlyList<AmazonOrderItem>? items = null)
    {
        var orderId = AmazonOrderId.TryCreate(id);
        if (!orderId.IsValid)
        {
            return orderId.As<AmazonOrderSnapshot>();
        }

        if (Problem(status, channel, purchaseDate, lastUpdateDate, items) is { } problem)
        {
            return Validated<AmazonOrderSnapshot>.Fail(problem.Field, problem.Error);
        }

        return Validated<AmazonOrderSnapshot>.Ok(new AmazonOrderSnapshot(orderId.Value, status, channel, purchaseDate, lastUpdateDate, marketplaceId, orderTotal, buyer, shippingAddress, items));
    }

    private static (string Parameter, string Field, string Error)? Problem(
        AmazonOrderStatus status, FulfillmentChannel channel, DateTimeOffset purchaseDate, DateTimeOffset lastUpdateDate, IEnumerable<AmazonOrderItem>? items)
    {
        if (!Enum.IsDefined(status))
        {
            return (nameof(status), "OrderStatus", $"{(int)status} is not an Amazon order status.");
        }

        if (!Enum.IsDefined(channel))
        {
            return (nameof(channel), "FulfillmentChannel", $"{(int)channel} is not a fulfillment channel.");
        }

        if (lastUpdateDate < purchaseDate)
        {
            return (nameof(lastUpdateDate), "LastUpdateDate", "must not be before PurchaseDate.");
        }

        var seen = new HashSet<OrderItemId>();
        foreach (var item in items ?? [])
        {
            if (item is null)
            {
                return (nameof(items), "OrderItems", "contains a null item.");
            }

            if (!seen.Add(item.OrderItemId))
            {
                return (nameof(items), "OrderItems", $"OrderItemId {item.OrderItemId} appears twice.");
            }
        }

        return null;
    }
}
