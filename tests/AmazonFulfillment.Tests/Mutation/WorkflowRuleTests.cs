using AmazonFulfillment.Domain;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;
using static AmazonFulfillment.Domain.AmazonOrderStatus;

namespace AmazonFulfillment.Tests.Mutation;

/// <summary>
/// Workflow rules of docs/rules.md section 3, 3a and 5 that the scenario tests reach only in passing: Amazon's newer details win,
/// the Amazon order total, quantities shipped outside Commerce, the buyer's cancel request, a cancel Amazon refuses,
/// what read-only mode and the import settings hold, and the documented exceptions of <see cref="OrderWorkflow.Decide"/>.
/// </summary>
public class WorkflowRuleTests
{
    [Fact]
    public void Decide_NullInputOrSettings_Throws()
    {
        var b = OrderBuilder.Mfn();

        Assert.Throws<ArgumentNullException>(() => OrderWorkflow.Decide(null, null!, b.Settings, b.Now));
        Assert.Throws<ArgumentNullException>(() => OrderWorkflow.Decide(null, new AmazonOrderObserved(b.Snapshot(Unshipped)), null!, b.Now));
    }

    [Fact]
    public void Decide_InputForAnotherOrder_Throws()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);

        var ex = Assert.Throws<ArgumentException>(() => OrderWorkflow.Decide(b.Order, new SyncCycleEnded(AmazonOrderId.Parse(SpApi.FbaOrderId)), b.Settings, b.Now));

        Assert.Equal("input", ex.ParamName);
        Assert.Contains(SpApi.FbaOrderId, ex.Message, StringComparison.Ordinal);
        Assert.Contains(SpApi.MfnOrderId, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_UnknownInputType_ThrowsNamingIt()
    {
        var b = OrderBuilder.Mfn();

        var ex = Assert.Throws<ArgumentException>(() => OrderWorkflow.Decide(null, new HostInput(b.Id), b.Settings, b.Now));

        Assert.Contains(nameof(HostInput), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NewerObservation_NewerDetailsWin()
    {
        var b = OrderBuilder.Mfn().Observe(Unshipped);
        var other = new BuyerInfo("other@example.com", "Other Buyer");
        var address = SpApi.Address with { City = "TACOMA" };

        b.Apply(new AmazonOrderObserved(new AmazonOrderSnapshot(
            b.Id, Unshipped, FulfillmentChannel.Merchant, OrderBuilder.PurchaseDate, b.Order!.LastUpdateDate.AddMinutes(1),
            MarketplaceId.Parse("A2EUQ1WTGCTBG2"), SpApi.Money("31.99"), other, address)));

        Assert.Equal("A2EUQ1WTGCTBG2", b.Order!.MarketplaceId!.Value.Value);
        Assert.Equal(SpApi.Money("31.99"), b.Order.OrderTotal);
        Assert.Equal(other, b.Order.Buyer);
        Assert.Equal(address, b.Order.ShippingAddress);
    }

    [Fact]
    public void AmazonOrderTotal_IsTheCommerceTotalEvenWhenTheLinesSumToLess()
    {
        var b = OrderBuilder.Mfn();

        b.Apply(new AmazonOrderObserved(new AmazonOrderSnapshot(
            b.Id, Unshipped, FulfillmentChannel.Merchant, OrderBuilder.PurchaseDate, b.Now, MarketplaceId.Parse(SpApi.MarketplaceUs), SpApi.Money("34.98")))).RunEffects(out var ran);

        Assert.Equal(SpApi.Money("34.98"), ran.OfType<CreateCommerceOrder>().Single().Request.Total);
    }

    [Fact]
    public void CommerceOrderCreated_BuyerDataDropped()
    {
        var b = OrderBuilder.Mfn().Observe(Unshipped);
        Assert.NotNull(b.Order!.Buyer);

        b.RunEffects();

        Assert.NotNull(b.Order!.CommerceOrder);
        Assert.Null(b.Order.Buyer);
        Assert.Null(b.Order.ShippingAddress);
    }

    [Theory]
    [InlineData(Canceled)]
    [InlineData(Unfulfillable)]
    public void FirstSeenCanceledOrUnfulfillable_NoBuyerDataKept(AmazonOrderStatus status)
    {
        var b = OrderBuilder.Mfn();

        b.Apply(new AmazonOrderObserved(new AmazonOrderSnapshot(
            b.Id, status, FulfillmentChannel.Merchant, OrderBuilder.PurchaseDate, b.Now, orderTotal: SpApi.Money("29.99"), buyer: b.Buyer, shippingAddress: SpApi.Address)));

        Assert.NotNull(b.Order);
        Assert.Null(b.Order!.Buyer);
        Assert.Null(b.Order.ShippingAddress);
    }

    [Fact]
    public void ImportingOrder_BuyerKeptUntilTheCommerceOrderExists()
    {
        var b = OrderBuilder.Mfn().Observe(Unshipped);

        Assert.Equal(OrderState.Importing, b.Order!.State);
        Assert.Equal(SpApi.BuyerEmail, b.Order.Buyer!.Email);
        Assert.Equal(SpApi.Address, b.Order.ShippingAddress);
    }

    [Fact]
    public void AmazonShipsTheRest_OnlyWhatCommerceDidNotShipCountsAsOutside()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(1, (SpApi.ItemId, 1));

        b.Observe(Shipped);

        var first = b.Order!.Items.Single(i => i.OrderItemId.Value == SpApi.ItemId);
        Assert.Equal(1, first.ShippedByCommerce);
        Assert.Equal(1, first.ShippedOutside);
        Assert.Equal(1, b.Order.Items.Single(i => i.OrderItemId.Value == SpApi.SecondItemId).ShippedOutside);
        Assert.True(b.Order.AllItemsShipped);
    }

    [Fact]
    public void AmazonReportsPartOfTheRest_OutsideIsWhatAmazonShippedBeyondCommerce()
    {
        var b = OrderBuilder.Mfn();
        b.Lines = [(SpApi.ItemId, SpApi.Sku, 3, "30.00"), (SpApi.SecondItemId, SpApi.SecondSku, 1, "9.99")];
        b.In(OrderState.Unshipped).Ship(1, (SpApi.ItemId, 1));

        b.Apply(new AmazonOrderObserved(Observation(b, PartiallyShipped, (SpApi.ItemId, 3, 2), (SpApi.SecondItemId, 1, 0))));

        var first = b.Order!.Items.Single(i => i.OrderItemId.Value == SpApi.ItemId);
        Assert.Equal(1, first.ShippedByCommerce);
        Assert.Equal(1, first.ShippedOutside);
        Assert.Equal(1, first.Remaining);
    }

    [Fact]
    public void CommerceShippedTheSecondLine_AmazonsCountsMatchedByLine()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(1, (SpApi.SecondItemId, 1));

        b.Apply(new AmazonOrderObserved(Observation(b, PartiallyShipped, (SpApi.ItemId, 2, 0), (SpApi.SecondItemId, 1, 1))));

        Assert.Equal(0, b.Order!.Items.Single(i => i.OrderItemId.Value == SpApi.ItemId).ShippedByCommerce);
        Assert.Equal(1, b.Order.Items.Single(i => i.OrderItemId.Value == SpApi.SecondItemId).ShippedByCommerce);
        Assert.Equal(0, b.Order.Items.Single(i => i.OrderItemId.Value == SpApi.SecondItemId).ShippedOutside);
    }

    [Fact]
    public void AmazonReportsSomeShippedOutsideCommerce_CommerceOrderBecomesProcessing()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);
        Assert.Equal(CommerceStatuses.Pending, b.Order!.CommerceOrder!.Status);

        b.Apply(new AmazonOrderObserved(Observation(b, PartiallyShipped, (SpApi.ItemId, 2, 1), (SpApi.SecondItemId, 1, 0))));

        Assert.Equal(OrderState.PartiallyShipped, b.Order!.State);
        Assert.Single(b.Pending<MarkCommerceOrderProcessing>());
        b.RunEffects();
        Assert.Equal(CommerceStatuses.Processing, b.Order!.CommerceOrder!.Status);
    }

    [Fact]
    public void EveryLineFlaggedForCancel_CancellationRequested()
    {
        var b = OrderBuilder.Mfn();

        b.Apply(new AmazonOrderObserved(Observation(b, Unshipped, (SpApi.ItemId, 2, 0, true), (SpApi.SecondItemId, 1, 0, true))));
        Assert.True(b.Order!.CancellationRequested);

        b.Apply(new AmazonOrderObserved(Observation(b, Unshipped, (SpApi.ItemId, 2, 0, true), (SpApi.SecondItemId, 1, 0, false))));
        Assert.True(b.Order!.CancellationRequested);
    }

    [Fact]
    public void UnitShippedWhileAmazonStillSaysUnshipped_MerchantCancelRefused()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);
        b.Apply(new AmazonOrderObserved(Observation(b, Unshipped, (SpApi.ItemId, 2, 1), (SpApi.SecondItemId, 1, 0))));
        Assert.Equal(OrderState.Unshipped, b.Order!.State);
        Assert.True(b.Order.AnyItemShipped);

        b.Apply(new MerchantCancelRequested(b.Id, "NoInventory"));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Empty(b.Pending<CancelOnAmazon>());
    }

    [Fact]
    public void AmazonAcceptsTheMerchantCancel_CanceledOnAmazonAndCommerceCancelled()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Apply(new MerchantCancelRequested(OrderBuilder.Mfn().Id, "NoInventory"));
        var cancel = b.Pending<CancelOnAmazon>().Single();
        Assert.Equal("NoInventory", cancel.Reason);
        Assert.False(b.Order!.CanceledOnAmazon);

        b.Apply(new EffectCompleted(b.Id, cancel.IdempotencyKey));

        Assert.True(b.Order!.CanceledOnAmazon);
        Assert.Equal(OrderState.Canceled, b.Order.State);
        Assert.Single(b.Pending<CancelCommerceOrder>());
    }

    [Fact]
    public void AmazonRefusesTheMerchantCancel_OrderStaysOpenAndShowsWhy()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Apply(new MerchantCancelRequested(OrderBuilder.Mfn().Id, "NoInventory"));
        var cancel = b.Pending<CancelOnAmazon>().Single();

        b.Apply(new EffectFailed(b.Id, cancel.IdempotencyKey, "Order already shipped."));

        Assert.Equal(OrderState.Unshipped, b.Order!.State);
        Assert.False(b.Order.CanceledOnAmazon);
        Assert.Null(b.Order.MerchantCancelReason);
        Assert.Contains("Order already shipped.", b.Order.Error, StringComparison.Ordinal);
        Assert.Empty(b.Pending<CancelCommerceOrder>());
        b.Ship(1, (SpApi.ItemId, 1));
        Assert.Equal(DecisionKind.Applied, b.Last.Kind);
    }

    [Fact]
    public void MerchantCancelBeforeTheCommerceOrderExists_RefusedNamingWhatIsMissing()
    {
        var b = OrderBuilder.Mfn(s => s.ImportOrders = false).Observe(Unshipped);
        Assert.Equal(OrderState.Unshipped, b.Order!.State);
        Assert.Null(b.Order.CommerceOrder);
        b.Settings.ImportOrders = true;

        b.Apply(new MerchantCancelRequested(b.Id, "NoInventory"));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Equal(ProblemCodes.WorkflowGuardUnmet, b.Last.Refusal!.Code);
        Assert.Equal("MerchantCancel needs Commerce order exists, which the order does not meet in state Unshipped; nothing was changed. Meet it first, then send MerchantCancelRequested again.", b.Last.Refusal.Reason);
    }

    [Fact]
    public void RefusedPackageOfACanceledOrder_NeitherCorrectedNorRetried()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(1, (SpApi.ItemId, 1));
        b.Apply(new EffectFailed(b.Id, b.Pending<ConfirmShipment>().Single().IdempotencyKey, "Invalid tracking number."));
        b.Observe(Canceled);
        Assert.Equal(OrderState.Canceled, b.Order!.State);

        b.Apply(new ShipmentRecorded(ShipmentPackage.Create(
            b.Id, PackageReferenceId.From(1), "UPS", null, null, "1Z000000000000000C", b.Now.AddMinutes(-1), [new PackageItem(OrderItemId.Parse(SpApi.ItemId), 1)])));
        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Equal("packageReferenceId", b.Last.Refusal!.Field);

        b.Apply(new RetryRequested(b.Id));
        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Empty(b.Pending<ConfirmShipment>());
    }

    [Fact]
    public void OnePackageConfirmed_TheOtherStaysPending()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(1, (SpApi.ItemId, 1)).Ship(2, (SpApi.SecondItemId, 1));
        var first = b.Pending<ConfirmShipment>().First(c => c.Package.PackageReferenceId.Value == 1);

        b.Apply(new EffectCompleted(b.Id, first.IdempotencyKey));

        Assert.Equal(ConfirmationState.Confirmed, b.Order!.Packages.Single(p => p.Package.PackageReferenceId.Value == 1).Confirmation);
        Assert.Equal(b.Now, b.Order.Packages.Single(p => p.Package.PackageReferenceId.Value == 1).ConfirmedAt);
        Assert.Equal(ConfirmationState.Pending, b.Order.Packages.Single(p => p.Package.PackageReferenceId.Value == 2).Confirmation);
    }

    [Fact]
    public void TwoRefusedPackages_ErrorListsEachAndSaysHowToFixIt()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(1, (SpApi.ItemId, 1)).Ship(2, (SpApi.SecondItemId, 1));
        foreach (var c in b.Pending<ConfirmShipment>().ToList())
        {
            b.Apply(new EffectFailed(b.Id, c.IdempotencyKey, $"Bad tracking {c.Package.PackageReferenceId}."));
        }

        Assert.Equal(
            "Amazon refused the confirmation of package 1: Bad tracking 1. Amazon refused the confirmation of package 2: Bad tracking 2."
            + " Correct the package (record it again with the same package reference id) or retry it.",
            b.Order!.Error);
    }

    [Fact]
    public void FbaImportSwitchedOffWhileImporting_CreationHeld()
    {
        var b = OrderBuilder.Fba().Observe(Shipped);
        b.Settings.ImportFbaOrders = false;

        b.Apply(b.OutcomeOf(b.Pending<FetchOrderItems>().Single()));

        var create = Assert.Single(b.Order!.Outbox, e => e.Effect is CreateCommerceOrder);
        Assert.True(create.Held);
        Assert.False(b.Order.HasRunnableWork);
    }

    [Fact]
    public void HeldBy_ReadOnlyHoldsAmazonCalls_ImportOffHoldsImports()
    {
        var id = AmazonOrderId.Parse(SpApi.MfnOrderId);
        var package = ShipmentPackage.Create(id, PackageReferenceId.From(1), "UPS", null, null, "1Z999AA10123456784", OrderBuilder.PurchaseDate, [new PackageItem(OrderItemId.Parse(SpApi.ItemId), 1)]);
        var readOnly = OrderBuilder.DefaultSettings(s => s.ReadOnly = true);
        var importOff = OrderBuilder.DefaultSettings(s => s.ImportOrders = false);
        OrderEffect[] amazonCalls = [new ConfirmShipment(package), new CancelOnAmazon(id, "NoInventory")];
        OrderEffect[] imports = [new ResolveCustomer(id, SpApi.BuyerEmail, null), new CreateCommerceOrder(Request(id))];
        OrderEffect[] commerce = [new CompleteCommerceOrder(id), new CancelCommerceOrder(id), new MarkCommerceOrderProcessing(id), new FetchOrderItems(id, Unshipped)];

        Assert.All(amazonCalls, e => Assert.True(OrderWorkflow.HeldBy(e, FulfillmentChannel.Merchant, readOnly)));
        Assert.All(amazonCalls, e => Assert.False(OrderWorkflow.HeldBy(e, FulfillmentChannel.Merchant, importOff)));
        Assert.All(imports, e => Assert.True(OrderWorkflow.HeldBy(e, FulfillmentChannel.Merchant, importOff)));
        Assert.All(imports, e => Assert.False(OrderWorkflow.HeldBy(e, FulfillmentChannel.Merchant, readOnly)));
        Assert.All(commerce, e => Assert.False(OrderWorkflow.HeldBy(e, FulfillmentChannel.Merchant, readOnly)));
        Assert.All(commerce, e => Assert.False(OrderWorkflow.HeldBy(e, FulfillmentChannel.Merchant, importOff)));
        Assert.All(imports, e => Assert.True(OrderWorkflow.HeldBy(e, FulfillmentChannel.Amazon, OrderBuilder.DefaultSettings(s => s.ImportFbaOrders = false))));
        Assert.All(imports, e => Assert.False(OrderWorkflow.HeldBy(e, FulfillmentChannel.Merchant, OrderBuilder.DefaultSettings(s => s.ImportFbaOrders = false))));
    }

    [Fact]
    public void ReadOnlySwitchedOn_QueuedWorkNeedsReviewAndWorkDueHoldsIt()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(1, (SpApi.ItemId, 1));
        var order = b.Order!;
        Assert.False(OrderWorkflow.NeedsReview(order, b.Settings));

        b.Settings.ReadOnly = true;

        Assert.True(OrderWorkflow.NeedsReview(order, b.Settings));
        var due = OrderWorkflow.Decide(order, new WorkDue(b.Id), b.Settings, b.Now);
        Assert.Equal(DecisionKind.Applied, due.Kind);
        Assert.True(due.Order!.Outbox.Single(e => e.Effect is ConfirmShipment).Held);
        Assert.False(OrderWorkflow.NeedsReview(due.Order, b.Settings));
        var again = OrderWorkflow.Decide(due.Order, new WorkDue(b.Id), b.Settings, b.Now);
        Assert.Equal(DecisionKind.Ignored, again.Kind);
        Assert.Same(due.Order, again.Order);
    }

    [Fact]
    public void WorkDueForAnUntrackedOrder_Ignored()
    {
        var b = OrderBuilder.Mfn();

        var due = OrderWorkflow.Decide(null, new WorkDue(b.Id), b.Settings, b.Now);

        Assert.Equal(DecisionKind.Ignored, due.Kind);
        Assert.Null(due.Order);
        Assert.False(string.IsNullOrWhiteSpace(due.Note));
    }

    [Fact]
    public void OutcomeForAnUntrackedOrder_IgnoredSayingSo()
    {
        var b = OrderBuilder.Mfn();

        var decision = OrderWorkflow.Decide(null, new CommerceOrderCreated(b.Id, "1001", "000000123", CommerceStatuses.Pending), b.Settings, b.Now);

        Assert.Equal("CommerceOrderCreated for an untracked order changes nothing.", decision.Note);
    }

    [Fact]
    public void UntrackedOrder_MerchantActionsRefusedNamingTheOrder()
    {
        var b = OrderBuilder.Mfn();
        OrderInput[] inputs = [new ShipmentRecorded(b.Package(1, (SpApi.ItemId, 1))), new MerchantCancelRequested(b.Id, "NoInventory"), new RetryRequested(b.Id), new SyncCycleEnded(b.Id)];

        foreach (var input in inputs)
        {
            var refusal = OrderWorkflow.Decide(null, input, b.Settings, b.Now).Refusal!;
            Assert.Equal("MerchantFulfilled", refusal.Workflow);
            Assert.Equal("amazonOrderId", refusal.Field);
            Assert.Equal(ProblemCodes.OrderNotTracked, refusal.Code);
            Assert.StartsWith($"order {SpApi.MfnOrderId} is not tracked: ", refusal.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FbaOrder_MerchantShipmentAndCancelRefusedNamingTheOrder()
    {
        var b = OrderBuilder.Fba().In(OrderState.Shipped);

        b.Ship(1, (SpApi.ItemId, 1));
        Assert.Equal("amazonOrderId", b.Last.Refusal!.Field);
        Assert.Contains("FBA", b.Last.Refusal.Reason, StringComparison.Ordinal);

        b.Apply(new MerchantCancelRequested(b.Id, "NoInventory"));
        Assert.Equal("amazonOrderId", b.Last.Refusal!.Field);
        Assert.Contains("FBA", b.Last.Refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ShipmentWhileAmazonIsAskedToCancel_RefusedNamingTheOrder()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Apply(new MerchantCancelRequested(OrderBuilder.Mfn().Id, "NoInventory"));

        b.Ship(1, (SpApi.ItemId, 1));

        Assert.Equal("amazonOrderId", b.Last.Refusal!.Field);
        Assert.Contains("cancellation", b.Last.Refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SamePackageTwice_IgnoredNamingThePackage()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(4, (SpApi.ItemId, 1));

        b.Ship(4, (SpApi.ItemId, 1));

        Assert.Equal(DecisionKind.Ignored, b.Last.Kind);
        Assert.Equal("Package 4 is already recorded.", b.Last.Note);
    }

    [Fact]
    public void Guards_DescribedDistinctly()
    {
        Guard[] guards = [Guard.ImportEnabled, Guard.ImportDisabled, Guard.AutomaticRetry, Guard.NoAutomaticRetry, Guard.UnderAttemptCap, Guard.AttemptCapReached, Guard.InCommerce, Guard.AllShipped, Guard.PartlyShipped, Guard.NothingShipped, Guard.ItemsRemain];

        Assert.All(guards, g => Assert.False(string.IsNullOrWhiteSpace(g.Description)));
        Assert.Equal(guards.Length, guards.Select(g => g.Description).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Effects_WhatTheyChange()
    {
        var id = AmazonOrderId.Parse(SpApi.MfnOrderId);
        var package = ShipmentPackage.Create(id, PackageReferenceId.From(1), "UPS", null, null, "1Z999AA10123456784", OrderBuilder.PurchaseDate, [new PackageItem(OrderItemId.Parse(SpApi.ItemId), 1)]);

        Assert.True(new ConfirmShipment(package).ChangesAmazon);
        Assert.True(new CancelOnAmazon(id, "NoInventory").ChangesAmazon);
        Assert.False(new CancelOnAmazon(id, "NoInventory").Imports);
        Assert.True(new ResolveCustomer(id, SpApi.BuyerEmail, null).Imports);
        Assert.False(new ResolveCustomer(id, SpApi.BuyerEmail, null).ChangesAmazon);
        Assert.True(new CreateCommerceOrder(Request(id)).Imports);
        Assert.False(new CompleteCommerceOrder(id).Imports);
        Assert.False(new FetchOrderItems(id, Unshipped).Imports);
        Assert.False(new FetchOrderItems(id, Unshipped).ChangesAmazon);
        Assert.Equal($"ResolveCustomer {{ AmazonOrderId = {SpApi.MfnOrderId}, Email = [redacted] }}", new ResolveCustomer(id, SpApi.BuyerEmail, null).ToString());
    }

    [Fact]
    public void HostEffectWithTheKeyOfABuiltInOne_IsTheSameWork()
    {
        var id = AmazonOrderId.Parse(SpApi.MfnOrderId);
        var host = new HostEffect(id, $"{SpApi.MfnOrderId}:complete");

        Assert.True(host.SameKeyAs(new CompleteCommerceOrder(id)));
        Assert.True(new CompleteCommerceOrder(id).SameKeyAs(host));
        Assert.False(new CancelCommerceOrder(id).SameKeyAs(host));
    }

    private static CommerceOrderRequest Request(AmazonOrderId id) => new()
    {
        AmazonOrderId = id,
        Channel = FulfillmentChannel.Merchant,
        StoreView = "default",
        ReserveInventory = true,
        RequireStock = true,
        Lines = [],
        PurchaseDate = OrderBuilder.PurchaseDate,
    };

    private static AmazonOrderSnapshot Observation(OrderBuilder b, AmazonOrderStatus status, params (string Id, int Ordered, int Shipped, bool Cancel)[] lines) => new(
        b.Id, status, b.Channel, OrderBuilder.PurchaseDate, (b.Order?.LastUpdateDate ?? OrderBuilder.PurchaseDate).AddMinutes(10),
        MarketplaceId.Parse(SpApi.MarketplaceUs), SpApi.Money("29.99"), b.Buyer, SpApi.Address,
        lines.Select(l => new AmazonOrderItem(OrderItemId.Parse(l.Id), Sku.Parse(l.Id == SpApi.ItemId ? SpApi.Sku : SpApi.SecondSku), l.Ordered, l.Shipped, SpApi.Money("10.00"), l.Cancel)));

    private static AmazonOrderSnapshot Observation(OrderBuilder b, AmazonOrderStatus status, params (string Id, int Ordered, int Shipped)[] lines) =>
        Observation(b, status, lines.Select(l => (l.Id, l.Ordered, l.Shipped, false)).ToArray());

    private sealed record HostInput(AmazonOrderId AmazonOrderId) : OrderInput(AmazonOrderId);

    private sealed record HostEffect(AmazonOrderId AmazonOrderId, string Key) : OrderEffect(AmazonOrderId)
    {
        public override string IdempotencyKey => Key;
    }
}
