using AmazonFulfillment.Domain;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Workflows;
using static AmazonFulfillment.Tests.Support.RuntimeScenario;

namespace AmazonFulfillment.Tests.Runtime;

/// <summary>Guarantee 12: bad input is refused, naming the field, and the stored state is unchanged.</summary>
public class BadInputTests
{
    private static async Task<Refusal> AssertRefusedUnchangedAsync(InMemoryFulfillment h, Func<FulfillmentRuntime, Task<ProcessResult>> act, string? field, string code)
    {
        var before = h.OrderStore.All();
        var world = h.World();
        var calls = h.Faults.Calls();

        var result = await act(h.Runtime);

        Assert.Equal(DecisionKind.Refused, result.Kind);
        var refusal = Assert.IsType<Refusal>(result.Refusal);
        Assert.Equal(field, refusal.Field);
        Assert.Equal(code, refusal.Code);
        Assert.NotNull(ProblemCodes.Describe(refusal.Code));
        Assert.False(string.IsNullOrWhiteSpace(refusal.Reason));
        var after = h.OrderStore.All();
        Assert.Equal(before.Count, after.Count);
        Assert.All(before.Zip(after), p => Assert.Same(p.First, p.Second));
        Assert.Equal(world, h.World());
        Assert.Equal(calls.Where(c => !c.Key.StartsWith("store.", StringComparison.Ordinal)), h.Faults.Calls().Where(c => !c.Key.StartsWith("store.", StringComparison.Ordinal)));
        Assert.Equal(0, h.Faults.CallsOf("store", "Save") - calls.GetValueOrDefault("store.Save"));
        return refusal;
    }

    private static async Task<(InMemoryFulfillment H, AmazonOrderId Id)> UnshippedAsync()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        return (h, id);
    }

    [Fact]
    public async Task RecordShipment_UnknownOrder_RefusedNothingStored()
    {
        var h = Channel();

        await AssertRefusedUnchangedAsync(h, r => r.RecordShipmentAsync(First(Id(99))), "amazonOrderId", ProblemCodes.OrderNotTracked);

        Assert.Equal(0, h.OrderStore.Count);
    }

    [Fact]
    public async Task RecordShipment_OrderNotYetInCommerce_Refused()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Pending, 1));

        await AssertRefusedUnchangedAsync(h, r => r.RecordShipmentAsync(First(id)), "amazonOrderId", ProblemCodes.ShipmentNotInCommerce);
    }

    [Fact]
    public async Task RecordShipment_BlockedImport_Refused()
    {
        var h = Channel();
        var id = Id(1);
        h.Amazon.SetOrderItems(id, Items(skuA: Sku.Parse("UNKNOWN")));
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));

        await AssertRefusedUnchangedAsync(h, r => r.RecordShipmentAsync(First(id)), "amazonOrderId", ProblemCodes.ShipmentImportBlocked);
    }

    [Fact]
    public async Task RecordShipment_CanceledOrder_Refused()
    {
        var (h, id) = await UnshippedAsync();
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Canceled, 2));

        await AssertRefusedUnchangedAsync(h, r => r.RecordShipmentAsync(First(id)), "amazonOrderId", ProblemCodes.ShipmentOrderCanceled);
    }

    [Fact]
    public async Task RecordShipment_UnknownOrderItem_Refused()
    {
        var (h, id) = await UnshippedAsync();

        await AssertRefusedUnchangedAsync(h, r => r.RecordShipmentAsync(Package(id, 1, new PackageItem(OrderItemId.Parse("99999"), 1))), "items.orderItemId", ProblemCodes.ShipmentItemNotInOrder);
    }

    [Fact]
    public async Task RecordShipment_QuantityAboveOrdered_Refused()
    {
        var (h, id) = await UnshippedAsync();

        await AssertRefusedUnchangedAsync(h, r => r.RecordShipmentAsync(Package(id, 1, new PackageItem(LineA, 3))), "items.quantity", ProblemCodes.ShipmentQuantityExceedsRemaining);
    }

    [Fact]
    public async Task RecordShipment_QuantityAboveRemainingAfterPackage_RefusedSecondLineUntouched()
    {
        var (h, id) = await UnshippedAsync();
        await h.Runtime.RecordShipmentAsync(Package(id, 1, new PackageItem(LineA, 1)));

        await AssertRefusedUnchangedAsync(h, r => r.RecordShipmentAsync(Package(id, 2, new PackageItem(LineB, 1), new PackageItem(LineA, 2))), "items.quantity", ProblemCodes.ShipmentQuantityExceedsRemaining);

        Assert.Equal(0, h.Tracked(id)!.Items.Single(i => i.OrderItemId == LineB).ShippedByCommerce);
    }

    [Fact]
    public async Task RecordShipment_ShipDateInFuture_Refused()
    {
        var (h, id) = await UnshippedAsync();
        var future = ShipmentPackage.Create(id, PackageReferenceId.From(1), "UPS", null, null, "1Z999AA10000000001", h.Clock.GetUtcNow().AddHours(1), [new PackageItem(LineA, 1)]);

        await AssertRefusedUnchangedAsync(h, r => r.RecordShipmentAsync(future), "shipDate", ProblemCodes.ShipmentShipDateInFuture);
    }

    [Fact]
    public async Task RecordShipment_ShipDateWithinClockSkew_Accepted()
    {
        var (h, id) = await UnshippedAsync();
        var skewed = ShipmentPackage.Create(id, PackageReferenceId.From(1), "UPS", null, null, "1Z999AA10000000001", h.Clock.GetUtcNow().AddMinutes(4), [new PackageItem(LineA, 1)]);

        var result = await h.Runtime.RecordShipmentAsync(skewed);

        Assert.Equal(DecisionKind.Applied, result.Kind);
    }

    [Fact]
    public async Task RecordShipment_SamePackageIdDifferentContent_Refused()
    {
        var (h, id) = await UnshippedAsync();
        await h.Runtime.RecordShipmentAsync(First(id));

        await AssertRefusedUnchangedAsync(h, r => r.RecordShipmentAsync(Package(id, 1, new PackageItem(LineB, 1))), "packageReferenceId", ProblemCodes.ShipmentPackageIdReused);

        Assert.Single(h.Amazon.Confirmations);
    }

    [Theory]
    [InlineData(null, "1Z999AA10123456784", "UPS", null, 1, "packageReferenceId")]
    [InlineData("0", "1Z999AA10123456784", "UPS", null, 1, "packageReferenceId")]
    [InlineData("1", " ", "UPS", null, 1, "trackingNumber")]
    [InlineData("1", "1Z999AA10123456784", "", null, 1, "carrierCode")]
    [InlineData("1", "1Z999AA10123456784", "Other", null, 1, "carrierName")]
    [InlineData("1", "1Z999AA10123456784", "UPS", null, 0, "items.quantity")]
    [InlineData("1", "1Z999AA10123456784", "UPS", null, -1, "items.quantity")]
    public void CreatePackage_InvalidField_RefusedNamingField(string? reference, string tracking, string carrier, string? carrierName, int quantity, string field)
    {
        var package = ShipmentPackage.TryCreate(Id(1).Value, reference, carrier, carrierName, null, tracking, T0, [new PackageItem(LineA, quantity)]);

        Assert.False(package.IsValid);
        Assert.Equal(field, package.Field);
        var error = Assert.Throws<ArgumentException>(() => package.OrThrow());
        Assert.Equal(field, error.ParamName);
        Assert.Equal(ProblemCodes.InputInvalidValue, ProblemCodes.Of(error));
    }

    [Fact]
    public async Task Cancel_PartiallyShipped_RefusedNothingSentToAmazon()
    {
        var (h, id) = await UnshippedAsync();
        await h.Runtime.RecordShipmentAsync(First(id));

        await AssertRefusedUnchangedAsync(h, r => r.CancelAsync(id, "NoInventory"), null, ProblemCodes.CancelNotUnshipped);

        Assert.Empty(h.Amazon.Cancellations);
        Assert.NotEqual(CommerceStatuses.Canceled, h.Commerce.Orders[0].Status);
        Assert.Equal(OrderState.PartiallyShipped, h.Tracked(id)!.State);
    }

    [Theory]
    [InlineData(AmazonOrderStatus.Pending)]
    [InlineData(AmazonOrderStatus.Shipped)]
    [InlineData(AmazonOrderStatus.Canceled)]
    public async Task Cancel_NotUnshipped_Refused(AmazonOrderStatus status)
    {
        var h = Channel();
        var id = h.Known(1, shippedA: status == AmazonOrderStatus.Shipped ? 2 : 0, shippedB: status == AmazonOrderStatus.Shipped ? 1 : 0);
        await h.Runtime.ObserveAsync(Snapshot(id, status, 1));

        await AssertRefusedUnchangedAsync(h, r => r.CancelAsync(id, "NoInventory"), null, ProblemCodes.CancelNotUnshipped);
    }

    [Fact]
    public async Task Cancel_UnknownOrder_Refused()
    {
        var h = Channel();

        await AssertRefusedUnchangedAsync(h, r => r.CancelAsync(Id(5), "NoInventory"), "amazonOrderId", ProblemCodes.OrderNotTracked);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Cancel_BlankReason_RefusedNamingReason(string reason)
    {
        var (h, id) = await UnshippedAsync();

        await AssertRefusedUnchangedAsync(h, r => r.CancelAsync(id, reason), "reason", ProblemCodes.CancelReasonInvalid);
    }

    [Fact]
    public async Task Retry_OrderNotBlocked_Refused()
    {
        var (h, id) = await UnshippedAsync();

        await AssertRefusedUnchangedAsync(h, r => r.RetryAsync(id), null, ProblemCodes.RetryNothingToRetry);
    }

    [Fact]
    public async Task PublicMethods_NullArguments_ThrowArgumentNullException()
    {
        var h = Channel();
        var r = h.Runtime;

        await Assert.ThrowsAsync<ArgumentNullException>(() => r.ObserveAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => r.ObserveManyAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => r.ObserveManyAsync([Snapshot(Id(1), AmazonOrderStatus.Pending, 1), null!]));
        await Assert.ThrowsAsync<ArgumentNullException>(() => r.RecordShipmentAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => r.CancelAsync(Id(1), null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => r.ProcessAsync(null!));
        Assert.Equal(0, h.OrderStore.Count);
        Assert.Equal(0, h.Faults.CallsOf("store", "Load"));
    }

    [Fact]
    public async Task PublicMethods_DefaultOrderId_ThrowArgumentException()
    {
        var h = Channel();
        var r = h.Runtime;

        Assert.Equal(ProblemCodes.InputOrderIdMissing, ProblemCodes.Of(await Assert.ThrowsAsync<ArgumentException>(() => r.CancelAsync(default, "NoInventory"))));
        Assert.Equal(ProblemCodes.InputOrderIdMissing, ProblemCodes.Of(await Assert.ThrowsAsync<ArgumentException>(() => r.RetryAsync(default))));
        Assert.Equal(ProblemCodes.InputOrderIdMissing, ProblemCodes.Of(await Assert.ThrowsAsync<ArgumentException>(() => r.ProcessAsync(new SyncCycleEnded(default)))));
        Assert.Equal(ProblemCodes.InputInvalidSnapshot, ProblemCodes.Of(Assert.Throws<ArgumentException>(() => Snapshot(default, AmazonOrderStatus.Unshipped, 1))));
        Assert.Equal(0, h.Faults.CallsOf("store", "Load"));
    }

    [Fact]
    public void Constructor_NullPortOrInvalidOptions_Throws()
    {
        var h = Channel();

        Assert.Throws<ArgumentNullException>(() => new FulfillmentRuntime(null!, h.Commerce, h.Customers, h.Store, h.Settings));
        Assert.Throws<ArgumentNullException>(() => new FulfillmentRuntime(h.Amazon, h.Commerce, h.Customers, null!, h.Settings));
        var invalid = Assert.Throws<ArgumentException>(() => new FulfillmentRuntime(h.Amazon, h.Commerce, h.Customers, h.Store, h.Settings, new FulfillmentRuntimeOptions { MaxEffectAttempts = 0, MaxParallelOrders = 0 }));
        Assert.Contains("MaxEffectAttempts", invalid.Message, StringComparison.Ordinal);
        Assert.Contains("MaxParallelOrders", invalid.Message, StringComparison.Ordinal);
        Assert.Equal(ProblemCodes.SettingsOptionsInvalid, ProblemCodes.Of(invalid));
        Assert.EndsWith($"({ProblemCodes.SettingsOptionsInvalid}) (Parameter 'options')", invalid.Message, StringComparison.Ordinal);
    }
}
