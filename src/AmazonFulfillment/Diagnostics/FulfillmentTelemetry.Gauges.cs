using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Runtime;

namespace AmazonFulfillment.Diagnostics;

/// <content>
/// What the gauges report, per Amazon store. Reading the store at every collection would scan every unfinished order, so they report what the
/// runtime last counted: the sync sweep (outbox depth, held work, blocked orders) and <c>OrdersAtRiskAsync</c> (orders at risk).
/// The counts are process-wide: a sweep replaces those of the stores it swept, whichever runtime of the process ran it.
/// </content>
public static partial class FulfillmentTelemetry
{
    private static readonly ShipByStatus[] AtRiskStatuses = [ShipByStatus.DueSoon, ShipByStatus.Late, ShipByStatus.AutoCancelNear];

    /// <summary>What the last sweep of each Amazon store counted.</summary>
    private static readonly ConcurrentDictionary<string, WorkCounts> LastSweep = new(StringComparer.Ordinal);

    /// <summary>What the last at-risk list counted, by Amazon store and ship-by status.</summary>
    private static readonly ConcurrentDictionary<(string Store, ShipByStatus Status), long> AtRisk = new();

    /// <summary>Keeps what a sync sweep saw, for the gauges: every store swept gets its counts, zero when none of its orders has work.</summary>
    /// <param name="stores">The stores the sweep covered.</param>
    /// <param name="orders">The orders as the sweep left them (an order whose processing failed is not among them).</param>
    internal static void CountSweep(IEnumerable<string> stores, IEnumerable<FulfillmentOrder> orders)
    {
        var counts = stores.ToDictionary(static s => s, static _ => default(WorkCounts), StringComparer.Ordinal);
        foreach (var order in orders)
        {
            counts.TryGetValue(order.AmazonStore, out var c);
            counts[order.AmazonStore] = new WorkCounts(
                c.Queued + order.Outbox.Length,
                c.Held + order.Outbox.Count(static e => e.Held),
                c.Blocked + (order.State == OrderState.Blocked ? 1 : 0));
        }

        foreach (var (store, c) in counts)
        {
            LastSweep[store] = c;
        }
    }

    /// <summary>Keeps what an at-risk list counted, for the gauge: every store listed gets a count per status, zero included.</summary>
    /// <param name="stores">The stores the list covered.</param>
    /// <param name="orders">The orders at risk.</param>
    internal static void CountAtRisk(IEnumerable<string> stores, IReadOnlyCollection<OrderAtRisk> orders)
    {
        foreach (var store in stores.Concat(orders.Select(static o => o.AmazonStore)).Distinct(StringComparer.Ordinal))
        {
            foreach (var status in AtRiskStatuses)
            {
                AtRisk[(store, status)] = orders.Count(o => o.ShipBy == status && o.AmazonStore == store);
            }
        }
    }

    private static IEnumerable<Measurement<long>> ObserveSweep(Func<WorkCounts, long> count) =>
        LastSweep.Select(p => new Measurement<long>(count(p.Value), new KeyValuePair<string, object?>(TelemetryTags.AmazonStore, p.Key)));

    private static IEnumerable<Measurement<long>> ObserveAtRisk() =>
        AtRisk.Select(static p => new Measurement<long>(
            p.Value,
            new KeyValuePair<string, object?>(TelemetryTags.AmazonStore, p.Key.Store),
            new KeyValuePair<string, object?>(TelemetryTags.ShipByStatus, p.Key.Status.ToString())));

    private readonly record struct WorkCounts(long Queued, long Held, long Blocked);
}
