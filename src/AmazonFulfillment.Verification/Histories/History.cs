using System.Collections.Immutable;
using System.Globalization;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Testing;

namespace AmazonFulfillment.Verification.Histories;

/// <summary>How a line's product stands in the Commerce catalog when a history starts.</summary>
public enum ProductAvailability
{
    /// <summary>Managed stock, available.</summary>
    InStock,

    /// <summary>Managed stock, none left (blocks merchant-fulfilled orders only).</summary>
    OutOfStock,

    /// <summary>Stock not managed (never blocks).</summary>
    NotManaged,

    /// <summary>The product is disabled (blocks every order).</summary>
    Disabled,

    /// <summary>The SKU is unknown to Commerce (blocks every order).</summary>
    Unknown,
}

/// <summary>One line of a planned Amazon order.</summary>
/// <param name="OrderItemId">Amazon's line id.</param>
/// <param name="Sku">The SKU.</param>
/// <param name="Quantity">Units ordered, at least 1.</param>
/// <param name="ItemPrice">The line total as Amazon gives it, or <see langword="null"/>.</param>
/// <param name="Product">How its product stands in Commerce at the start.</param>
public sealed record PlannedLine(OrderItemId OrderItemId, Sku Sku, int Quantity, Money? ItemPrice, ProductAvailability Product);

/// <summary>
/// An Amazon order as it really evolves on Amazon: the statuses Amazon reports at successive
/// <c>LastUpdateDate</c>s (tick <c>i</c> is <see cref="PurchaseDate"/> plus <c>i + 1</c> minutes). Observations of a
/// history pick any tick, so they arrive duplicated, reordered and stale.
/// </summary>
/// <param name="Id">The Amazon order id.</param>
/// <param name="Channel">Who fulfils it.</param>
/// <param name="Timeline">Amazon's status at each tick, never regressing; the same status may repeat (Amazon changed something else).</param>
/// <param name="Lines">The lines.</param>
/// <param name="BuyerEmail">The buyer's email when Amazon gives it (merchant-fulfilled orders past Pending), else <see langword="null"/>.</param>
/// <param name="PurchaseDate">When it was placed.</param>
public sealed record OrderPlan(
    AmazonOrderId Id,
    FulfillmentChannel Channel,
    ImmutableArray<AmazonOrderStatus> Timeline,
    ImmutableArray<PlannedLine> Lines,
    string? BuyerEmail,
    DateTimeOffset PurchaseDate)
{
    /// <summary>Gets Amazon's <c>LastUpdateDate</c> at a tick.</summary>
    /// <param name="tick">The tick, from 0.</param>
    /// <returns>The date.</returns>
    public DateTimeOffset UpdatedAt(int tick) => PurchaseDate.AddMinutes(tick + 1);

    /// <summary>Gets the lines as Amazon reports them at a tick (shipped quantities follow the status).</summary>
    /// <param name="tick">The tick.</param>
    /// <returns>The lines.</returns>
    public ImmutableArray<AmazonOrderItem> ItemsAt(int tick)
    {
        var status = Timeline[Math.Clamp(tick, 0, Timeline.Length - 1)];
        return Lines.Select((l, i) =>
        {
            var shipped = status.IsShipped() ? l.Quantity
                : status == AmazonOrderStatus.PartiallyShipped && i == 0 ? (Lines.Length > 1 ? l.Quantity : l.Quantity / 2)
                : 0;
            return new AmazonOrderItem(l.OrderItemId, l.Sku, l.Quantity, shipped, status.IsPending() ? null : l.ItemPrice);
        }).ToImmutableArray();
    }

    /// <summary>Builds the observation Amazon gives at a tick.</summary>
    /// <param name="tick">The tick.</param>
    /// <param name="withItems">Whether the observation carries its lines (else the runtime fetches them).</param>
    /// <returns>The snapshot.</returns>
    public AmazonOrderSnapshot SnapshotAt(int tick, bool withItems)
    {
        var t = Math.Clamp(tick, 0, Timeline.Length - 1);
        var status = Timeline[t];
        var buyer = BuyerEmail is not null && !status.IsPending() && Channel == FulfillmentChannel.Merchant
            ? new BuyerInfo(BuyerEmail, "Buyer " + Id.Value[^3..])
            : null;
        return new AmazonOrderSnapshot(Id, status, Channel, PurchaseDate, UpdatedAt(t), marketplaceId: MarketplaceId.Parse("ATVPDKIKX0DER"), items: withItems ? ItemsAt(t) : null, buyer: buyer);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Id} {Channel} [{string.Join(" > ", Timeline)}] lines=[{string.Join(", ", Lines.Select(l => $"{l.OrderItemId}x{l.Quantity}:{l.Product}"))}] email={(BuyerEmail is null ? "none" : "set")}";
}

/// <summary>One command of a history.</summary>
public abstract record HistoryStep;

/// <summary>Amazon reports an order as it was at a tick (possibly a duplicate, reordered or stale observation).</summary>
/// <param name="Order">The order's index in <see cref="History.Orders"/>.</param>
/// <param name="Tick">The tick observed.</param>
/// <param name="WithItems">Whether the observation carries the lines.</param>
public sealed record ObserveStep(int Order, int Tick, bool WithItems) : HistoryStep
{
    /// <inheritdoc />
    public override string ToString() => $"Observe(order {Order}, tick {Tick}{(WithItems ? ", with items" : string.Empty)})";
}

/// <summary>How a shipped package differs from a valid one.</summary>
public enum ShipmentVariant
{
    /// <summary>A valid package (it may still be refused for the order's state, quantities or lines).</summary>
    Valid,

    /// <summary>Another tracking number: with a reference id already used, the same id with different content.</summary>
    OtherTracking,

    /// <summary>A ship date far in the future.</summary>
    FutureShipDate,

    /// <summary>A blank tracking number (refused before it reaches the runtime).</summary>
    BlankTracking,

    /// <summary>Carrier <c>Other</c> without a carrier name (refused before it reaches the runtime).</summary>
    OtherCarrierWithoutName,
}

/// <summary>The merchant ships a package from Commerce.</summary>
/// <param name="Order">The order's index.</param>
/// <param name="PackageReferenceId">The package reference id (0 or less is invalid).</param>
/// <param name="Line">The line's index (beyond the lines: an unknown order item).</param>
/// <param name="Quantity">Units (0 or less is invalid; more than remain is refused).</param>
/// <param name="Variant">What else is wrong with it, if anything.</param>
public sealed record ShipStep(int Order, long PackageReferenceId, int Line, int Quantity, ShipmentVariant Variant) : HistoryStep
{
    /// <inheritdoc />
    public override string ToString() => $"Ship(order {Order}, package {PackageReferenceId}, line {Line}, qty {Quantity}, {Variant})";
}

/// <summary>The merchant cancels an order from Commerce.</summary>
/// <param name="Order">The order's index.</param>
public sealed record MerchantCancelStep(int Order) : HistoryStep
{
    /// <inheritdoc />
    public override string ToString() => $"MerchantCancel(order {Order})";
}

/// <summary>The merchant retries a blocked import.</summary>
/// <param name="Order">The order's index.</param>
public sealed record RetryStep(int Order) : HistoryStep
{
    /// <inheritdoc />
    public override string ToString() => $"Retry(order {Order})";
}

/// <summary>The host's sweep at the end of a polling cycle (<c>SyncAsync</c>).</summary>
public sealed record SyncStep : HistoryStep
{
    /// <inheritdoc />
    public override string ToString() => "Sync";
}

/// <summary>The merchant fixes the catalog: every product of the order becomes known, enabled and in stock.</summary>
/// <param name="Order">The order's index.</param>
public sealed record RestockStep(int Order) : HistoryStep
{
    /// <inheritdoc />
    public override string ToString() => $"Restock(order {Order})";
}

/// <summary>The next <paramref name="Count"/> calls of a port operation fail.</summary>
/// <param name="Port">The port: <c>amazon</c>, <c>commerce</c>, <c>customers</c> or <c>store</c>.</param>
/// <param name="Operation">The operation, such as <c>ConfirmShipment</c>.</param>
/// <param name="Mode">How they fail.</param>
/// <param name="Count">How many calls.</param>
public sealed record FaultStep(string Port, string Operation, FaultMode Mode, int Count) : HistoryStep
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Fault({Port}.{Operation}, {Mode} x{Count})");
}

/// <summary>The host crashes and restarts: a new runtime over the same store and fakes, then <c>ResumeAsync</c>.</summary>
public sealed record RestartStep : HistoryStep
{
    /// <inheritdoc />
    public override string ToString() => "Restart";
}

/// <summary>Several steps at once, each on its own worker (a runtime instance sharing the store and ports).</summary>
/// <param name="Steps">The steps (observations, shipments, cancels, retries, syncs).</param>
public sealed record ConcurrentStep(ImmutableArray<HistoryStep> Steps) : HistoryStep
{
    /// <inheritdoc />
    public override string ToString() => $"Concurrently[{string.Join(" | ", Steps)}]";
}

/// <summary>A setting the merchant can switch while work is queued.</summary>
public enum SwitchableSetting
{
    /// <summary><see cref="OrderSettings.ReadOnly"/>: no state-changing call reaches Amazon while it is on.</summary>
    ReadOnly,

    /// <summary><see cref="OrderSettings.ImportOrders"/>: no Commerce order or customer is created while it is off.</summary>
    ImportOrders,

    /// <summary><see cref="OrderSettings.ImportFbaOrders"/>: no Commerce order is created for FBA orders while it is off.</summary>
    ImportFbaOrders,
}

/// <summary>The merchant switches a setting; work already queued is judged under the new value when it runs.</summary>
/// <param name="Setting">The setting.</param>
/// <param name="Value">Its new value.</param>
public sealed record SettingsStep(SwitchableSetting Setting, bool Value) : HistoryStep
{
    /// <inheritdoc />
    public override string ToString() => $"Set({Setting} = {Value})";
}

/// <summary>
/// Amazon's order moves on to a tick without the library being told yet (for example Amazon cancels it while a confirmation is
/// queued, or ships it in Seller Central while a merchant cancellation waits): Amazon then answers and refuses as of that tick.
/// </summary>
/// <param name="Order">The order's index.</param>
/// <param name="Tick">The tick Amazon is at.</param>
public sealed record AmazonMovesStep(int Order, int Tick) : HistoryStep
{
    /// <inheritdoc />
    public override string ToString() => $"AmazonMoves(order {Order}, tick {Tick})";
}

/// <summary>The store's document of an order becomes poisoned: every load or every save of it throws, until the end of the history.</summary>
/// <param name="Order">The order's index.</param>
/// <param name="Operation">What fails.</param>
public sealed record PoisonStep(int Order, PoisonedOperation Operation) : HistoryStep
{
    /// <inheritdoc />
    public override string ToString() => $"Poison(order {Order}, {Operation})";
}

/// <summary>A page of observations delivered at once (<c>ObserveManyAsync</c>), as a <c>getOrders</c> page would be.</summary>
/// <param name="Observations">The observations.</param>
public sealed record ObservePageStep(ImmutableArray<ObserveStep> Observations) : HistoryStep
{
    /// <inheritdoc />
    public override string ToString() => $"Page[{string.Join(", ", Observations)}]";
}

/// <summary>A generated history: the orders as Amazon has them, the settings, and the commands in order.</summary>
/// <param name="Orders">The orders.</param>
/// <param name="CustomerCreation">Whether orders get customer accounts.</param>
/// <param name="ImportFbaOrders">Whether FBA orders are imported.</param>
/// <param name="OrderNumberSource">Who numbers Commerce orders.</param>
/// <param name="MaxImportAttempts">The automatic import attempt cap.</param>
/// <param name="Steps">The commands.</param>
public sealed record History(
    ImmutableArray<OrderPlan> Orders,
    CustomerCreation CustomerCreation,
    bool ImportFbaOrders,
    OrderNumberSource OrderNumberSource,
    int MaxImportAttempts,
    ImmutableArray<HistoryStep> Steps)
{
    /// <summary>Builds the order settings of this history.</summary>
    /// <returns>The settings.</returns>
    public OrderSettings Settings() => new()
    {
        StoreView = "default",
        CustomerCreation = CustomerCreation,
        ImportFbaOrders = ImportFbaOrders,
        OrderNumberSource = OrderNumberSource,
        MaxImportAttempts = MaxImportAttempts,
    };

    /// <inheritdoc />
    public override string ToString() =>
        $"History ({CustomerCreation}, ImportFbaOrders={ImportFbaOrders}, {OrderNumberSource} numbers, MaxImportAttempts={MaxImportAttempts})"
        + Environment.NewLine + "  orders:" + Environment.NewLine
        + string.Join(Environment.NewLine, Orders.Select((o, i) => string.Create(CultureInfo.InvariantCulture, $"    {i}: {o}")))
        + Environment.NewLine + "  steps:" + Environment.NewLine
        + string.Join(Environment.NewLine, Steps.Select((s, i) => string.Create(CultureInfo.InvariantCulture, $"    {i + 1}. {s}")));
}
