using AmazonFulfillment.Domain;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Workflows;
using static AmazonFulfillment.Tests.Support.RuntimeScenario;

namespace AmazonFulfillment.Tests.Runtime;

/// <summary>Permanent failures are recorded and visible; blocked imports are retried within the cap, and beyond it on request.</summary>
public class FailureTests
{
    [Fact]
    public async Task RecordShipment_ConfirmRejectedPermanently_PackageFailedWithReasonNotRetried()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.Permanent, 1);

        var result = await h.Runtime.RecordShipmentAsync(First(id));
        await h.Runtime.SyncAsync();

        var package = Assert.Single(h.Tracked(id)!.Packages);
        Assert.Equal(ConfirmationState.Failed, package.Confirmation);
        Assert.Contains("ConfirmShipment", package.FailureReason, StringComparison.Ordinal);
        var failure = Assert.Single(h.Tracked(id)!.Failures);
        Assert.Contains(":package:1", failure.IdempotencyKey, StringComparison.Ordinal);
        Assert.Equal(1, h.Faults.CallsOf("amazon", "ConfirmShipment"));
        Assert.False(result.HasPendingWork);
        Assert.Empty(h.Amazon.Confirmations);
    }

    [Fact]
    public async Task Sync_BlockedImport_RetriedUpToMaxImportAttemptsThenOnlyOnMerchantRetry()
    {
        var h = Channel(s => s.MaxImportAttempts = 3);
        var id = Id(1);
        var unknown = Sku.Parse("NOT-IN-CATALOG");
        h.Amazon.SetOrderItems(id, Items(skuA: unknown));

        var first = await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        Assert.Equal(OrderState.Blocked, first.Order!.State);
        Assert.Equal(ChannelStatus.Error, first.Order.ChannelStatus);
        Assert.Contains("NOT-IN-CATALOG", first.Order.Error, StringComparison.Ordinal);
        Assert.True(first.Order.VisibleInOrders);

        for (var i = 0; i < 5; i++)
        {
            await h.Runtime.SyncAsync();
        }

        Assert.Equal(3, h.Faults.CallsOf("commerce", "CreateOrder"));
        Assert.Equal(3, h.Tracked(id)!.AutomaticImportAttempts);
        Assert.Equal(OrderState.Blocked, h.Tracked(id)!.State);
        Assert.NotNull(h.Tracked(id)!.Error);

        // A newer observation would retry too, but the cap is reached.
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 2));
        Assert.Equal(3, h.Faults.CallsOf("commerce", "CreateOrder"));

        var retried = await h.Runtime.RetryAsync(id);
        Assert.Equal(DecisionKind.Applied, retried.Kind);
        Assert.Equal(4, h.Faults.CallsOf("commerce", "CreateOrder"));
        Assert.Equal(OrderState.Blocked, retried.Order!.State);

        h.Commerce.SetProduct(unknown);
        var fixedUp = await h.Runtime.RetryAsync(id);

        Assert.Equal(OrderState.Unshipped, fixedUp.Order!.State);
        Assert.Null(fixedUp.Order.Error);
        Assert.Single(h.Commerce.Orders);
    }

    [Fact]
    public async Task Observe_BlockedThenNewerObservation_RetriedWithinCap()
    {
        var h = Channel();
        var id = h.Known(1);
        h.Commerce.SetProduct(SkuB, StockStatus.OutOfStock);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        Assert.Equal(OrderState.Blocked, h.Tracked(id)!.State);

        h.Commerce.SetProduct(SkuB, StockStatus.NotManaged);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 2));

        Assert.Equal(OrderState.Unshipped, h.Tracked(id)!.State);
        Assert.Single(h.Commerce.Orders);
    }

    [Fact]
    public async Task Observe_DisabledProduct_BlockedWithReason()
    {
        var h = Channel();
        var id = h.Known(1);
        h.Commerce.SetProduct(SkuA, enabled: false);

        var result = await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));

        Assert.Equal(OrderState.Blocked, result.Order!.State);
        Assert.Contains("disabled", result.Order.Error, StringComparison.Ordinal);
        Assert.Contains(id, await h.OrderStore.ListUnfinishedAsync());
    }

    [Fact]
    public async Task Observe_GetOrderItemsRejected_BlockedWithReasonAndFailureRecorded()
    {
        var h = Channel();
        var id = h.Known(1);
        h.Faults.Add("amazon", "GetOrderItems", FaultMode.Permanent, 1);

        var result = await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));

        Assert.Equal(OrderState.Blocked, result.Order!.State);
        Assert.NotNull(result.Order.Error);
        Assert.Single(result.Order.Failures);

        await h.Runtime.SyncAsync();
        Assert.Equal(OrderState.Unshipped, h.Tracked(id)!.State);
    }
}
