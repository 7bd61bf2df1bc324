using AmazonFulfillment.Domain;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Tests.Runtime;

public class RuntimeSmokeTests
{
    [Fact]
    public async Task Observe_UnshippedWithLostCreateResponse_OneCommerceOrderAndConfirmedPackage()
    {
        var h = new InMemoryFulfillment();
        var id = AmazonOrderId.Parse("902-1845936-5435065");
        var itemId = OrderItemId.Parse("05015851154158");
        h.Commerce.SetProduct(Sku.Parse("ABC-1"));
        h.Amazon.SetOrderItems(id, [new AmazonOrderItem(itemId, Sku.Parse("ABC-1"), 1, 0, Money.Of(10m, "USD"))]);
        h.Faults.Add("commerce", "CreateOrder", FaultMode.LostResponse, 1);
        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.Throttled, 2);
        var t = h.Clock.GetUtcNow();
        var r = await h.Runtime.ObserveAsync(new AmazonOrderSnapshot(id, AmazonOrderStatus.Unshipped, FulfillmentChannel.Merchant, t, t, MarketplaceId.Parse("ATVPDKIKX0DER")));
        Assert.Equal(DecisionKind.Applied, r.Kind);
        Assert.Equal(OrderState.Unshipped, r.Order!.State);
        Assert.Single(h.Commerce.Orders);
        Assert.Equal(2, h.Faults.CallsOf("commerce", "CreateOrder"));
        var package = ShipmentPackage.Create(id, PackageReferenceId.From(1), "UPS", null, null, "1Z999AA10000000999", t, [new PackageItem(itemId, 1)]);
        h.Restart();
        r = await h.Runtime.RecordShipmentAsync(package);
        Assert.Equal(OrderState.Shipped, r.Order!.State);
        Assert.Equal(ConfirmationState.Confirmed, Assert.Single(r.Order.Packages).Confirmation);
        Assert.Equal(CommerceStatuses.Complete, h.Commerce.Orders[0].Status);
        Assert.Equal(3, h.Faults.CallsOf("amazon", "ConfirmShipment"));
        Assert.Single(h.Amazon.Confirmations);
        Assert.True(h.Clock.GetUtcNow() > t);
    }

    [Fact]
    public async Task Cancel_SaveResponseLost_ReportedAppliedAndDoneOnce()
    {
        var h = new InMemoryFulfillment();
        var id = AmazonOrderId.Parse("902-1845936-5435065");
        h.Commerce.SetProduct(Sku.Parse("ABC-1"));
        h.Amazon.SetOrderItems(id, [new AmazonOrderItem(OrderItemId.Parse("05015851154158"), Sku.Parse("ABC-1"), 1, 0, Money.Of(10m, "USD"))]);
        var t = h.Clock.GetUtcNow();
        await h.Runtime.ObserveAsync(new AmazonOrderSnapshot(id, AmazonOrderStatus.Unshipped, FulfillmentChannel.Merchant, t, t, MarketplaceId.Parse("ATVPDKIKX0DER")));
        h.Faults.Add("store", "Save", FaultMode.LostResponse, 1);

        var r = await h.Runtime.CancelAsync(id, "NoInventory");

        Assert.Equal(DecisionKind.Applied, r.Kind);
        Assert.Equal(OrderState.Canceled, r.Order!.State);
        Assert.Single(h.Amazon.Cancellations);
        Assert.Equal(CommerceStatuses.Canceled, h.Commerce.Orders[0].Status);
    }
}
