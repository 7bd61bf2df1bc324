using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AmazonFulfillment.Diagnostics;

/// <summary>The library's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>AmazonFulfillment</c>. No tag ever carries buyer data.</summary>
public static class FulfillmentTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "AmazonFulfillment";

    /// <summary>Gets the activity source: one activity per processed input and per effect run.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    /// <summary>Gets the meter.</summary>
    public static Meter Meter { get; } = new(Name);

    internal static Counter<long> Imports { get; } = Meter.CreateCounter<long>("amazonfulfillment.imports", unit: "{order}", description: "Commerce orders created for Amazon orders.");

    internal static Counter<long> Confirmations { get; } = Meter.CreateCounter<long>("amazonfulfillment.confirmations", unit: "{package}", description: "Packages confirmed to Amazon.");

    internal static Counter<long> Cancellations { get; } = Meter.CreateCounter<long>("amazonfulfillment.cancellations", unit: "{cancellation}", description: "Cancellations sent to Amazon or Commerce.");

    internal static Counter<long> Failures { get; } = Meter.CreateCounter<long>("amazonfulfillment.failures", unit: "{failure}", description: "Effects that failed permanently or imports that were blocked.");

    internal static Counter<long> Retries { get; } = Meter.CreateCounter<long>("amazonfulfillment.retries", unit: "{retry}", description: "Port calls retried after a transient failure or throttling.");

    internal static Counter<long> OrderFailures { get; } = Meter.CreateCounter<long>("amazonfulfillment.order_failures", unit: "{order}", description: "Orders skipped in a batch or sweep because their processing failed; tried again at the next sweep.");

    internal static Counter<long> LateConfirmations { get; } = Meter.CreateCounter<long>(
        "amazonfulfillment.confirmations.late", unit: "{package}", description: "Packages Amazon accepted after the order's ship-by deadline (LatestShipDate): each counts towards the seller's late shipment rate.");

    /// <summary>The orders at risk by ship-by status, as the runtime last counted them (<c>OrdersAtRiskAsync</c>).</summary>
    private static readonly long[] AtRisk = new long[Enum.GetValues<Domain.ShipByStatus>().Length];

    internal static ObservableGauge<long> OrdersAtRisk { get; } = Meter.CreateObservableGauge(
        "amazonfulfillment.orders.at_risk",
        () => Enum.GetValues<Domain.ShipByStatus>()
            .Where(status => status != Domain.ShipByStatus.OnTime)
            .Select(status => new Measurement<long>(Volatile.Read(ref AtRisk[(int)status]), new KeyValuePair<string, object?>("ship_by", status.ToString()))),
        unit: "{order}",
        description: "Merchant-fulfilled orders due soon, late, or near Amazon's automatic cancellation, as the last OrdersAtRiskAsync counted them.");

    internal static void CountAtRisk(IEnumerable<Domain.ShipByStatus> statuses)
    {
        var counts = new long[AtRisk.Length];
        foreach (var status in statuses)
        {
            counts[(int)status]++;
        }

        for (var i = 0; i < counts.Length; i++)
        {
            Volatile.Write(ref AtRisk[i], counts[i]);
        }
    }

    internal static Counter<long> Conflicts { get; } = Meter.CreateCounter<long>("amazonfulfillment.conflicts", unit: "{conflict}", description: "Saves refused for a stale version, then decided again.");
}
