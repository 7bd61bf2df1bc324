using System.Collections.Immutable;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Workflows;

/// <summary>
/// One decision's working copy of an order: the decision changes it step by step and publishes it once as a new
/// immutable <see cref="FulfillmentOrder"/> (<see cref="ToOrder"/>), instead of building an order per step.
/// A mutable struct passed by reference; it never leaves <see cref="OrderWorkflow"/>.
/// </summary>
internal struct OrderDraft
{
    public AmazonOrderId Id;
    public FulfillmentChannel Channel;
    public OrderState State;
    public AmazonOrderStatus AmazonStatus;
    public DateTimeOffset LastUpdateDate;
    public DateTimeOffset PurchaseDate;
    public MarketplaceId? MarketplaceId;
    public string AmazonStore;
    public DateTimeOffset? EarliestShipDate;
    public DateTimeOffset? LatestShipDate;
    public Money? OrderTotal;
    public BuyerInfo? Buyer;
    public ShippingAddress? ShippingAddress;
    public ImmutableArray<TrackedItem> Items;
    public AmazonOrderStatus? ItemsFetchedFor;
    public CommerceOrderRef? CommerceOrder;
    public CustomerRef? Customer;
    public bool CancellationRequested;
    public string? Error;
    public string? ErrorCode;
    public int ImportAttempts;
    public int AutomaticImportAttempts;
    public ImmutableArray<PackageRecord> Packages;
    public string? MerchantCancelReason;
    public bool CanceledOnAmazon;
    public ImmutableArray<PendingEffect> Outbox;
    public ImmutableArray<EffectFailure> Failures;

    /// <summary>A draft of a tracked order.</summary>
    public OrderDraft(FulfillmentOrder order)
    {
        Id = order.Id;
        Channel = order.Channel;
        State = order.State;
        AmazonStatus = order.AmazonStatus;
        LastUpdateDate = order.LastUpdateDate;
        PurchaseDate = order.PurchaseDate;
        MarketplaceId = order.MarketplaceId;
        AmazonStore = order.AmazonStore;
        EarliestShipDate = order.EarliestShipDate;
        LatestShipDate = order.LatestShipDate;
        OrderTotal = order.OrderTotal;
        Buyer = order.Buyer;
        ShippingAddress = order.ShippingAddress;
        Items = order.Items;
        ItemsFetchedFor = order.ItemsFetchedFor;
        CommerceOrder = order.CommerceOrder;
        Customer = order.Customer;
        CancellationRequested = order.CancellationRequested;
        Error = order.Error;
        ErrorCode = order.ErrorCode;
        ImportAttempts = order.ImportAttempts;
        AutomaticImportAttempts = order.AutomaticImportAttempts;
        Packages = order.Packages;
        MerchantCancelReason = order.MerchantCancelReason;
        CanceledOnAmazon = order.CanceledOnAmazon;
        Outbox = order.Outbox;
        Failures = order.Failures;
    }

    /// <summary>A draft of an order seen for the first time: untracked, with what Amazon reported.</summary>
    public OrderDraft(AmazonOrderSnapshot snapshot)
    {
        Id = snapshot.Id;
        Channel = snapshot.Channel;
        State = OrderState.Untracked;
        AmazonStatus = snapshot.Status;
        LastUpdateDate = snapshot.LastUpdateDate;
        PurchaseDate = snapshot.PurchaseDate;
        MarketplaceId = snapshot.MarketplaceId;
        AmazonStore = snapshot.AmazonStore;
        EarliestShipDate = snapshot.EarliestShipDate;
        LatestShipDate = snapshot.LatestShipDate;
        OrderTotal = snapshot.OrderTotal;
        Buyer = snapshot.Buyer;
        ShippingAddress = snapshot.ShippingAddress;
        Items = [];
        Packages = [];
        Outbox = [];
        Failures = [];
    }

    /// <summary>Shows an error with its code; a <see langword="null"/> message clears both.</summary>
    public void SetError(string code, string? message)
    {
        Error = message;
        ErrorCode = message is null ? null : code;
    }

    public readonly bool AllItemsShipped => FulfillmentOrder.AllShipped(Items);

    public readonly bool AnyItemShipped => FulfillmentOrder.AnyShipped(Items);

    /// <summary>Publishes the draft as an immutable order.</summary>
    public readonly FulfillmentOrder ToOrder() => new()
    {
        Id = Id,
        Channel = Channel,
        State = State,
        AmazonStatus = AmazonStatus,
        LastUpdateDate = LastUpdateDate,
        PurchaseDate = PurchaseDate,
        MarketplaceId = MarketplaceId,
        AmazonStore = AmazonStore,
        EarliestShipDate = EarliestShipDate,
        LatestShipDate = LatestShipDate,
        OrderTotal = OrderTotal,
        Buyer = Buyer,
        ShippingAddress = ShippingAddress,
        Items = Items,
        ItemsFetchedFor = ItemsFetchedFor,
        CommerceOrder = CommerceOrder,
        Customer = Customer,
        CancellationRequested = CancellationRequested,
        Error = Error,
        ErrorCode = Error is null ? null : ErrorCode,
        ImportAttempts = ImportAttempts,
        AutomaticImportAttempts = AutomaticImportAttempts,
        Packages = Packages,
        MerchantCancelReason = MerchantCancelReason,
        CanceledOnAmazon = CanceledOnAmazon,
        Outbox = Outbox,
        Failures = Failures,
    };
}
