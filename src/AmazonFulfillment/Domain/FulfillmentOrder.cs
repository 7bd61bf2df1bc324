using System.Collections.Immutable;

namespace AmazonFulfillment.Domain;

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

    /// <summary>Gets the Amazon store the order belongs to, whose settings decide for it (<see cref="AmazonStores.Default"/> for
    /// orders stored before stores existed).</summary>
    public string AmazonStore { get; init; } = AmazonStores.Default;

    /// <summary>Gets the start of Amazon's ship-by window, or <see langword="null"/> when Amazon gave none.</summary>
    public DateTimeOffset? EarliestShipDate { get; init; }

    /// <summary>Gets Amazon's ship-by deadline, or <see langword="null"/> when Amazon gave none (FBA orders, for one).</summary>
    public DateTimeOffset? LatestShipDate { get; init; }

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

    /// <summary>
    /// Gets the stable code of <see cref="Error"/> (one of <see cref="ProblemCodes"/>, such as
    /// <see cref="ProblemCodes.ImportRefusedByCommerce"/>), to match on instead of its text; <see langword="null"/> when there is no
    /// error, or for an error stored before codes existed.
    /// </summary>
    public string? ErrorCode { get; init; }

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

    /// <summary>Gets whether there is work to run (an outbox effect that is not held and not scheduled for later: a scheduled check
    /// runs at the first sweep after it is due).</summary>
    public bool HasRunnableWork => Outbox.Any(e => !e.Held && e.Effect.NotBefore is null);

    /// <summary>Gets whether there is work to run at <paramref name="now"/>: an outbox effect that is not held and is due (a scheduled check
    /// whose time has come counts; one still throttled after its time is work left).</summary>
    /// <param name="now">The time.</param>
    /// <returns><see langword="true"/> when an effect may run now.</returns>
    public bool HasRunnableWorkAt(DateTimeOffset now) => Outbox.Any(e => e.RunnableAt(now));

    /// <summary>Gets whether there is unfinished work: an outbox effect (held or not), or a blocked import. Stores list these orders for the sweep.</summary>
    public bool HasUnfinishedWork => !Outbox.IsEmpty || State == OrderState.Blocked;

    /// <summary>Gets whether the merchant's cancellation waits for Amazon's answer (Commerce is cancelled only after Amazon accepts).</summary>
    public bool CancellationPending => State != OrderState.Canceled && Outbox.Any(e => e.Effect is CancelOnAmazon);

    /// <summary>Gets whether Amazon refused the confirmation of a package and the merchant has not corrected it yet.</summary>
    public bool HasRefusedConfirmation => Packages.Any(p => p.Confirmation == ConfirmationState.Failed);

    /// <summary>Gets the order's channel status (docs/rules.md section 2): Error while an import is blocked, the order is unfulfillable or Amazon refused a package.</summary>
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

    /// <summary>
    /// Gets where the order stands against its ship-by deadline at <paramref name="now"/>: <see langword="null"/> for an FBA order, an order
    /// without a <see cref="LatestShipDate"/>, or one with nothing left to ship or confirm (cancelled, never importable, or every
    /// unit shipped and every package confirmed, refused ones excepted: they still need the merchant).
    /// </summary>
    /// <param name="now">The clock.</param>
    /// <param name="settings">The thresholds (<see cref="OrderSettings.ShipByDueSoon"/>, <see cref="OrderSettings.ShipByAutoCancelNear"/>).</param>
    /// <returns>The deadline status, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is null.</exception>
    public ShipByStatus? ShipByAt(DateTimeOffset now, OrderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (Channel != FulfillmentChannel.Merchant || LatestShipDate is not { } deadline || !AwaitsShipment)
        {
            return null;
        }

        return now > deadline
            ? (now - deadline >= settings.ShipByAutoCancelNear ? ShipByStatus.AutoCancelNear : ShipByStatus.Late)
            : (deadline - now <= settings.ShipByDueSoon ? ShipByStatus.DueSoon : ShipByStatus.OnTime);
    }

    /// <summary>Gets the ship-by deadline that still matters: <see cref="LatestShipDate"/> while a merchant-fulfilled order
    /// <see cref="AwaitsShipment"/>, else <see langword="null"/>. Stores list unfinished work nearest this deadline first, so a
    /// confirmation that can still be on time is not queued behind one that cannot.</summary>
    public DateTimeOffset? ShipByDeadline => Channel == FulfillmentChannel.Merchant && AwaitsShipment ? LatestShipDate : null;

    /// <summary>Gets whether Amazon still waits for something of this order to be shipped or confirmed: it is not cancelled or
    /// unfulfillable, Amazon does not report it shipped already, and a unit is unshipped or a package's confirmation has not been
    /// accepted (nor dropped).</summary>
    public bool AwaitsShipment =>
        State is not (OrderState.Canceled or OrderState.Unfulfillable or OrderState.Untracked)
        && AmazonStatus is not (AmazonOrderStatus.Canceled or AmazonOrderStatus.Unfulfillable or AmazonOrderStatus.Shipped or AmazonOrderStatus.InvoiceUnconfirmed)
        && (!AllItemsShipped || Packages.Any(p => p.Confirmation is ConfirmationState.Pending or ConfirmationState.Failed));

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
