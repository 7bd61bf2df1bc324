using AmazonFulfillment.Domain;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;
using static AmazonFulfillment.Domain.AmazonOrderStatus;

namespace AmazonFulfillment.Tests.Mutation;

/// <summary>
/// Refusals that read clearly (guarantee 12: the field and the reason), comparisons at equality, outcomes that change
/// nothing on a cancelled order (docs/rules.md section 3a), and a correction that replaces only the refused package.
/// </summary>
public class RefusalDetailTests
{
    [Fact]
    public void AmazonOrderId_Reasons()
    {
        Assert.Equal("is required.", AmazonOrderId.TryCreate(" ").Error);
        Assert.Equal("'902-1845936' is not an Amazon order id (3-7-7 digits).", AmazonOrderId.TryCreate("902-1845936").Error);
    }

    [Fact]
    public void Identifiers_EqualOnesAreNeitherBeforeNorAfter()
    {
        var id = AmazonOrderId.Parse(SpApi.MfnOrderId);
        var same = AmazonOrderId.Parse(SpApi.MfnOrderId);
        var package = PackageReferenceId.From(5);

        Assert.False(id < same);
        Assert.False(id > same);
        Assert.False(package < PackageReferenceId.From(5));
        Assert.False(package > PackageReferenceId.From(5));
    }

    [Fact]
    public void DomainExceptions_SayWhatIsWrong()
    {
        var id = OrderItemId.Parse(SpApi.ItemId);
        var sku = Sku.Parse(SpApi.Sku);

        Assert.StartsWith("is required.", Assert.Throws<ArgumentException>(() => new AmazonOrderItem(default, sku, 1, 0, null)).Message, StringComparison.Ordinal);
        Assert.StartsWith("is required.", Assert.Throws<ArgumentException>(() => new AmazonOrderItem(id, default, 1, 0, null)).Message, StringComparison.Ordinal);
        Assert.StartsWith("is required.", Assert.Throws<ArgumentException>(() => new AmazonOrderSnapshot(default, Pending, FulfillmentChannel.Merchant, OrderBuilder.PurchaseDate, OrderBuilder.PurchaseDate)).Message, StringComparison.Ordinal);
        Assert.StartsWith("must not be negative.", Assert.Throws<ArgumentException>(() => Money.Of(-1m, "USD")).Message, StringComparison.Ordinal);
        Assert.Equal("Cannot add EUR to USD.", Assert.Throws<InvalidOperationException>(() => Money.Of(1m, "USD").Add(Money.Of(1m, "EUR"))).Message);
        Assert.Contains("must be a positive integer", Assert.Throws<ArgumentOutOfRangeException>(() => PackageReferenceId.From(0)).Message, StringComparison.Ordinal);
        Assert.Equal("A valid result has no failure to carry.", Assert.Throws<InvalidOperationException>(() => Sku.TryCreate("A").As<Money>()).Message);
    }

    [Fact]
    public void ValidationFailures_SayWhatIsWrong()
    {
        var line = new AmazonOrderItem(OrderItemId.Parse(SpApi.ItemId), Sku.Parse(SpApi.Sku), 1, 0, null);

        Assert.Equal("7 is not a fulfillment channel.", AmazonOrderSnapshot.TryCreate(SpApi.MfnOrderId, Pending, (FulfillmentChannel)7, OrderBuilder.PurchaseDate, OrderBuilder.PurchaseDate).Error);
        Assert.Equal("must not be before PurchaseDate.", AmazonOrderSnapshot.TryCreate(SpApi.MfnOrderId, Pending, FulfillmentChannel.Merchant, OrderBuilder.PurchaseDate, OrderBuilder.PurchaseDate.AddDays(-1)).Error);
        Assert.Equal("contains a null item.", AmazonOrderSnapshot.TryCreate(SpApi.MfnOrderId, Pending, FulfillmentChannel.Merchant, OrderBuilder.PurchaseDate, OrderBuilder.PurchaseDate, items: [null!]).Error);
        Assert.Equal("OrderItems", AmazonOrderSnapshot.TryCreate(SpApi.MfnOrderId, Pending, FulfillmentChannel.Merchant, OrderBuilder.PurchaseDate, OrderBuilder.PurchaseDate, items: [line, null!]).Field);
        Assert.Equal("is required.", PackageReferenceId.TryCreate("").Error);
        Assert.Equal("must list at least one order item.", ShipmentPackage.TryCreate(SpApi.MfnOrderId, "1", "UPS", null, null, "1Z999AA10123456784", OrderBuilder.PurchaseDate, []).Error);
        Assert.Equal("is required.", ShipmentPackage.TryCreate(SpApi.MfnOrderId, "1", "UPS", null, null, "1Z999AA10123456784", OrderBuilder.PurchaseDate, [new PackageItem(default, 1)]).Error);
    }

    [Fact]
    public void PortOutcomes_RefusalsGiveAReason()
    {
        var b = OrderBuilder.Mfn(s => s.CustomerCreation = CustomerCreation.CreateAccount).Observe(Unshipped);

        b.Apply(new OrderItemsFetched(b.Id, Unshipped, default));
        Assert.Equal(ProblemCodes.PortItemsInvalid, b.Last.Refusal!.Code);
        Assert.Equal("the Amazon port answered without a list of order items, which breaks its contract; the answer was not applied. Fix the port, then retry the import.", b.Last.Refusal.Reason);

        b.Apply(b.OutcomeOf(b.Pending<FetchOrderItems>().Single()));
        b.Apply(new CustomerResolved(b.Id, ""));
        Assert.Equal(ProblemCodes.PortCustomerIdMissing, b.Last.Refusal!.Code);
        Assert.StartsWith("the customers port resolved the customer without an id, which breaks its contract; the answer was not applied.", b.Last.Refusal.Reason, StringComparison.Ordinal);

        b.Apply(b.OutcomeOf(b.Pending<ResolveCustomer>().Single()));
        b.Apply(new CommerceOrderCreated(b.Id, "", "000000123", CommerceStatuses.Pending));
        Assert.Equal(ProblemCodes.PortCommerceOrderIncomplete, b.Last.Refusal!.Code);
        Assert.StartsWith("the Commerce port created the order without its id, number or status, which breaks its contract: all three are required.", b.Last.Refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LateCommerceOutcomes_IgnoredNamingTheWork()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);

        b.Apply(new CommerceOrderCreated(b.Id, "1001", "000000123", CommerceStatuses.Pending));
        Assert.Equal($"Late duplicate: CommerceOrderCreated for {SpApi.MfnOrderId}:create, which is no longer pending.", b.Last.Note);

        b.Apply(new CommerceOrderRefused(b.Id, "Out of stock."));
        Assert.Equal($"Late duplicate: CommerceOrderRefused for {SpApi.MfnOrderId}:create, which is no longer pending.", b.Last.Note);
    }

    [Fact]
    public void MerchantCancelAskedAgain_IgnoredSayingItWaits()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);

        b.Apply(new MerchantCancelRequested(b.Id, "NoInventory")).Apply(new MerchantCancelRequested(b.Id, "NoInventory"));

        Assert.Equal("The cancellation was already asked of Amazon and waits for its answer.", b.Last.Note);
    }

    [Fact]
    public void CorrectionThatChangesItems_RefusalSaysWhatMayChange()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(1, (SpApi.ItemId, 1));
        b.Apply(new EffectFailed(b.Id, b.Pending<ConfirmShipment>().Single().IdempotencyKey, "Invalid tracking number."));

        b.Ship(1, (SpApi.SecondItemId, 1));

        Assert.Contains("not its items", b.Last.Refusal!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Correction_ReplacesOnlyTheRefusedPackage()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(1, (SpApi.ItemId, 1)).Ship(2, (SpApi.SecondItemId, 1));
        var confirmations = b.Pending<ConfirmShipment>().ToList();
        b.Apply(new EffectCompleted(b.Id, confirmations[0].IdempotencyKey));
        b.Apply(new EffectFailed(b.Id, confirmations[1].IdempotencyKey, "Invalid tracking number."));
        var confirmedPackage = b.Order!.Packages[0];

        b.Apply(new ShipmentRecorded(ShipmentPackage.Create(
            b.Id, PackageReferenceId.From(2), "UPS", null, null, "1Z000000000000000C", b.Now.AddMinutes(-1), [new PackageItem(OrderItemId.Parse(SpApi.SecondItemId), 1)])));

        Assert.Equal(DecisionKind.Applied, b.Last.Kind);
        Assert.Same(confirmedPackage, b.Order!.Packages[0]);
        Assert.Equal(ConfirmationState.Pending, b.Order.Packages[1].Confirmation);
        Assert.Equal("1Z000000000000000C", b.Order.Packages[1].Package.TrackingNumber);
    }

    [Fact]
    public void CanceledByAmazon_SyncAndDueWorkChangeNothing()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Observe(Canceled);
        Assert.Single(b.Pending<CancelCommerceOrder>());
        var order = b.Order;

        b.Apply(new SyncCycleEnded(b.Id));
        Assert.Equal(DecisionKind.Ignored, b.Last.Kind);
        Assert.Same(order, b.Order);

        Assert.Equal(DecisionKind.Ignored, OrderWorkflow.Decide(order, new WorkDue(b.Id), b.Settings, b.Now).Kind);
    }
}
