using System.Collections.Concurrent;
using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Workflows;
using static AmazonFulfillment.Tests.Support.RuntimeScenario;

namespace AmazonFulfillment.Tests.Runtime;

/// <summary>
/// When Amazon says no, a setting changes while work is queued, or one order is poisoned (docs/rules.md section 3a, guarantees 15-18).
/// One test per case that the runtime got wrong before these rules: each names the case it proves.
/// </summary>
public sealed class UnhappyPathTests
{
    private static readonly MarketplaceId Us = MarketplaceId.Parse("ATVPDKIKX0DER");

    private static OrderSettings Settings(Action<OrderSettings>? configure = null)
    {
        var s = new OrderSettings { StoreView = "default" };
        configure?.Invoke(s);
        return s;
    }

    /// <summary>Imports an order and leaves its first package's confirmation pending after transient failures (every attempt fails).</summary>
    private static async Task<AmazonOrderId> PendingConfirmationAsync(InMemoryFulfillment h, int n = 1)
    {
        var id = h.Known(n);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.Transient, h.Options.MaxEffectAttempts);
        var r = await h.Runtime.RecordShipmentAsync(First(id));
        Assert.Equal(ConfirmationState.Pending, Assert.Single(r.Order!.Packages).Confirmation);
        Assert.True(r.HasPendingWork);
        return id;
    }

    // 1. ReadOnly leaks.
    [Fact]
    public async Task ReadOnlySwitchedOn_ConfirmationAlreadyQueued_NoSweepOrResumeSendsIt()
    {
        var h = Channel();
        var id = await PendingConfirmationAsync(h);
        var failedCalls = h.Faults.CallsOf("amazon", "ConfirmShipment");

        h.Settings.Set(Settings(s => s.ReadOnly = true));
        await h.Runtime.ResumeAsync();
        await h.Worker().ResumeAsync(); // another host, same settings
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 2)); // any later input of the order
        await h.Runtime.SyncAsync();

        Assert.Equal(failedCalls, h.Faults.CallsOf("amazon", "ConfirmShipment"));
        Assert.Empty(h.Amazon.Confirmations);
        var held = Assert.Single(h.Tracked(id)!.Outbox);
        Assert.True(held.Held);
        Assert.Equal(ConfirmationState.Pending, h.Tracked(id)!.Packages[0].Confirmation);

        h.Settings.Set(Settings());
        await h.Runtime.SyncAsync();
        Assert.Equal(ConfirmationState.Confirmed, h.Tracked(id)!.Packages[0].Confirmation);
        Assert.Single(h.Amazon.Confirmations);
    }

    // 2. Confirmation after Amazon cancelled.
    [Fact]
    public async Task AmazonCancels_ConfirmationQueued_DroppedNeverSentAndParcelShownAsError()
    {
        var h = Channel();
        var id = await PendingConfirmationAsync(h);
        var failedCalls = h.Faults.CallsOf("amazon", "ConfirmShipment");

        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Canceled, 5));
        await h.Runtime.SyncAsync();
        await h.Runtime.ResumeAsync();

        Assert.Equal(failedCalls, h.Faults.CallsOf("amazon", "ConfirmShipment"));
        var order = h.Tracked(id)!;
        Assert.Equal(OrderState.Canceled, order.State);
        var package = Assert.Single(order.Packages);
        Assert.Equal(ConfirmationState.Dropped, package.Confirmation);
        Assert.Contains("Canceled", package.FailureReason, StringComparison.Ordinal);
        Assert.Contains("recover the parcel", order.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(order.Outbox, e => e.Effect.ChangesAmazon);
    }

    [Fact]
    public async Task ConfirmationsStillThrottled_CommerceOrderCompletedAnyway()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.Throttled, 100);

        await h.Runtime.RecordShipmentAsync(First(id));
        var r = await h.Runtime.RecordShipmentAsync(Second(id));

        Assert.Equal(CommerceStatuses.Complete, Assert.Single(h.Commerce.Orders).Status);
        Assert.Equal(CommerceStatuses.Complete, r.Order!.CommerceOrder!.Status);
        Assert.All(r.Order.Packages, p => Assert.Equal(ConfirmationState.Pending, p.Confirmation));
        Assert.True(r.HasPendingWork);
    }

    // 3. One-sided merchant cancel.
    [Fact]
    public async Task MerchantCancel_AmazonRefuses_CommerceUntouchedErrorShownOrderStillShippable()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        h.Faults.Add("amazon", "CancelOrder", FaultMode.Permanent);

        var r = await h.Runtime.CancelAsync(id, "NoInventory");

        Assert.Equal(OrderState.Unshipped, r.Order!.State);
        Assert.Equal(ChannelStatus.Unshipped, r.Order.ChannelStatus);
        Assert.Contains("Amazon refused the cancellation", r.Order.Error, StringComparison.Ordinal);
        Assert.Equal(CommerceStatuses.Pending, Assert.Single(h.Commerce.Orders).Status);
        Assert.Equal(0, h.Faults.CallsOf("commerce", "CancelOrder"));

        // A later observation is applied, and the merchant may ship.
        Assert.Equal(DecisionKind.Applied, (await h.Runtime.RecordShipmentAsync(First(id))).Kind);
        Assert.Null(h.Tracked(id)!.Error);
    }

    // 4. Import switched off is ignored.
    [Fact]
    public async Task ImportOff_BlockedOrderStockArrives_SyncRetryAndQueuedCreationCreateNothingUntilOn()
    {
        var h = Channel(s => s.MaxImportAttempts = 5);
        h.Commerce.SetProduct(SkuA, StockStatus.OutOfStock);
        var blocked = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(blocked, AmazonOrderStatus.Unshipped, 1));
        Assert.Equal(OrderState.Blocked, h.Tracked(blocked)!.State);

        // A second order whose creation is left pending by transient failures.
        h.Commerce.SetProduct(SkuA);
        var queued = h.Known(2);
        h.Faults.Add("commerce", "CreateOrder", FaultMode.Transient, h.Options.MaxEffectAttempts);
        await h.Runtime.ObserveAsync(Snapshot(queued, AmazonOrderStatus.Unshipped, 1));
        Assert.Contains(h.Tracked(queued)!.Outbox, e => e.Effect is CreateCommerceOrder);

        h.Settings.Set(Settings(s => { s.ImportOrders = false; s.MaxImportAttempts = 5; }));
        await h.Runtime.SyncAsync();
        await h.Runtime.ResumeAsync();
        await h.Runtime.ObserveAsync(Snapshot(blocked, AmazonOrderStatus.Unshipped, 2));
        var retry = await h.Runtime.RetryAsync(blocked);

        Assert.Empty(h.Commerce.Orders);
        Assert.Equal(DecisionKind.Refused, retry.Kind);
        Assert.Contains("ImportOrders is off", retry.Refusal!.Reason, StringComparison.Ordinal);
        Assert.Equal(OrderState.Blocked, h.Tracked(blocked)!.State);
        Assert.True(Assert.Single(h.Tracked(queued)!.Outbox, e => e.Effect is CreateCommerceOrder).Held);

        h.Settings.Set(Settings(s => s.MaxImportAttempts = 5));
        await h.Runtime.SyncAsync();
        Assert.Equal(2, h.Commerce.Orders.Count);
        Assert.Equal(OrderState.Unshipped, h.Tracked(blocked)!.State);
        Assert.Equal(OrderState.Unshipped, h.Tracked(queued)!.State);
    }

    // 5. A refused confirmation is invisible and uncorrectable.
    [Fact]
    public async Task ConfirmationRefused_ShownAsErrorThenCorrectedWithSamePackageId_Confirmed()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.Permanent);

        var refused = await h.Runtime.RecordShipmentAsync(First(id));

        Assert.Equal(ChannelStatus.Error, refused.Order!.ChannelStatus);
        Assert.Equal(ConfirmationState.Failed, refused.Order.Packages[0].Confirmation);
        Assert.Contains("Amazon refused the confirmation of package 1", refused.Order.Error, StringComparison.Ordinal);

        var corrected = ShipmentPackage.Create(id, PackageReferenceId.From(1), "UPS", null, null, "1Z999AA10000000777", T0, [new PackageItem(LineA, 2)]);
        var r = await h.Runtime.RecordShipmentAsync(corrected);

        Assert.Equal(DecisionKind.Applied, r.Kind);
        Assert.Equal(ConfirmationState.Confirmed, r.Order!.Packages[0].Confirmation);
        Assert.Equal("1Z999AA10000000777", r.Order.Packages[0].Package.TrackingNumber);
        Assert.Null(r.Order.Error);
        Assert.Equal(ChannelStatus.PartiallyShipped, r.Order.ChannelStatus);
        Assert.Equal("1Z999AA10000000777", Assert.Single(h.Amazon.Confirmations).Package.TrackingNumber);
    }

    [Fact]
    public async Task ConfirmationRefused_MerchantRetry_SentAgainUnchanged()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.Permanent);
        await h.Runtime.RecordShipmentAsync(First(id));
        await h.Runtime.RecordShipmentAsync(Second(id));
        Assert.Equal(ChannelStatus.Error, h.Tracked(id)!.ChannelStatus); // never Shipped while a package is refused

        var r = await h.Runtime.RetryAsync(id);

        Assert.Equal(DecisionKind.Applied, r.Kind);
        Assert.All(r.Order!.Packages, p => Assert.Equal(ConfirmationState.Confirmed, p.Confirmation));
        Assert.Equal(ChannelStatus.Shipped, r.Order.ChannelStatus);
        Assert.Null(r.Order.Error);
    }

    [Fact]
    public async Task ConfirmationRefused_CorrectionChangesItems_Refused()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.Permanent);
        await h.Runtime.RecordShipmentAsync(First(id));

        var r = await h.Runtime.RecordShipmentAsync(Package(id, 1, new PackageItem(LineA, 1)));

        Assert.Equal(DecisionKind.Refused, r.Kind);
        Assert.Equal("items", r.Refusal!.Field);
    }

    // 6. " Other" (leading space) without a carrier name.
    [Theory]
    [InlineData(" Other")]
    [InlineData("other ")]
    [InlineData("OTHER")]
    public void CarrierOther_AnySpellingWithoutName_RefusedNamingCarrierName(string code)
    {
        var v = ShipmentPackage.TryCreate("902-0000001-0000001", "1", code, "  ", null, "1Z999AA10000000001", T0, [new PackageItem(LineA, 1)]);

        Assert.False(v.IsValid);
        Assert.Equal("carrierName", v.Field);
    }

    [Fact]
    public void CarrierOther_AnySpellingWithName_SentAsAmazonsSpelling()
    {
        var p = ShipmentPackage.TryCreate("902-0000001-0000001", "1", " other ", "Acme Freight", null, "1Z999AA10000000001", T0, [new PackageItem(LineA, 1)]).Value;

        Assert.Equal(ShipmentPackage.OtherCarrier, p.CarrierCode);
        Assert.Equal("Acme Freight", p.CarrierName);
    }

    // 7. One order stops all the others.
    [Fact]
    public async Task Batch_OneOrderUnreadableOneUnsavable_OthersProcessedFailuresReported()
    {
        var h = Channel();
        var poisoned = h.Known(1);
        var unsavable = h.Known(2);
        var healthy = h.Known(3);
        var store = new PoisonedStore(h.OrderStore, loadThrows: poisoned, saveThrows: unsavable);
        var runtime = new FulfillmentRuntime(h.Amazon, h.Commerce, h.Customers, store, h.Settings, h.Options, h.Clock);
        await h.Runtime.ObserveAsync(Snapshot(poisoned, AmazonOrderStatus.Pending, 1)); // stored before it was poisoned

        var results = await runtime.ObserveManyAsync(
        [
            Snapshot(poisoned, AmazonOrderStatus.Unshipped, 2),
            Snapshot(unsavable, AmazonOrderStatus.Unshipped, 1),
            Snapshot(healthy, AmazonOrderStatus.Unshipped, 1),
        ]);

        Assert.True(results[0].Failed);
        Assert.Contains(poisoned.Value, results[0].Failure, StringComparison.Ordinal);
        Assert.True(results[1].Failed);
        Assert.Equal(ProblemCodes.StoreSaveFailed, Assert.IsType<OrderStoreException>(results[1].Exception).Code);
        Assert.Equal(ProblemCodes.StoreSaveFailed, results[1].FailureCode);
        Assert.Null(results[0].FailureCode); // the test store's own exception: no code of the library's
        Assert.DoesNotContain("concurrent writers", results[1].Exception!.Message, StringComparison.Ordinal);
        Assert.False(results[2].Failed);
        Assert.Equal(OrderState.Unshipped, results[2].Order!.State);
        Assert.Single(h.Commerce.Orders);

        var swept = await runtime.SyncAsync();
        Assert.Contains(swept, r => r.AmazonOrderId == poisoned && r.Failed);
        Assert.True(await runtime.ResumeAsync() >= 1);
    }

    // 8. Port results are trusted.
    [Fact]
    public async Task GetOrderItems_LineListedTwice_RefusedImportBlockedWithReasonNoDoubledLine()
    {
        var h = Channel();
        var id = h.Known(1);
        h.Faults.Add("amazon", "GetOrderItems", FaultMode.Malformed);

        var r = await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));

        Assert.Equal(OrderState.Blocked, r.Order!.State);
        Assert.Contains("twice", r.Order.Error, StringComparison.Ordinal);
        Assert.Equal(ProblemCodes.PortItemsInvalid, r.Order.ErrorCode);
        Assert.Empty(h.Commerce.Orders);

        await h.Runtime.RetryAsync(id);
        var line = Assert.Single(h.Commerce.Orders).Request.Lines.First(l => l.Sku == SkuA);
        Assert.Equal(2, line.Quantity);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("null entry")]
    public async Task GetOrderItems_BrokenList_RefusedNeverThrown(string kind)
    {
        var h = Channel();
        var id = h.Known(1);
        var items = kind == "default" ? default : ImmutableArray.Create(new AmazonOrderItem[] { null! });
        var amazon = new AnsweringAmazon(h.Amazon, items);
        var runtime = new FulfillmentRuntime(amazon, h.Commerce, h.Customers, h.Store, h.Settings, h.Options, h.Clock);

        var r = await runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));

        Assert.Equal(OrderState.Blocked, r.Order!.State);
        Assert.Contains("Amazon port", r.Order.Error, StringComparison.Ordinal);
        Assert.Equal(ProblemCodes.PortItemsInvalid, r.Order.ErrorCode);
    }

    [Fact]
    public async Task Throttled_HugeRetryAfter_CappedByMaxDelay()
    {
        var h = Channel();
        var id = h.Known(1);
        var amazon = new AnsweringAmazon(h.Amazon, throttleFirst: TimeSpan.FromDays(3650));
        var runtime = new FulfillmentRuntime(amazon, h.Commerce, h.Customers, h.Store, h.Settings, h.Options, h.Clock);
        var before = h.Clock.GetUtcNow();

        var r = await runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));

        Assert.Equal(OrderState.Unshipped, r.Order!.State);
        Assert.True(h.Clock.GetUtcNow() - before <= h.Options.RetryMaxDelay, $"waited {h.Clock.GetUtcNow() - before}");
    }

    // 9. Buyer data kept forever.
    [Fact]
    public async Task Imported_BuyerDataDroppedFromTrackedOrderAndNotStoredAgain()
    {
        var h = Channel(s => s.CustomerCreation = CustomerCreation.CreateAccount);
        var id = h.Known(1);
        var buyer = new BuyerInfo("buyer@marketplace.amazon.com", "Jane Doe");
        var address = AmazonFulfillment.Tests.Support.SpApi.Address;

        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1, buyer: buyer, address: address));
        await h.Runtime.RecordShipmentAsync(First(id));
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.PartiallyShipped, 2, buyer: buyer, address: address));

        var order = h.Tracked(id)!;
        Assert.NotNull(order.CommerceOrder);
        Assert.Equal(CustomerKind.Account, order.Customer!.Kind);
        Assert.Null(order.Buyer);
        Assert.Null(order.ShippingAddress);
        Assert.Equal(buyer.Email, Assert.Single(h.Commerce.Orders).Request.Buyer!.Email); // it lives in Commerce
    }

    // 10. Duplicate calls across hosts.
    [Fact]
    public async Task InputOnHostB_WhileHostAHoldsTheClaim_BLeavesTheWorkToTheClaimHolder()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        var store = new ClaimingStore(h.OrderStore, h.Clock);
        var hostA = new FulfillmentRuntime(h.Amazon, h.Commerce, h.Customers, store, h.Settings, h.Options, h.Clock);
        var hostB = new FulfillmentRuntime(h.Amazon, h.Commerce, h.Customers, store, h.Settings, h.Options, h.Clock);
        Assert.True(await store.TryClaimAsync("host-a", id, TimeSpan.FromMinutes(5))); // host A is draining this order

        var r = await hostB.RecordShipmentAsync(First(id));

        Assert.Equal(DecisionKind.Applied, r.Kind);
        Assert.Equal(0, h.Faults.CallsOf("amazon", "ConfirmShipment"));
        Assert.Contains(h.Tracked(id)!.Outbox, e => e.Effect is ConfirmShipment);

        await store.ReleaseAsync("host-a", [id]);
        await Task.WhenAll(hostA.SyncAsync(), hostB.SyncAsync());
        Assert.Equal(1, h.Faults.CallsOf("amazon", "ConfirmShipment"));
        Assert.Single(h.Amazon.ConfirmationCalls);
        Assert.Equal(ConfirmationState.Confirmed, h.Tracked(id)!.Packages[0].Confirmation);
    }

    // 11. confirmShipment gets no marketplace id.
    [Fact]
    public async Task ConfirmShipment_SendsTheOrdersMarketplace()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));

        await h.Runtime.RecordShipmentAsync(First(id));

        Assert.Equal(Us, Assert.Single(h.Amazon.ConfirmationCalls).MarketplaceId);
    }

    // 12. Partly shipped outside Commerce, the Commerce order stays pending.
    [Fact]
    public async Task AmazonReportsPartiallyShippedOutsideCommerce_CommerceOrderBecomesProcessing()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        h.Amazon.SetOrderItems(id, Items(shippedA: 2));

        var r = await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.PartiallyShipped, 2));

        Assert.Equal(ChannelStatus.PartiallyShipped, r.Order!.ChannelStatus);
        Assert.Equal(CommerceStatuses.Processing, r.Order.CommerceOrder!.Status);
        Assert.Equal(CommerceStatuses.Processing, Assert.Single(h.Commerce.Orders).Status);
        Assert.Equal(0, h.Faults.CallsOf("amazon", "ConfirmShipment"));
    }

    [Fact]
    public async Task FirstSeenPartiallyShipped_CommerceOrderBecomesProcessing()
    {
        var h = Channel();
        var id = h.Known(1, shippedA: 2);

        var r = await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.PartiallyShipped, 1));

        Assert.Equal(CommerceStatuses.Processing, r.Order!.CommerceOrder!.Status);
        Assert.Equal(CommerceStatuses.Processing, Assert.Single(h.Commerce.Orders).Status);
    }

    [Fact]
    public async Task ReadOnlySwitchedOnDuringARetryBackoff_NoFurtherAttemptReachesAmazon()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        var amazon = new AnsweringAmazon(h.Amazon, onConfirm: () =>
        {
            h.Settings.Set(Settings(s => s.ReadOnly = true)); // switched on while the call is being retried
            return PortResult.Throttled(TimeSpan.FromSeconds(5));
        });
        var runtime = new FulfillmentRuntime(amazon, h.Commerce, h.Customers, h.Store, h.Settings, h.Options, h.Clock);

        var r = await runtime.RecordShipmentAsync(First(id));

        Assert.Equal(1, amazon.ConfirmCalls);
        Assert.True(Assert.Single(r.Order!.Outbox).Held);
        Assert.Empty(h.Amazon.ConfirmationCalls);
    }

    [Fact]
    public async Task HeldWorkReleasedOnHostB_WhileHostAHoldsTheClaim_BSendsNothing()
    {
        var h = Channel(s => s.ReadOnly = true);
        var id = h.Known(1);
        var store = new ClaimingStore(h.OrderStore, h.Clock);
        var hostB = new FulfillmentRuntime(h.Amazon, h.Commerce, h.Customers, store, h.Settings, h.Options, h.Clock);
        await hostB.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        await hostB.RecordShipmentAsync(First(id));
        Assert.True(await store.TryClaimAsync("host-a", id, TimeSpan.FromMinutes(5)));
        h.Settings.Set(Settings());

        await hostB.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1)); // a duplicate: ignored, yet it would drain

        Assert.Empty(h.Amazon.ConfirmationCalls);
    }

    [Fact]
    public async Task MerchantCancelHeld_AmazonThenReportsShipped_CancelDroppedNeverSentOrderShipped()
    {
        var h = Channel(s => s.ReadOnly = true);
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        await h.Runtime.CancelAsync(id, "NoInventory");
        h.Amazon.SetOrderItems(id, Items(shippedA: 2, shippedB: 1));

        var shipped = await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Shipped, 2));
        h.Settings.Set(Settings());
        await h.Runtime.SyncAsync();

        Assert.Equal(OrderState.Shipped, h.Tracked(id)!.State);
        Assert.False(h.Tracked(id)!.CancellationPending);
        Assert.Contains("cancellation was not sent", shipped.Order!.Error, StringComparison.Ordinal);
        Assert.Empty(h.Amazon.CancellationCalls);
        Assert.Equal(CommerceStatuses.Complete, Assert.Single(h.Commerce.Orders).Status);
    }

    [Fact]
    public async Task ImportOff_TrackedOnlyOrder_KeepsNoBuyerData()
    {
        var h = Channel(s => s.ImportOrders = false);
        var id = h.Known(1);

        var r = await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1, buyer: new BuyerInfo("buyer@marketplace.amazon.com", "Jane Doe"), address: AmazonFulfillment.Tests.Support.SpApi.Address));

        Assert.Equal(OrderState.Unshipped, r.Order!.State);
        Assert.Null(r.Order.Buyer);
        Assert.Null(r.Order.ShippingAddress);
    }

    [Fact]
    public async Task ImportOff_RefusedConfirmationOrHeldImport_RetryRefusedAndTheHeldImportSaysWhy()
    {
        var h = Channel();
        var refused = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(refused, AmazonOrderStatus.Unshipped, 1));
        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.Permanent);
        await h.Runtime.RecordShipmentAsync(First(refused));
        var held = h.Known(2);
        h.Faults.Add("commerce", "CreateOrder", FaultMode.Transient, h.Options.MaxEffectAttempts);
        await h.Runtime.ObserveAsync(Snapshot(held, AmazonOrderStatus.Unshipped, 1));
        h.Settings.Set(Settings(s => s.ImportOrders = false));
        await h.Runtime.SyncAsync();

        var resend = await h.Runtime.RetryAsync(refused);
        var import = await h.Runtime.RetryAsync(held);

        Assert.Equal(DecisionKind.Refused, resend.Kind);
        Assert.Equal(DecisionKind.Refused, import.Kind);
        Assert.Contains("ImportOrders is off", import.Refusal!.Reason, StringComparison.Ordinal);
        Assert.Contains("ImportOrders is off", h.Tracked(held)!.Error, StringComparison.Ordinal);
        Assert.Equal(1, h.Faults.CallsOf("amazon", "ConfirmShipment"));

        h.Settings.Set(Settings());
        await h.Runtime.SyncAsync();
        Assert.Null(h.Tracked(held)!.Error);
        Assert.NotNull(h.Tracked(held)!.CommerceOrder);
    }

    /// <summary>A store whose document of one order cannot be read, and whose saves of another always throw (a value the database refuses).</summary>
    private sealed class PoisonedStore(IOrderStore inner, AmazonOrderId loadThrows, AmazonOrderId saveThrows) : IOrderStore
    {
        public ValueTask<StoredOrder?> LoadAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
            amazonOrderId == loadThrows ? throw new InvalidDataException("the stored document cannot be read") : inner.LoadAsync(amazonOrderId, cancellationToken);

        public ValueTask<long?> SaveAsync(FulfillmentOrder order, long expectedVersion, CancellationToken cancellationToken = default) =>
            order.Id == saveThrows ? throw new InvalidOperationException("invalid byte sequence for encoding UTF8: 0x00") : inner.SaveAsync(order, expectedVersion, cancellationToken);

        public ValueTask<IReadOnlyList<AmazonOrderId>> ListUnfinishedAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<AmazonOrderId>>([loadThrows, .. inner.ListUnfinishedAsync(cancellationToken).Result]);
    }

    /// <summary>An Amazon port answering getOrderItems with a fixed (broken) list, or throttling the first call with a hint.</summary>
    private sealed class AnsweringAmazon(InMemoryAmazon inner, ImmutableArray<AmazonOrderItem>? items = null, TimeSpan? throttleFirst = null, Func<PortResult>? onConfirm = null) : IAmazonOrdersPort
    {
        private int _calls;
        private int _confirmCalls;

        public int ConfirmCalls => Volatile.Read(ref _confirmCalls);

        public ValueTask<PortResult<ImmutableArray<AmazonOrderItem>>> GetOrderItemsAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default)
        {
            if (throttleFirst is { } hint && Interlocked.Increment(ref _calls) == 1)
            {
                return ValueTask.FromResult<PortResult<ImmutableArray<AmazonOrderItem>>>(PortResult.Throttled(hint));
            }

            return items is { } list ? ValueTask.FromResult(PortResult<ImmutableArray<AmazonOrderItem>>.Ok(list)) : inner.GetOrderItemsAsync(amazonOrderId, cancellationToken);
        }

        public ValueTask<PortResult> ConfirmShipmentAsync(ShipmentPackage package, MarketplaceId? marketplaceId, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _confirmCalls);
            return onConfirm is null ? inner.ConfirmShipmentAsync(package, marketplaceId, cancellationToken) : ValueTask.FromResult(onConfirm());
        }

        public ValueTask<PortResult> CancelOrderAsync(AmazonOrderId amazonOrderId, string reason, CancellationToken cancellationToken = default) =>
            inner.CancelOrderAsync(amazonOrderId, reason, cancellationToken);
    }

    /// <summary>An in-memory store with claims, as a store shared by several hosts has.</summary>
    private sealed class ClaimingStore(InMemoryOrderStore inner, TimeProvider clock) : IOrderStore, IOrderClaims
    {
        private readonly ConcurrentDictionary<AmazonOrderId, (string Owner, DateTimeOffset Until)> _claims = new();

        public ValueTask<StoredOrder?> LoadAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) => inner.LoadAsync(amazonOrderId, cancellationToken);

        public ValueTask<long?> SaveAsync(FulfillmentOrder order, long expectedVersion, CancellationToken cancellationToken = default) => inner.SaveAsync(order, expectedVersion, cancellationToken);

        public ValueTask<IReadOnlyList<AmazonOrderId>> ListUnfinishedAsync(CancellationToken cancellationToken = default) => inner.ListUnfinishedAsync(cancellationToken);

        public async ValueTask<IReadOnlyList<AmazonOrderId>> ClaimUnfinishedAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken = default)
        {
            var claimed = new List<AmazonOrderId>();
            foreach (var id in await inner.ListUnfinishedAsync(cancellationToken))
            {
                if (claimed.Count < max && await TryClaimAsync(owner, id, lease, cancellationToken))
                {
                    claimed.Add(id);
                }
            }

            return claimed;
        }

        public ValueTask<bool> TryClaimAsync(string owner, AmazonOrderId amazonOrderId, TimeSpan lease, CancellationToken cancellationToken = default)
        {
            var now = clock.GetUtcNow();
            lock (_claims)
            {
                if (_claims.TryGetValue(amazonOrderId, out var c) && c.Owner != owner && c.Until > now)
                {
                    return ValueTask.FromResult(false);
                }

                _claims[amazonOrderId] = (owner, now + lease);
                return ValueTask.FromResult(true);
            }
        }

        public ValueTask ReleaseAsync(string owner, IReadOnlyCollection<AmazonOrderId> amazonOrderIds, CancellationToken cancellationToken = default)
        {
            lock (_claims)
            {
                foreach (var id in amazonOrderIds)
                {
                    if (_claims.TryGetValue(id, out var c) && c.Owner == owner)
                    {
                        _claims.TryRemove(id, out _);
                    }
                }
            }

            return ValueTask.CompletedTask;
        }
    }
}
