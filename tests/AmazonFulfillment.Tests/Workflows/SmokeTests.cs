using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Tests.Workflows;

public class SmokeTests
{
    [Fact]
    public void HappyPath_Mfn_ReachesShipped()
    {
        var settings = new OrderSettings { StoreView = "default" };
        var id = AmazonOrderId.Parse("902-1845936-5435065");
        var t0 = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
        var d = OrderWorkflow.Decide(null, new AmazonOrderObserved(new AmazonOrderSnapshot(id, AmazonOrderStatus.Pending, FulfillmentChannel.Merchant, t0, t0)), settings, t0);
        Assert.Equal(OrderState.Pending, d.Order!.State);
        d = OrderWorkflow.Decide(d.Order, new AmazonOrderObserved(new AmazonOrderSnapshot(id, AmazonOrderStatus.Unshipped, FulfillmentChannel.Merchant, t0, t0.AddMinutes(1), orderTotal: Money.Of(11.01m, "USD"))), settings, t0);
        Assert.Equal(OrderState.Importing, d.Order!.State);
        var fetch = Assert.IsType<FetchOrderItems>(Assert.Single(d.NewEffects));
        var item = new AmazonOrderItem(OrderItemId.Parse("05015851154158"), Sku.Parse("ABC-1"), 2, 0, Money.Of(20m, "USD"));
        d = OrderWorkflow.Decide(d.Order, new OrderItemsFetched(id, fetch.ForStatus, [item]), settings, t0);
        var create = Assert.IsType<CreateCommerceOrder>(Assert.Single(d.NewEffects));
        Assert.Equal(10m, create.Request.Lines[0].UnitPrice!.Value.Amount);
        d = OrderWorkflow.Decide(d.Order, new CommerceOrderCreated(id, "1", "000000001", "pending"), settings, t0);
        Assert.Equal(OrderState.Unshipped, d.Order!.State);
        var p1 = ShipmentPackage.Create(id, PackageReferenceId.From(1), "UPS", null, null, "1Z999AA10000000001", t0, [new PackageItem(item.OrderItemId, 1)]);
        d = OrderWorkflow.Decide(d.Order, new ShipmentRecorded(p1), settings, t0);
        Assert.Equal(OrderState.PartiallyShipped, d.Order!.State);
        var p2 = ShipmentPackage.Create(id, PackageReferenceId.From(2), "UPS", null, null, "1Z999AA10000000002", t0, [new PackageItem(item.OrderItemId, 1)]);
        d = OrderWorkflow.Decide(d.Order, new ShipmentRecorded(p2), settings, t0);
        Assert.Equal(OrderState.Shipped, d.Order!.State);
        Assert.Equal(2, d.NewEffects.Length);
        Assert.Contains("stateDiagram", MerchantFulfilledGraph.Graph.ToMermaid(), StringComparison.Ordinal);
    }
}
