using System.Collections.Immutable;

namespace AmazonFulfillment.Domain;

/// <summary>Where a tracked order is in its workflow.</summary>
public enum OrderState
{
    /// <summary>Not tracked yet (no stored order).</summary>
    Untracked,

    /// <summary>Amazon has not verified payment; tracked, not visible in Orders.</summary>
    Pending,

    /// <summary>Visible; the Commerce order is being created (items, customer, creation).</summary>
    Importing,

    /// <summary>Creation was refused; channel status Error with the reason.</summary>
    Blocked,

    /// <summary>Nothing shipped.</summary>
    Unshipped,

    /// <summary>Some items shipped.</summary>
    PartiallyShipped,

    /// <summary>Every item shipped (or FBA).</summary>
    Shipped,

    /// <summary>Canceled by Amazon, the buyer or the merchant.</summary>
    Canceled,

    /// <summary>Amazon reports it Unfulfillable (multi-channel fulfilment); never imported.</summary>
    Unfulfillable,
}

/// <summary>Whether the order is a guest order or belongs to a customer account.</summary>
public enum CustomerKind
{
    /// <summary>A guest order.</summary>
    Guest,

    /// <summary>An order of a Commerce customer account.</summary>
    Account,
}

/// <summary>The Commerce customer of an order.</summary>
/// <param name="Kind">Guest or account.</param>
/// <param name="CustomerId">The customer's id for accounts; <see langword="null"/> for guests.</param>
public sealed record CustomerRef(CustomerKind Kind, string? CustomerId)
{
    /// <summary>Gets the guest customer.</summary>
    public static CustomerRef Guest { get; } = new(CustomerKind.Guest, null);
}

/// <summary>The Commerce order created for an Amazon order.</summary>
/// <param name="CommerceOrderId">Commerce's id.</param>
/// <param name="OrderNumber">The order number.</param>
/// <param name="Status">Its status as last set by this library.</param>
public sealed record CommerceOrderRef(string CommerceOrderId, string OrderNumber, string Status);

/// <summary>One line of a tracked order and how much of it has shipped.</summary>
/// <param name="OrderItemId">Amazon's line id.</param>
/// <param name="Sku">The SKU.</param>
/// <param name="QuantityOrdered">Units ordered.</param>
/// <param name="ShippedByCommerce">Units shipped in packages recorded from Commerce.</param>
/// <param name="ShippedOutside">Units Amazon reports shipped that Commerce never shipped (Seller Central).</param>
/// <param name="ItemPrice">The line total, or <see langword="null"/>.</param>
/// <param name="BuyerRequestedCancel">Whether the buyer asked to cancel this line.</param>
public sealed record TrackedItem(
    OrderItemId OrderItemId,
    Sku Sku,
    int QuantityOrdered,
    int ShippedByCommerce,
    int ShippedOutside,
    Money? ItemPrice,
    bool BuyerRequestedCancel)
{
    /// <summary>Gets the units not yet shipped.</summary>
    public int Remaining => QuantityOrdered - ShippedByCommerce - ShippedOutside;
}

/// <summary>Where a package's confirmation to Amazon stands.</summary>
public enum ConfirmationState
{
    /// <summary>Decided, not yet accepted by Amazon (or held by read-only mode).</summary>
    Pending,

    /// <summary>Amazon accepted the confirmation.</summary>
    Confirmed,

    /// <summary>Amazon refused it permanently; the reason is on the package. The order shows channel status Error until the
    /// merchant corrects the package (records it again under the same id) or retries it.</summary>
    Failed,

    /// <summary>Not sent, because Amazon reports the order Canceled; the reason is on the package.</summary>
    Dropped,
}

/// <summary>A package recorded from Commerce and its confirmation to Amazon.</summary>
/// <param name="Package">The package.</param>
/// <param name="Confirmation">Where its confirmation stands.</param>
/// <param name="FailureReason">Amazon's reason when it refused the confirmation, or why it was dropped.</param>
/// <param name="ConfirmedAt">When Amazon accepted the confirmation, or <see langword="null"/> while it has not.</param>
public sealed record PackageRecord(ShipmentPackage Package, ConfirmationState Confirmation, string? FailureReason = null, DateTimeOffset? ConfirmedAt = null);

/// <summary>A permanent failure of an effect, kept visible on the order.</summary>
/// <param name="IdempotencyKey">The failed effect's key.</param>
/// <param name="Reason">Why it failed.</param>
/// <param name="At">When it failed.</param>
public sealed record EffectFailure(string IdempotencyKey, string Reason, DateTimeOffset At);

/// <summary>
/// An Amazon order as this library tracks it: the last applied Amazon observation, the Commerce side,
/// the packages, and the outbox of effects not yet done. Immutable; workflows return new instances.
/// </summary>
public sealed record FulfillmentOrder
{
    /// <summary>Gets the Amazon order id.</summary>
    public required AmazonOrderId Id { get; init; }

    /// <summary>Gets who fulfils the order.</summary>
    public required FulfillmentChannel Channel { get; init; }

    /// <summary>Gets the workflow state.</summary>
    public required OrderState State { get; init; }

    /// <summary>Gets Amazon's status as last applied.</summary>
    public required AmazonOrderStatus AmazonStatus { get; init; }

    /// <summary>Gets the <c>LastUpdateDate</c> of the last applied observation; older ones change nothing.</summary>
    public required DateTimeOffset LastUpdateDate { get; init; }

    /// <summary>Gets when the order was placed.</summary>
    public required DateTimeOffset PurchaseDate { get; init; }

    /// <summary>Gets the marketplace, when known.</summary>
    public MarketplaceId? MarketplaceId { get; init; }

    /// <summary>Gets the order total, when known.</summary>
    public Money? OrderTotal { get; init; }

    /// <summary>Gets the buyer's details, when Amazon gave them (restricted data).</summary>
    public BuyerInfo? Buyer { get; init; }

    /// <summary>Gets the shipping address, when Amazon gave it (restricted data).</summary>
    public ShippingAddress? ShippingAddress { get; init; }

    /// <summary>Gets the lines; empty until fetched.</summary>
    public ImmutableArray<TrackedItem> Items { get; init; } = [];

    /// <summary>Gets the Amazon status the lines were last fetched for, or <see langword="null"/> when never fetched.</summary>
    public AmazonOrderStatus? ItemsFetchedFor { get; init; }

    /// <summary>Gets the Commerce order, once created.</summary>
    public CommerceOrderRef? CommerceOrder { get; init; }

    /// <summary>Gets the customer, once resolved.</summary>
    public CustomerRef? Customer { get; init; }

    /// <summary>Gets whether the buyer asked to cancel (any line flagged); the merchant decides.</summary>
    public bool CancellationRequested { get; init; }

    /// <summary>
    /// Gets why the order needs the merchant's attention: why the import is blocked, why it is not imported, why Amazon
    /// refused a confirmation or a cancellation, or that a package was shipped for an order Amazon cancelled.
    /// </summary>
    public string? Error { get; init; }

    /// <summary>Gets how many import attempts were made (automatic and merchant retries).</summary>
    public int ImportAttempts { get; init; }

    /// <summary>Gets how many automatic import attempts were made (capped by <see cref="OrderSettings.MaxImportAttempts"/>).</summary>
    public int AutomaticImportAttempts { get; init; }

    /// <summary>Gets the packages recorded from Commerce, in the order recorded.</summary>
    public ImmutableArray<PackageRecord> Packages { get; init; } = [];

    /// <summary>Gets the merchant's cancellation reason once the merchant cancelled.</summary>
    public string? MerchantCancelReason { get; init; }

    /// <summary>Gets whether Amazon accepted the merchant's cancellation.</summary>
    public bool CanceledOnAmazon { get; init; }

    /// <summary>Gets the outbox: effects decided and not yet done.</summary>
    public ImmutableArray<PendingEffect> Outbox { get; init; } = [];

    /// <summary>Gets permanent effect failures, most recent last.</summary>
    public ImmutableArray<EffectFailure> Failures { get; init; } = [];

    /// <summary>Gets whether the order is visible in the Commerce Orders grid (it has left Pending).</summary>
    public bool VisibleInOrders => State is not (OrderState.Untracked or OrderState.Pending);

    /// <summary>Gets whether there is work to run (an outbox effect that is not held).</summary>
    public bool HasRunnableWork => Outbox.Any(e => !e.Held);

    /// <summary>Gets whether there is unfinished work: an outbox effect (held or not), or a blocked import. Stores list these orders for the sweep.</summary>
    public bool HasUnfinishedWork => !Outbox.IsEmpty || State == OrderState.Blocked;

    /// <summary>Gets whether the merchant's cancellation waits for Amazon's answer (Commerce is cancelled only after Amazon accepts).</summary>
    public bool CancellationPending => State != OrderState.Canceled && Outbox.Any(e => e.Effect is CancelOnAmazon);

    /// <summary>Gets whether Amazon refused the confirmation of a package and the merchant has not corrected it yet.</summary>
    public bool HasRefusedConfirmation => Packages.Any(p => p.Confirmation == ConfirmationState.Failed);

    /// <summary>Gets the status the sales channel's order table shows.</summary>
    public ChannelStatus ChannelStatus => State switch
    {
        not OrderState.Canceled when HasRefusedConfirmation => ChannelStatus.Error, // never Shipped while Amazon refused a package
        OrderState.Pending => AmazonStatus == AmazonOrderStatus.PendingAvailability ? ChannelStatus.PendingAvailability : ChannelStatus.Pending,
        OrderState.Blocked or OrderState.Unfulfillable => ChannelStatus.Error,
        OrderState.Unshipped => ChannelStatus.Unshipped,
        OrderState.PartiallyShipped => ChannelStatus.PartiallyShipped,
        OrderState.Shipped => ChannelStatus.Shipped,
        OrderState.Canceled => ChannelStatus.Canceled,
        _ => AmazonStatus switch
        {
            AmazonOrderStatus.PartiallyShipped => ChannelStatus.PartiallyShipped,
            AmazonOrderStatus.Shipped or AmazonOrderStatus.InvoiceUnconfirmed => ChannelStatus.Shipped,
            _ => ChannelStatus.Unshipped,
        },
    };

    /// <summary>Gets whether every line is shipped (by Commerce or outside it). False while the lines are unknown.</summary>
    public bool AllItemsShipped => AllShipped(Items);

    /// <summary>Gets whether any unit has shipped.</summary>
    public bool AnyItemShipped => AnyShipped(Items);

    internal static bool AllShipped(ImmutableArray<TrackedItem> items)
    {
        foreach (var item in items)
        {
            if (item.Remaining != 0)
            {
                return false;
            }
        }

        return !items.IsEmpty;
    }

    internal static bool AnyShipped(ImmutableArray<TrackedItem> items)
    {
        foreach (var item in items)
        {
            if (item.ShippedByCommerce + item.ShippedOutside > 0)
            {
                return true;
            }
        }

        return false;
    }
}
