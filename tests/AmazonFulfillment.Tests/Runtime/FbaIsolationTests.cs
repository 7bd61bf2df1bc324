using AmazonFulfillment.Domain;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Workflows;
using static AmazonFulfillment.Tests.Support.RuntimeScenario;

namespace AmazonFulfillment.Tests.Runtime;

/// <summary>Guarantee 7 at runtime: FBA orders touch nothing before Shipped and nothing is ever sent to Amazon for them.</summary>
public class FbaIsolationTests
{
    private const FulfillmentChannel Fba = FulfillmentChannel.Amazon;

    [Theory]
    [InlineData(AmazonOrderStatus.PendingAvailability)]
    [InlineData(AmazonOrderStatus.Pending)]
    [InlineData(AmazonOrderStatus.Unshipped)]
    [InlineData(AmazonOrderStatus.PartiallyShipped)]
    [InlineData(AmazonOrderStatus.Canceled)]
    [InlineData(AmazonOrderStatus.Unfulfillable)]
    public async Task Observe_FbaBeforeShipped_StoreNeverTouched(AmazonOrderStatus status)
    {
        var h = Channel();
        var id = h.Known(1);

        var result = await h.Runtime.ObserveAsync(Snapshot(id, status, 1, Fba));
        await h.Runtime.ObserveManyAsync([Snapshot(id, status, 2, Fba), Snapshot(Id(2), status, 1, Fba)]);
        await h.Runtime.SyncAsync();

        Assert.Equal(DecisionKind.Ignored, result.Kind);
        Assert.Null(result.Order);
        Assert.Equal(0, h.Faults.CallsOf("store", "Load"));
        Assert.Equal(0, h.Faults.CallsOf("store", "Save"));
        Assert.Equal(0, h.OrderStore.Count);
        Assert.Empty(h.Faults.Calls());
        Assert.Empty(h.Commerce.Orders);
    }

    [Fact]
    public async Task Observe_FbaShipped_ImportedCompleteWithoutStockAndNothingSentToAmazon()
    {
        var h = Channel();
        h.Commerce.SetProduct(SkuA, StockStatus.OutOfStock);
        var id = h.Known(1, shippedA: 2, shippedB: 1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1, Fba));

        var result = await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Shipped, 2, Fba));
        var ship = await h.Runtime.RecordShipmentAsync(First(id));
        var cancel = await h.Runtime.CancelAsync(id, "NoInventory");
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.InvoiceUnconfirmed, 3, Fba));
        await h.Runtime.SyncAsync();

        Assert.Equal(OrderState.Shipped, result.Order!.State);
        var commerce = Assert.Single(h.Commerce.Orders);
        Assert.Equal(CommerceStatuses.Complete, commerce.Status);
        Assert.False(commerce.Request.ReserveInventory);
        Assert.False(commerce.Request.RequireStock);
        Assert.Equal(DecisionKind.Refused, ship.Kind);
        Assert.Equal(DecisionKind.Refused, cancel.Kind);
        Assert.Equal(0, h.Faults.CallsOf("amazon", "ConfirmShipment"));
        Assert.Equal(0, h.Faults.CallsOf("amazon", "CancelOrder"));
        Assert.Empty(h.Amazon.Confirmations);
        Assert.Empty(h.Amazon.Cancellations);
    }

    [Fact]
    public async Task Observe_FbaShippedWithImportOff_TrackedShippedNoCommerceOrder()
    {
        var h = Channel(s => s.ImportFbaOrders = false);
        var id = h.Known(1, shippedA: 2, shippedB: 1);

        var result = await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Shipped, 1, Fba));

        Assert.Equal(ChannelStatus.Shipped, result.Order!.ChannelStatus);
        Assert.Empty(h.Commerce.Orders);
        Assert.Equal(0, h.Faults.CallsOf("amazon", "ConfirmShipment"));
    }
}
