using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static AmazonFulfillment.Tests.Support.RuntimeScenario;

namespace AmazonFulfillment.Tests.Runtime;

/// <summary>
/// Under a throttled Amazon (one confirmation a minute gets through), a backlog of confirmations with mixed ship-by deadlines:
/// every order that can still be confirmed on time is, because the sweep runs the nearest deadlines first and the lost causes
/// last. The baseline is a first-in-first-out drain (a store that lists in arrival order).
/// </summary>
public sealed class DeadlineOrderTests(ITestOutputHelper output)
{
    /// <summary>The most orders that can be confirmed on time, one confirmation a minute from T0: for unit jobs, each minute
    /// goes to the nearest deadline that can still be met (and a minute no deadline can use goes to a late order).</summary>
    private static int OptimalLate(IReadOnlyList<int> deadlineMinutes)
    {
        var open = deadlineMinutes.ToList();
        var late = 0;
        for (var minute = 0; open.Count > 0; minute++)
        {
            var savable = open.Where(d => d >= minute).DefaultIfEmpty(int.MinValue).Min();
            if (savable == int.MinValue)
            {
                late += open.Count;
                break;
            }

            open.Remove(savable);
        }

        return late;
    }

    /// <summary>Runs the backlog through the runtime; returns how many confirmations Amazon accepted after their deadline.</summary>
    private static async Task<int> LateConfirmationsAsync(IReadOnlyList<int> deadlineMinutes, bool fifo)
    {
        var h = Channel();
        var amazon = new OnePerMinute(h.Amazon, h.Clock);
        IOrderStore store = fifo ? new ArrivalOrderStore(h.Store) : h.Store;
        var options = new FulfillmentRuntimeOptions { MaxParallelOrders = 1, MaxEffectAttempts = 1 };
        var runtime = new FulfillmentRuntime(amazon, h.Commerce, h.Customers, store, h.Settings, options, h.Clock);
        var deadlines = new Dictionary<AmazonOrderId, DateTimeOffset>();
        amazon.Open = false; // the backlog builds while Amazon throttles everything
        for (var i = 0; i < deadlineMinutes.Count; i++)
        {
            var id = h.Known(i + 1);
            deadlines[id] = T0.AddMinutes(deadlineMinutes[i]);
            await runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1) with { LatestShipDate = deadlines[id] });
            await runtime.RecordShipmentAsync(Package(id, 1, new PackageItem(LineA, 2), new PackageItem(LineB, 1)));
        }

        amazon.Open = true;
        for (var round = 0; amazon.Accepted.Count < deadlines.Count; round++)
        {
            Assert.True(round < 3 * deadlines.Count, "the backlog did not drain");
            await runtime.SyncAsync();
            h.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        return amazon.Accepted.Count(a => a.Value > deadlines[a.Key]);
    }

    [WorkflowProperty(60)]
    public bool ThrottledBacklog_EveryOrderThatCanBeOnTimeIs_AndNeverWorseThanFirstInFirstOut(int[] offsets)
    {
        var deadlines = (offsets ?? []).Take(8).Select(o => Math.Abs(o % 10) - 2).ToList();
        var byDeadline = LateConfirmationsAsync(deadlines, fifo: false).GetAwaiter().GetResult();
        var fifo = LateConfirmationsAsync(deadlines, fifo: true).GetAwaiter().GetResult();
        return byDeadline == OptimalLate(deadlines) && byDeadline <= fifo;
    }

    [Fact]
    public async Task ThrottledBacklogs_LateRate_ByDeadlineAgainstFirstInFirstOut()
    {
        var random = new Random(20261202);
        int orders = 0, lateByDeadline = 0, lateFifo = 0;
        for (var backlog = 0; backlog < 40; backlog++)
        {
            var deadlines = Enumerable.Range(0, 8).Select(_ => random.Next(-2, 10)).ToList();
            orders += deadlines.Count;
            lateByDeadline += await LateConfirmationsAsync(deadlines, fifo: false);
            lateFifo += await LateConfirmationsAsync(deadlines, fifo: true);
        }

        output.WriteLine($"{orders} orders in 40 backlogs: late by deadline {lateByDeadline} ({100.0 * lateByDeadline / orders:F1} %), first in first out {lateFifo} ({100.0 * lateFifo / orders:F1} %)");
        Assert.True(lateByDeadline < lateFifo, $"deadline order {lateByDeadline} late, first in first out {lateFifo}");
    }

    /// <summary>An Amazon that accepts one confirmation a minute (virtual time) and throttles the rest, and records when it accepted each.</summary>
    private sealed class OnePerMinute(InMemoryAmazon inner, TimeProvider clock) : IAmazonOrdersPort
    {
        private DateTimeOffset _next = DateTimeOffset.MinValue;

        public bool Open { get; set; } = true;

        public Dictionary<AmazonOrderId, DateTimeOffset> Accepted { get; } = [];

        public ValueTask<PortResult<ImmutableArray<AmazonOrderItem>>> GetOrderItemsAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
            inner.GetOrderItemsAsync(amazonOrderId, cancellationToken);

        public async ValueTask<PortResult> ConfirmShipmentAsync(ShipmentPackage package, MarketplaceId? marketplaceId, CancellationToken cancellationToken = default)
        {
            var now = clock.GetUtcNow();
            if (!Open || now < _next)
            {
                return PortResult.Throttled(Open ? _next - now : TimeSpan.FromMinutes(1));
            }

            _next = now.AddMinutes(1);
            var result = await inner.ConfirmShipmentAsync(package, marketplaceId, cancellationToken);
            Accepted.TryAdd(package.AmazonOrderId, now);
            return result;
        }

        public ValueTask<PortResult> CancelOrderAsync(AmazonOrderId amazonOrderId, string reason, CancellationToken cancellationToken = default) =>
            inner.CancelOrderAsync(amazonOrderId, reason, cancellationToken);
    }

    /// <summary>The baseline: a store that lists unfinished work in arrival order (the order ids here), blind to deadlines.</summary>
    private sealed class ArrivalOrderStore(IOrderStore inner) : IOrderStore
    {
        public ValueTask<StoredOrder?> LoadAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
            inner.LoadAsync(amazonOrderId, cancellationToken);

        public ValueTask<long?> SaveAsync(FulfillmentOrder order, long expectedVersion, CancellationToken cancellationToken = default) =>
            inner.SaveAsync(order, expectedVersion, cancellationToken);

        public async ValueTask<IReadOnlyList<AmazonOrderId>> ListUnfinishedAsync(CancellationToken cancellationToken = default) =>
            [.. (await inner.ListUnfinishedAsync(cancellationToken)).Order()];
    }
}
