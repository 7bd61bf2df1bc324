using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Tests.Support;

/// <summary>
/// Drives one Amazon order through <see cref="OrderWorkflow.Decide"/> the way the runtime would: observations
/// and merchant actions go in, and <see cref="RunEffects"/> feeds each outbox effect's outcome back as an input.
/// Keeps the last decision and the current order so tests stay short.
/// </summary>
public sealed class OrderBuilder
{
    /// <summary>When the order was placed; observations are numbered in minutes after it.</summary>
    public static readonly DateTimeOffset PurchaseDate = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private int _minute;

    private OrderBuilder(FulfillmentChannel channel, OrderSettings settings)
    {
        Channel = channel;
        Settings = settings;
        Id = AmazonOrderId.Parse(channel == FulfillmentChannel.Amazon ? SpApi.FbaOrderId : SpApi.MfnOrderId);
        Now = PurchaseDate.AddHours(1);
    }

    /// <summary>Gets the order id.</summary>
    public AmazonOrderId Id { get; }

    /// <summary>Gets the channel.</summary>
    public FulfillmentChannel Channel { get; }

    /// <summary>Gets the settings every decision uses (mutable until the test changes them).</summary>
    public OrderSettings Settings { get; }

    /// <summary>Gets or sets the clock handed to decisions.</summary>
    public DateTimeOffset Now { get; set; }

    /// <summary>Gets the tracked order, or <see langword="null"/> while untracked.</summary>
    public FulfillmentOrder? Order { get; private set; }

    private Decision? _last;

    /// <summary>Gets the most recent decision.</summary>
    /// <exception cref="InvalidOperationException">No input was applied yet.</exception>
    public Decision Last => _last ?? throw new InvalidOperationException("No input was applied yet.");

    /// <summary>Gets every input applied, in order.</summary>
    public List<OrderInput> Inputs { get; } = [];

    /// <summary>Gets every effect any decision produced, in order.</summary>
    public List<OrderEffect> Produced { get; } = [];

    /// <summary>Gets or sets the lines getOrderItems reports (QuantityShipped is derived from the status asked for).</summary>
    public List<(string ItemId, string Sku, int Quantity, string LineTotal)> Lines { get; set; } =
    [
        (SpApi.ItemId, SpApi.Sku, 2, "20.00"),
        (SpApi.SecondItemId, SpApi.SecondSku, 1, "9.99"),
    ];

    /// <summary>Gets or sets the buyer the observations carry (from Unshipped on); <see langword="null"/> for restricted PII.</summary>
    public BuyerInfo? Buyer { get; set; } = new(SpApi.BuyerEmail, SpApi.BuyerName);

    /// <summary>Gets or sets whether getOrderItems flags the first line as buyer-requested cancel.</summary>
    public bool BuyerRequestedCancel { get; set; }

    /// <summary>Gets or sets why Commerce refuses to create the order, or <see langword="null"/> when it accepts.</summary>
    public string? CommerceRefusal { get; set; }

    /// <summary>Gets or sets how getOrderItems reports shipped quantities for a PartiallyShipped order.</summary>
    public Func<int, int, int> PartiallyShippedQuantity { get; set; } = (index, ordered) => index == 0 ? 1 : 0;

    /// <summary>Starts a merchant-fulfilled order.</summary>
    /// <param name="configure">Changes to the default settings (store view <c>default</c>).</param>
    /// <returns>The builder.</returns>
    public static OrderBuilder Mfn(Action<OrderSettings>? configure = null) => new(FulfillmentChannel.Merchant, DefaultSettings(configure));

    /// <summary>Starts an FBA order.</summary>
    /// <param name="configure">Changes to the default settings.</param>
    /// <returns>The builder.</returns>
    public static OrderBuilder Fba(Action<OrderSettings>? configure = null) => new(FulfillmentChannel.Amazon, DefaultSettings(configure));

    /// <summary>Starts an order of the channel.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="configure">Changes to the default settings.</param>
    /// <returns>The builder.</returns>
    public static OrderBuilder For(FulfillmentChannel channel, Action<OrderSettings>? configure = null) => new(channel, DefaultSettings(configure));

    /// <summary>Creates valid default settings.</summary>
    /// <param name="configure">Changes to apply.</param>
    /// <returns>The settings.</returns>
    public static OrderSettings DefaultSettings(Action<OrderSettings>? configure = null)
    {
        var settings = new OrderSettings { StoreView = "default" };
        configure?.Invoke(settings);
        return settings;
    }

    /// <summary>Brings the order into a workflow state through the inputs that lead there.</summary>
    /// <param name="state">The state.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The channel's workflow cannot reach the state.</exception>
    public OrderBuilder In(OrderState state)
    {
        var fba = Channel == FulfillmentChannel.Amazon;
        switch (state)
        {
            case OrderState.Untracked:
                break;
            case OrderState.Pending when !fba:
                Observe(AmazonOrderStatus.Pending);
                break;
            case OrderState.Importing:
                Observe(fba ? AmazonOrderStatus.Shipped : AmazonOrderStatus.Unshipped);
                break;
            case OrderState.Blocked:
                CommerceRefusal = $"SKU {SpApi.Sku} is out of stock.";
                Observe(fba ? AmazonOrderStatus.Shipped : AmazonOrderStatus.Unshipped).RunEffects();
                CommerceRefusal = null;
                break;
            case OrderState.Unshipped when !fba:
                Observe(AmazonOrderStatus.Unshipped).RunEffects();
                break;
            case OrderState.PartiallyShipped when !fba:
                Observe(AmazonOrderStatus.Unshipped).RunEffects();
                Ship(1, (SpApi.ItemId, 1)).RunEffects();
                Observe(AmazonOrderStatus.PartiallyShipped).RunEffects();
                break;
            case OrderState.Shipped:
                Observe(fba ? AmazonOrderStatus.Shipped : AmazonOrderStatus.Unshipped).RunEffects();
                if (!fba)
                {
                    Observe(AmazonOrderStatus.Shipped).RunEffects();
                }

                break;
            case OrderState.Canceled when !fba:
                Observe(AmazonOrderStatus.Unshipped).RunEffects();
                Observe(AmazonOrderStatus.Canceled).RunEffects();
                break;
            case OrderState.Unfulfillable when !fba:
                Observe(AmazonOrderStatus.Unfulfillable);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, $"The {Channel} workflow does not reach {state}.");
        }

        if ((Order?.State ?? OrderState.Untracked) != state)
        {
            throw new InvalidOperationException($"Expected to reach {state}, got {Order?.State}: {_last?.Note}{_last?.Refusal}");
        }

        return this;
    }

    /// <summary>Replaces the tracked order, for states the inputs cannot reach.</summary>
    /// <param name="order">The order.</param>
    /// <returns>This builder.</returns>
    public OrderBuilder With(FulfillmentOrder order)
    {
        Order = order;
        return this;
    }

    /// <summary>Builds the next observation (one minute after the previous one).</summary>
    /// <param name="status">Amazon's status.</param>
    /// <param name="lastUpdateDate">An explicit LastUpdateDate, or <see langword="null"/> for the next minute.</param>
    /// <returns>The snapshot.</returns>
    public AmazonOrderSnapshot Snapshot(AmazonOrderStatus status, DateTimeOffset? lastUpdateDate = null)
    {
        var pending = status.IsPending();
        return new AmazonOrderSnapshot(
            Id,
            status,
            Channel,
            PurchaseDate,
            lastUpdateDate ?? PurchaseDate.AddMinutes(++_minute),
            MarketplaceId.Parse(SpApi.MarketplaceUs),
            orderTotal: pending ? null : SpApi.Money("29.99"),
            buyer: pending ? null : Buyer,
            shippingAddress: pending ? null : SpApi.Address);
    }

    /// <summary>Applies the next observation.</summary>
    /// <param name="status">Amazon's status.</param>
    /// <param name="lastUpdateDate">An explicit LastUpdateDate, or <see langword="null"/> for the next minute.</param>
    /// <returns>This builder.</returns>
    public OrderBuilder Observe(AmazonOrderStatus status, DateTimeOffset? lastUpdateDate = null) =>
        Apply(new AmazonOrderObserved(Snapshot(status, lastUpdateDate)));

    /// <summary>Records a package shipped from Commerce (UPS, with a tracking number, shipped now).</summary>
    /// <param name="packageReferenceId">The package id.</param>
    /// <param name="items">Lines and quantities.</param>
    /// <returns>This builder.</returns>
    public OrderBuilder Ship(long packageReferenceId, params (string ItemId, int Quantity)[] items) =>
        Apply(new ShipmentRecorded(Package(packageReferenceId, items)));

    /// <summary>Builds a valid package of this order.</summary>
    /// <param name="packageReferenceId">The package id.</param>
    /// <param name="items">Lines and quantities.</param>
    /// <returns>The package.</returns>
    public ShipmentPackage Package(long packageReferenceId, params (string ItemId, int Quantity)[] items) =>
        ShipmentPackage.Create(
            Id,
            PackageReferenceId.From(packageReferenceId),
            "UPS",
            null,
            "UPS Ground",
            $"1Z999AA1012345678{packageReferenceId % 10}",
            Now.AddMinutes(-5),
            items.Select(i => new PackageItem(OrderItemId.Parse(i.ItemId), i.Quantity)));

    /// <summary>Ships every remaining unit in one package.</summary>
    /// <param name="packageReferenceId">The package id.</param>
    /// <returns>This builder.</returns>
    public OrderBuilder ShipRemaining(long packageReferenceId) =>
        Ship(packageReferenceId, Order!.Items.Where(i => i.Remaining > 0).Select(i => (i.OrderItemId.Value, i.Remaining)).ToArray());

    /// <summary>Decides an input and keeps the result.</summary>
    /// <param name="input">The input.</param>
    /// <returns>This builder.</returns>
    public OrderBuilder Apply(OrderInput input)
    {
        Inputs.Add(input);
        _last = OrderWorkflow.Decide(Order, input, Settings, Now);
        Order = Last.Order;
        Produced.AddRange(Last.NewEffects);
        return this;
    }

    /// <summary>Runs the outbox like the runtime: each runnable (not held) effect succeeds and its outcome is fed back.</summary>
    /// <returns>This builder.</returns>
    public OrderBuilder RunEffects() => RunEffects(out _);

    /// <summary>Runs the outbox like the runtime and reports what ran.</summary>
    /// <param name="ran">Every effect run, in order.</param>
    /// <returns>This builder.</returns>
    public OrderBuilder RunEffects(out IReadOnlyList<OrderEffect> ran)
    {
        var list = new List<OrderEffect>();
        for (var guard = 0; guard < 50 && Order?.Outbox.FirstOrDefault(e => !e.Held) is { } next; guard++)
        {
            list.Add(next.Effect);
            Apply(OutcomeOf(next.Effect));
        }

        ran = list;
        return this;
    }

    /// <summary>What the ports would answer for an effect.</summary>
    /// <param name="effect">The effect.</param>
    /// <returns>The outcome, as an input.</returns>
    public OrderInput OutcomeOf(OrderEffect effect) => effect switch
    {
        FetchOrderItems f => new OrderItemsFetched(Id, f.ForStatus, AmazonItems(f.ForStatus)),
        ResolveCustomer => new CustomerResolved(Id, "42"),
        CreateCommerceOrder c when CommerceRefusal is { } reason => new CommerceOrderRefused(Id, reason),
        CreateCommerceOrder c => new CommerceOrderCreated(Id, "1001", c.Request.OrderNumber ?? "000000123", c.Request.InitialStatus ?? CommerceStatuses.Pending),
        _ => new EffectCompleted(Id, effect.IdempotencyKey),
    };

    /// <summary>The lines getOrderItems reports for a status.</summary>
    /// <param name="status">The status asked for.</param>
    /// <returns>The lines.</returns>
    public ImmutableArray<AmazonOrderItem> AmazonItems(AmazonOrderStatus status) =>
        Lines.Select((l, i) => new AmazonOrderItem(
            OrderItemId.Parse(l.ItemId),
            Sku.Parse(l.Sku),
            l.Quantity,
            status.IsShipped() || Channel == FulfillmentChannel.Amazon ? l.Quantity : status == AmazonOrderStatus.PartiallyShipped ? PartiallyShippedQuantity(i, l.Quantity) : 0,
            SpApi.Money(l.LineTotal),
            BuyerRequestedCancel && i == 0)).ToImmutableArray();

    /// <summary>Gets the outbox effects of a type.</summary>
    /// <typeparam name="T">The effect type.</typeparam>
    /// <returns>The effects.</returns>
    public IEnumerable<T> Pending<T>()
        where T : OrderEffect => Order?.Outbox.Select(e => e.Effect).OfType<T>() ?? [];
}
