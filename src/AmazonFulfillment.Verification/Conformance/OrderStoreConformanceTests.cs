using System.Collections.Immutable;
using System.Text.Json;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using Xunit;

namespace AmazonFulfillment.Verification.Conformance;

/// <summary>
/// The contract of <see cref="IOrderStore"/>, as xunit tests: derive from this class and implement
/// <see cref="CreateStoreAsync"/>. Checks: a missing order loads as <see langword="null"/>; a new order saves at
/// version 0 and becomes version 1, each save adds one; a stale save returns <see langword="null"/> and changes
/// nothing; concurrent saves at one version have exactly one winner; a round trip preserves the whole
/// <see cref="FulfillmentOrder"/>, outbox effects of every type included; <c>ListUnfinished</c> lists the orders with
/// an outbox or a blocked import and no others; every member honours a cancelled token. Tests use fresh order ids,
/// so a store shared between tests (one database) is fine.
/// </summary>
public abstract partial class OrderStoreConformanceTests
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Creates the store under test.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<IOrderStore> CreateStoreAsync();

    /// <summary>Creates an order id no other test uses.</summary>
    /// <returns>The id.</returns>
    protected virtual AmazonOrderId NewOrderId() => TestIds.NewOrderId();

    /// <summary>Builds a tracked order using every field, with one outbox effect of every type.</summary>
    /// <param name="id">The order id.</param>
    /// <returns>The order.</returns>
    protected virtual FulfillmentOrder FullOrder(AmazonOrderId id)
    {
        var at = new DateTimeOffset(2026, 1, 3, 9, 30, 15, TimeSpan.Zero);
        var items = TestIds.Lines();
        var package = TestIds.Package(id, 7, items[0].OrderItemId);
        var request = FullCommerceOrderRequest(id, at, items);
        return new FulfillmentOrder
        {
            Id = id,
            Channel = FulfillmentChannel.Merchant,
            State = OrderState.PartiallyShipped,
            AmazonStatus = AmazonOrderStatus.PartiallyShipped,
            LastUpdateDate = at,
            PurchaseDate = at.AddDays(-1),
            MarketplaceId = MarketplaceId.Parse("A1PA6795UKMFR9"),
            AmazonStore = "amazon.de",
            EarliestShipDate = at.AddHours(1),
            LatestShipDate = at.AddDays(2),
            OrderTotal = Money.Of(64.98m, "EUR"),
            Buyer = request.Buyer,
            ShippingAddress = request.ShippingAddress,
            Items =
            [
                new TrackedItem(items[0].OrderItemId, items[0].Sku, 2, 1, 0, items[0].ItemPrice, false),
                new TrackedItem(items[1].OrderItemId, items[1].Sku, 1, 0, 1, null, true),
            ],
            ItemsFetchedFor = AmazonOrderStatus.PartiallyShipped,
            CommerceOrder = new CommerceOrderRef("1001", "000001001", CommerceStatuses.Processing),
            Customer = new CustomerRef(CustomerKind.Account, "42"),
            CancellationRequested = true,
            Error = "an earlier refusal",
            ErrorCode = ProblemCodes.ConfirmationRefusedByAmazon,
            ImportAttempts = 3,
            AutomaticImportAttempts = 2,
            Packages = FullPackages(id, at, items, package),
            MerchantCancelReason = "NoInventory",
            CanceledOnAmazon = true,
            Outbox = FullOutbox(id, request, package),
            Failures = [new EffectFailure($"{id}:package:8", "InvalidInput", at) { Code = ProblemCodes.ConfirmationRefusedByAmazon }],
        };
    }

    /// <summary>A Commerce order request using every field.</summary>
    private static CommerceOrderRequest FullCommerceOrderRequest(AmazonOrderId id, DateTimeOffset at, ImmutableArray<AmazonOrderItem> items) => new()
    {
        AmazonOrderId = id,
        Channel = FulfillmentChannel.Merchant,
        StoreView = "default",
        OrderNumber = id.Value,
        InitialStatus = "pending",
        ReserveInventory = true,
        RequireStock = true,
        CustomerId = "42",
        Buyer = new BuyerInfo("ana.buyer@marketplace.amazon.de", "Ana Buyer"),
        ShippingAddress = new ShippingAddress("Ana Buyer", "Hauptstr. 1", null, null, "Berlin", "BE", "10115", "DE", "+49 30 1234"),
        Lines = [new CommerceOrderLine(items[0].Sku, 2, Money.Of(9.99m, "EUR")), new CommerceOrderLine(items[1].Sku, 1, null)],
        Total = Money.Of(64.98m, "EUR"),
        PurchaseDate = at.AddDays(-1),
    };

    /// <summary>One package in every confirmation state.</summary>
    private static ImmutableArray<PackageRecord> FullPackages(AmazonOrderId id, DateTimeOffset at, ImmutableArray<AmazonOrderItem> items, ShipmentPackage pending) =>
    [
        new PackageRecord(pending, ConfirmationState.Pending, CarrierWarning: "tracking number does not look like a UPS one"),
        new PackageRecord(TestIds.Package(id, 8, items[1].OrderItemId), ConfirmationState.Failed, "InvalidInput"),
        new PackageRecord(TestIds.Package(id, 9, items[0].OrderItemId), ConfirmationState.Confirmed, null, at, Verification: PackageVerification.OnAmazon, Resends: 1),
        new PackageRecord(TestIds.Package(id, 10, items[1].OrderItemId), ConfirmationState.Dropped, "Amazon reports the order Canceled."),
    ];

    /// <summary>One outbox effect of every type, the Amazon calls held.</summary>
    private static ImmutableArray<PendingEffect> FullOutbox(AmazonOrderId id, CommerceOrderRequest request, ShipmentPackage package) =>
    [
        new PendingEffect(new FetchOrderItems(id, AmazonOrderStatus.PartiallyShipped)),
        new PendingEffect(new ResolveCustomer(id, "ana.buyer@marketplace.amazon.de", "Ana Buyer")),
        new PendingEffect(new CreateCommerceOrder(request)),
        new PendingEffect(new CompleteCommerceOrder(id)),
        new PendingEffect(new MarkCommerceOrderProcessing(id)),
        new PendingEffect(new CancelCommerceOrder(id)),
        new PendingEffect(new ConfirmShipment(package, TestIds.Marketplace), Held: true),
        new PendingEffect(new CancelOnAmazon(id, "NoInventory"), Held: true),
        new PendingEffect(new VerifyShipment(id, new DateTimeOffset(2026, 1, 2, 0, 30, 0, TimeSpan.Zero))),
    ];

    /// <summary>Builds a small order in a state, with or without outbox work.</summary>
    /// <param name="id">The id.</param>
    /// <param name="state">The state.</param>
    /// <param name="withOutbox">Whether it has an effect to run.</param>
    /// <returns>The order.</returns>
    protected static FulfillmentOrder SmallOrder(AmazonOrderId id, OrderState state = OrderState.Unshipped, bool withOutbox = false) =>
        TestIds.SmallOrder(id, state, withOutbox);

    /// <summary>Checks that an order never saved loads as <see langword="null"/>.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task Load_MissingOrder_ReturnsNull()
    {
        var store = await CreateStoreAsync().ConfigureAwait(false);

        Assert.Null(await store.LoadAsync(NewOrderId()).ConfigureAwait(false));
    }

    /// <summary>Checks that a new order saves at version 0 and loads at version 1; the next save gives 2.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task Save_NewOrderThenNext_Versions1Then2()
    {
        var store = await CreateStoreAsync().ConfigureAwait(false);
        var id = NewOrderId();

        Assert.Equal(1, await store.SaveAsync(SmallOrder(id), 0).ConfigureAwait(false));
        Assert.Equal(1, (await store.LoadAsync(id).ConfigureAwait(false))?.Version);
        Assert.Equal(2, await store.SaveAsync(SmallOrder(id, OrderState.PartiallyShipped), 1).ConfigureAwait(false));
        var loaded = await store.LoadAsync(id).ConfigureAwait(false);
        Assert.Equal(2, loaded?.Version);
        Assert.Equal(OrderState.PartiallyShipped, loaded?.Order.State);
    }

    /// <summary>Checks that a stale save is refused with <see langword="null"/> and changes nothing.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task Save_StaleVersion_ReturnsNullAndChangesNothing()
    {
        var store = await CreateStoreAsync().ConfigureAwait(false);
        var id = NewOrderId();
        await store.SaveAsync(SmallOrder(id), 0).ConfigureAwait(false);
        await store.SaveAsync(SmallOrder(id, OrderState.PartiallyShipped), 1).ConfigureAwait(false);

        Assert.Null(await store.SaveAsync(SmallOrder(id, OrderState.Canceled), 1).ConfigureAwait(false));
        Assert.Null(await store.SaveAsync(SmallOrder(id, OrderState.Canceled), 0).ConfigureAwait(false));
        Assert.Null(await store.SaveAsync(SmallOrder(id, OrderState.Canceled), 5).ConfigureAwait(false));

        var loaded = await store.LoadAsync(id).ConfigureAwait(false);
        Assert.Equal(2, loaded?.Version);
        Assert.Equal(OrderState.PartiallyShipped, loaded?.Order.State);
    }

    /// <summary>Checks that a save at a version of an order that does not exist is refused.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task Save_ExistingVersionOfMissingOrder_ReturnsNull()
    {
        var store = await CreateStoreAsync().ConfigureAwait(false);
        var id = NewOrderId();

        Assert.Null(await store.SaveAsync(SmallOrder(id), 1).ConfigureAwait(false));
        Assert.Null(await store.LoadAsync(id).ConfigureAwait(false));
    }

    /// <summary>Checks that concurrent saves at one version have exactly one winner.</summary>
    /// <param name="expectedVersion">The version they all save at (0: concurrent creation).</param>
    /// <returns>A task.</returns>
    [ConformanceTheory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Save_ConcurrentAtSameVersion_ExactlyOneWins(long expectedVersion)
    {
        var store = await CreateStoreAsync().ConfigureAwait(false);
        var id = NewOrderId();
        if (expectedVersion == 1)
        {
            await store.SaveAsync(SmallOrder(id), 0).ConfigureAwait(false);
        }

        var states = new[] { OrderState.Unshipped, OrderState.PartiallyShipped, OrderState.Shipped, OrderState.Canceled, OrderState.Blocked, OrderState.Importing, OrderState.Pending, OrderState.Unfulfillable };
        var results = await Task.WhenAll(states.Select(s => Task.Run(async () => (State: s, Version: await store.SaveAsync(SmallOrder(id, s), expectedVersion).ConfigureAwait(false))))).ConfigureAwait(false);

        var winners = results.Where(r => r.Version is not null).ToList();
        Assert.Single(winners);
        Assert.Equal(expectedVersion + 1, winners[0].Version);
        var loaded = await store.LoadAsync(id).ConfigureAwait(false);
        Assert.Equal(expectedVersion + 1, loaded?.Version);
        Assert.Equal(winners[0].State, loaded?.Order.State);
    }

    /// <summary>Checks that a round trip preserves every field, every package and every outbox effect type.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task Load_AfterSave_PreservesTheWholeOrder()
    {
        var store = await CreateStoreAsync().ConfigureAwait(false);
        var id = NewOrderId();
        var order = FullOrder(id);

        await store.SaveAsync(order, 0).ConfigureAwait(false);
        var loaded = await store.LoadAsync(id).ConfigureAwait(false);

        Assert.NotNull(loaded);
        Assert.Equal(JsonSerializer.Serialize(order, Json), JsonSerializer.Serialize(loaded.Order, Json));
        Assert.Equal(order.Outbox.Select(e => (e.Effect.GetType(), e.Effect.IdempotencyKey, e.Held)), loaded.Order.Outbox.Select(e => (e.Effect.GetType(), e.Effect.IdempotencyKey, e.Held)));
    }

    /// <summary>Checks that ListUnfinished lists orders with an outbox or a blocked import, and no others.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task ListUnfinished_MixedOrders_ListsOutboxAndBlockedOnly()
    {
        var store = await CreateStoreAsync().ConfigureAwait(false);
        var withOutbox = NewOrderId();
        var blocked = NewOrderId();
        var done = NewOrderId();
        var finishedLater = NewOrderId();
        await store.SaveAsync(SmallOrder(withOutbox, withOutbox: true), 0).ConfigureAwait(false);
        await store.SaveAsync(SmallOrder(blocked, OrderState.Blocked), 0).ConfigureAwait(false);
        await store.SaveAsync(SmallOrder(done, OrderState.Shipped), 0).ConfigureAwait(false);
        await store.SaveAsync(SmallOrder(finishedLater, withOutbox: true), 0).ConfigureAwait(false);
        await store.SaveAsync(SmallOrder(finishedLater), 1).ConfigureAwait(false);

        var listed = await store.ListUnfinishedAsync().ConfigureAwait(false);

        Assert.Contains(withOutbox, listed);
        Assert.Contains(blocked, listed);
        Assert.DoesNotContain(done, listed);
        Assert.DoesNotContain(finishedLater, listed);
        Assert.Equal(listed.Count, listed.Distinct().Count());
    }

    /// <summary>Checks that every member honours a cancelled token.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task EveryMember_CancelledToken_ThrowsOrReturnsPromptly()
    {
        var store = await CreateStoreAsync().ConfigureAwait(false);
        var id = NewOrderId();

        await Cancellation.HonouredAsync(async ct => await store.LoadAsync(id, ct).ConfigureAwait(false)).ConfigureAwait(false);
        await Cancellation.HonouredAsync(async ct => await store.SaveAsync(SmallOrder(id), 0, ct).ConfigureAwait(false)).ConfigureAwait(false);
        await Cancellation.HonouredAsync(async ct => await store.ListUnfinishedAsync(ct).ConfigureAwait(false)).ConfigureAwait(false);
    }
}
