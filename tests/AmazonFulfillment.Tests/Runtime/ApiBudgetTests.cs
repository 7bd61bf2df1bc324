using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Workflows;
using static AmazonFulfillment.Tests.Support.RuntimeScenario;

namespace AmazonFulfillment.Tests.Runtime;

/// <summary>Guarantee 13: items fetched once per status change that needs them, one call per package, throttling retried with backoff.</summary>
public class ApiBudgetTests
{
    [Fact]
    public async Task Observe_DuplicatesSyncsRestartsAndNewerSameStatus_GetOrderItemsOncePerStatusChange()
    {
        var h = Channel();
        var id = h.Known(1);

        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Pending, 1));
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 2));
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 2));
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 3));
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Pending, 1));
        await h.Runtime.SyncAsync();
        await h.Restart().ResumeAsync();
        await h.Runtime.SyncAsync();
        Assert.Equal(1, h.Faults.CallsOf("amazon", "GetOrderItems"));

        // Amazon reports a shipment Commerce never made: the lines are needed again, once.
        h.Amazon.SetOrderItems(id, Items(shippedA: 1));
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.PartiallyShipped, 4));
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.PartiallyShipped, 4));
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.PartiallyShipped, 5));
        await h.Runtime.SyncAsync();
        Assert.Equal(2, h.Faults.CallsOf("amazon", "GetOrderItems"));
        Assert.Equal(1, h.Tracked(id)!.Items.Single(i => i.OrderItemId == LineA).ShippedOutside);

        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Shipped, 6));
        Assert.Equal(2, h.Faults.CallsOf("amazon", "GetOrderItems"));
        Assert.Equal(OrderState.Shipped, h.Tracked(id)!.State);
    }

    [Fact]
    public async Task Retry_BlockedImportRetriedBySyncAndMerchant_ItemsNotFetchedAgain()
    {
        var h = Channel();
        var id = Id(1);
        h.Amazon.SetOrderItems(id, Items(skuA: Sku.Parse("NOT-IN-CATALOG")));
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));

        await h.Runtime.SyncAsync();
        await h.Runtime.SyncAsync();
        await h.Runtime.RetryAsync(id);

        Assert.Equal(1, h.Faults.CallsOf("amazon", "GetOrderItems"));
        Assert.Equal(4, h.Faults.CallsOf("commerce", "CreateOrder"));
    }

    [Fact]
    public async Task Observe_TransientGetOrderItems_RetriedUntilOneSuccess()
    {
        var h = Channel();
        var id = h.Known(1);
        h.Faults.Add("amazon", "GetOrderItems", FaultMode.Transient, 2);

        var result = await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));

        Assert.Equal(3, h.Faults.CallsOf("amazon", "GetOrderItems"));
        Assert.Equal(OrderState.Unshipped, result.Order!.State);
    }

    [Fact]
    public async Task Lifecycle_FaultFree_OneConfirmShipmentCallPerPackage()
    {
        var h = Channel();
        var id = h.Known(1);

        await h.Runtime.RunAsync(Lifecycle(id));
        await h.Runtime.SyncAsync();

        Assert.Equal(2, h.Faults.CallsOf("amazon", "ConfirmShipment"));
        Assert.Equal(2, h.Amazon.Confirmations.Count);
        Assert.All(h.Amazon.Confirmations, c => Assert.Equal(1, c.Calls));
        Assert.Equal(1, h.Faults.CallsOf("amazon", "GetOrderItems"));
    }

    [Fact]
    public async Task RecordShipment_Throttled_RetriedWithGrowingDelaysNeverAFailure()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        var timed = new TimedAmazon(h.Amazon, h.Clock);
        var runtime = new FulfillmentRuntime(timed, h.Commerce, h.Customers, h.Store, h.Settings, h.Options, h.Clock);
        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.Throttled, 4);

        var result = await runtime.RecordShipmentAsync(First(id));

        Assert.Equal(5, timed.ConfirmCalls.Count);
        var delays = timed.ConfirmCalls.Zip(timed.ConfirmCalls.Skip(1), (a, b) => b - a).ToList();
        Assert.All(delays, d => Assert.True(d >= h.Options.RetryBaseDelay / 2, $"delay {d}"));
        Assert.True(delays.SequenceEqual(delays.Order()), "delays grow: " + string.Join(", ", delays));
        Assert.True(delays[^1] > delays[0]);
        Assert.Equal(ConfirmationState.Confirmed, Assert.Single(result.Order!.Packages).Confirmation);
        Assert.Empty(result.Order.Failures);
        Assert.Single(h.Amazon.Confirmations);
    }

    [Fact]
    public async Task RecordShipment_ThrottledBeyondAttempts_LeftPendingThenSyncFinishes()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.Throttled, h.Options.MaxEffectAttempts);

        var result = await h.Runtime.RecordShipmentAsync(First(id));

        Assert.True(result.HasPendingWork);
        var package = Assert.Single(result.Order!.Packages);
        Assert.Equal(ConfirmationState.Pending, package.Confirmation);
        Assert.Null(package.FailureReason);
        Assert.Empty(result.Order.Failures);
        Assert.Empty(h.Amazon.Confirmations);

        await h.Runtime.SyncAsync();

        Assert.Equal(ConfirmationState.Confirmed, Assert.Single(h.Tracked(id)!.Packages).Confirmation);
        Assert.Empty(h.Tracked(id)!.Failures);
        Assert.Equal(1, Assert.Single(h.Amazon.Confirmations).Calls);
        Assert.Equal(h.Options.MaxEffectAttempts + 1, h.Faults.CallsOf("amazon", "ConfirmShipment"));
    }

    [Fact]
    public async Task Observe_GetOrderItemsThrottledBeyondAttempts_NotBlockedResumeFinishes()
    {
        var h = Channel();
        var id = h.Known(1);
        h.Faults.Add("amazon", "GetOrderItems", FaultMode.Throttled, h.Options.MaxEffectAttempts);

        var result = await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));

        Assert.Equal(OrderState.Importing, result.Order!.State);
        Assert.Null(result.Order.Error);
        Assert.True(result.HasPendingWork);

        Assert.Equal(0, await h.Restart().ResumeAsync());

        Assert.Equal(OrderState.Unshipped, h.Tracked(id)!.State);
        Assert.Single(h.Commerce.Orders);
        Assert.Empty(h.Tracked(id)!.Failures);
    }

    /// <summary>Records the virtual time of each confirmation call.</summary>
    private sealed class TimedAmazon(IAmazonOrdersPort inner, TimeProvider clock) : IAmazonOrdersPort
    {
        public List<DateTimeOffset> ConfirmCalls { get; } = [];

        public ValueTask<PortResult<ImmutableArray<AmazonOrderItem>>> GetOrderItemsAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
            inner.GetOrderItemsAsync(amazonOrderId, cancellationToken);

        public ValueTask<PortResult> ConfirmShipmentAsync(ShipmentPackage package, MarketplaceId? marketplaceId, CancellationToken cancellationToken = default)
        {
            ConfirmCalls.Add(clock.GetUtcNow());
            return inner.ConfirmShipmentAsync(package, marketplaceId, cancellationToken);
        }

        public ValueTask<PortResult> CancelOrderAsync(AmazonOrderId amazonOrderId, string reason, CancellationToken cancellationToken = default) =>
            inner.CancelOrderAsync(amazonOrderId, reason, cancellationToken);
    }
}
