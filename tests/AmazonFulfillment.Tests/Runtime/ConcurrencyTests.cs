using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;
using static AmazonFulfillment.Tests.Support.RuntimeScenario;

namespace AmazonFulfillment.Tests.Runtime;

/// <summary>Guarantee 10: several workers over one store give the result of one; conflicts are retried, never lost.</summary>
public class ConcurrencyTests
{
    private const int Workers = 4;

    private static Task<ProcessResult[]> AllAtOnce(IEnumerable<FulfillmentRuntime> workers, Func<FulfillmentRuntime, int, Task<ProcessResult>> work) =>
        Task.WhenAll(workers.Select((w, i) => Task.Run(() => work(w, i))));

    [Fact]
    public async Task Observe_SameObservationOnSeveralWorkers_SameResultAsOnce()
    {
        var once = Channel();
        var onceId = once.Known(1);
        await once.Runtime.ObserveAsync(Snapshot(onceId, AmazonOrderStatus.Unshipped, 1));

        var h = Channel();
        var id = h.Known(1);
        var workers = Enumerable.Range(0, Workers).Select(_ => h.Worker()).ToList();
        await AllAtOnce(workers, (w, _) => w.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1)));

        Assert.Equal(Summary(once.Tracked(onceId)), Summary(h.Tracked(id)));
        Assert.Single(h.Commerce.Orders);
        Assert.Single(h.OrderStore.All());
    }

    [Fact]
    public async Task Observe_DifferentStatusesOnSeveralWorkers_OneCompleteCommerceOrder()
    {
        var h = Channel();
        var id = h.Known(1, shippedA: 2, shippedB: 1);
        AmazonOrderStatus[] statuses = [AmazonOrderStatus.Pending, AmazonOrderStatus.Unshipped, AmazonOrderStatus.PartiallyShipped, AmazonOrderStatus.Shipped];
        var workers = statuses.Select(_ => h.Worker()).ToList();

        await AllAtOnce(workers, (w, i) => w.ObserveAsync(Snapshot(id, statuses[i], i + 1)));

        var order = h.Tracked(id)!;
        Assert.Equal(OrderState.Shipped, order.State);
        Assert.Empty(order.Outbox);
        Assert.Equal(CommerceStatuses.Complete, Assert.Single(h.Commerce.Orders).Status);
    }

    [Fact]
    public async Task RecordShipment_SamePackageOnSeveralWorkers_OnePackageOneConfirmation()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        var workers = Enumerable.Range(0, Workers).Select(_ => h.Worker()).ToList();

        var results = await AllAtOnce(workers, (w, _) => w.RecordShipmentAsync(First(id)));

        Assert.DoesNotContain(results, r => r.Kind == DecisionKind.Refused);
        var order = h.Tracked(id)!;
        Assert.Single(order.Packages);
        Assert.Equal(ConfirmationState.Confirmed, order.Packages[0].Confirmation);
        Assert.Equal(2, order.Items.Single(i => i.OrderItemId == LineA).ShippedByCommerce);
        Assert.Single(h.Amazon.Confirmations);
    }

    [Fact]
    public async Task RecordShipment_DifferentPackagesOnSeveralWorkers_NoneLostOrderComplete()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        var before = h.Version(id);
        ShipmentPackage[] packages = [First(id), Second(id)];
        var workers = packages.Select(_ => h.Worker()).ToList();

        var results = await AllAtOnce(workers, (w, i) => w.RecordShipmentAsync(packages[i]));

        Assert.All(results, r => Assert.Equal(DecisionKind.Applied, r.Kind));
        var order = h.Tracked(id)!;
        Assert.Equal(OrderState.Shipped, order.State);
        Assert.Equal(2, order.Packages.Count(p => p.Confirmation == ConfirmationState.Confirmed));
        Assert.Equal(2, h.Amazon.Confirmations.Count);
        Assert.Equal(CommerceStatuses.Complete, h.Commerce.Orders[0].Status);
        Assert.True(h.Version(id) >= before + 4, "each package is saved when recorded and again when confirmed");
    }

    [Fact]
    public async Task Save_ConcurrentWriterBetweenLoadAndSave_ConflictRetriedNotLost()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        var store = new InterferingStore(h.Store);
        var runtime = new FulfillmentRuntime(h.Amazon, h.Commerce, h.Customers, store, h.Settings, h.Options, h.Clock);
        var before = h.Version(id);

        var result = await runtime.RecordShipmentAsync(First(id));

        Assert.Equal(1, store.Interferences);
        Assert.Equal(DecisionKind.Applied, result.Kind);
        Assert.Equal(ConfirmationState.Confirmed, Assert.Single(h.Tracked(id)!.Packages).Confirmation);
        Assert.True(h.Version(id) > before + 2);
    }

    [Fact]
    public async Task ObserveMany_ManyOrdersShuffledWithDuplicates_EachImportedOnce()
    {
        var h = Channel();
        var ids = Enumerable.Range(1, 40).Select(n => h.Known(n)).ToList();
        var random = new Random(7);
        var snapshots = ids
            .SelectMany(id => new[]
            {
                Snapshot(id, AmazonOrderStatus.Pending, 1),
                Snapshot(id, AmazonOrderStatus.Unshipped, 2),
                Snapshot(id, AmazonOrderStatus.Unshipped, 2),
                Snapshot(id, AmazonOrderStatus.Unshipped, 3),
            })
            .OrderBy(_ => random.Next())
            .ToList();

        var results = await h.Runtime.ObserveManyAsync(snapshots);

        Assert.Equal(snapshots.Count, results.Count);
        Assert.All(results.Zip(snapshots), p => Assert.Equal(p.Second.Id, p.First.AmazonOrderId));
        Assert.Equal(ids.Count, h.Commerce.Orders.Count);
        Assert.Equal(ids.Order(), h.Commerce.Orders.Select(o => o.AmazonOrderId).Order());
        Assert.All(ids, id => Assert.Equal(OrderState.Unshipped, h.Tracked(id)!.State));
        Assert.Equal(ids.Count, h.Faults.CallsOf("amazon", "GetOrderItems"));
    }

    [Fact]
    public async Task ObserveMany_SameBatchOnSeveralWorkers_EachImportedOnce()
    {
        var h = Channel();
        var ids = Enumerable.Range(1, 20).Select(n => h.Known(n)).ToList();
        var batch = ids.Select(id => Snapshot(id, AmazonOrderStatus.Unshipped, 1)).ToList();
        var workers = Enumerable.Range(0, Workers).Select(_ => h.Worker()).ToList();

        await Task.WhenAll(workers.Select(w => Task.Run(() => w.ObserveManyAsync(batch))));

        Assert.Equal(ids.Count, h.Commerce.Orders.Count);
        Assert.All(ids, id => Assert.Empty(h.Tracked(id)!.Outbox));
    }

    [Fact]
    public async Task Observe_CanceledOnOneWorkerWhileAnotherCreates_CommerceOrderEndsCanceled()
    {
        var h = Channel();
        var id = h.Known(1);
        var gated = new GatedCommerce(h.Commerce);
        var creator = new FulfillmentRuntime(h.Amazon, gated, h.Customers, h.Store, h.Settings, h.Options, h.Clock);

        // Worker 1 starts creating the Commerce order; worker 2 applies Amazon's cancellation meanwhile.
        var creating = Task.Run(() => creator.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1)));
        await gated.Entered.Task;
        await h.Worker().ObserveAsync(Snapshot(id, AmazonOrderStatus.Canceled, 2));
        gated.Release.SetResult();
        await creating;
        await h.Runtime.SyncAsync();

        var order = h.Tracked(id)!;
        Assert.Equal(OrderState.Canceled, order.State);
        Assert.Empty(order.Outbox);
        Assert.All(h.Commerce.Orders, o => Assert.Equal(CommerceStatuses.Canceled, o.Status));
    }

    /// <summary>Before the first save, another process rewrites the order, so the save meets a newer version.</summary>
    private sealed class InterferingStore(IOrderStore inner) : IOrderStore
    {
        public int Interferences { get; private set; }

        public ValueTask<StoredOrder?> LoadAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
            inner.LoadAsync(amazonOrderId, cancellationToken);

        public async ValueTask<long?> SaveAsync(FulfillmentOrder order, long expectedVersion, CancellationToken cancellationToken = default)
        {
            if (Interferences == 0 && await inner.LoadAsync(order.Id, cancellationToken) is { } current)
            {
                Interferences++;
                Assert.NotNull(await inner.SaveAsync(current.Order, current.Version, cancellationToken));
            }

            return await inner.SaveAsync(order, expectedVersion, cancellationToken);
        }

        public ValueTask<IReadOnlyList<AmazonOrderId>> ListUnfinishedAsync(CancellationToken cancellationToken = default) =>
            inner.ListUnfinishedAsync(cancellationToken);
    }

    /// <summary>Holds the first creation until the test releases it.</summary>
    private sealed class GatedCommerce(ICommerceOrdersPort inner) : ICommerceOrdersPort
    {
        private int _calls;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<PortResult<CommerceOrderRef>> CreateOrderAsync(CommerceOrderRequest request, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                Entered.SetResult();
                await Release.Task.WaitAsync(cancellationToken);
            }

            return await inner.CreateOrderAsync(request, cancellationToken);
        }

        public ValueTask<PortResult> CompleteOrderAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
            inner.CompleteOrderAsync(amazonOrderId, cancellationToken);

        public ValueTask<PortResult> MarkOrderProcessingAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
            inner.MarkOrderProcessingAsync(amazonOrderId, cancellationToken);

        public ValueTask<PortResult> CancelOrderAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
            inner.CancelOrderAsync(amazonOrderId, cancellationToken);
    }
}
