using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AmazonFulfillment.Diagnostics;

/// <summary>
/// The library's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>AmazonFulfillment</c>. Instrument, span event and
/// attribute names follow OpenTelemetry's semantic conventions under one prefix, <c>amazonfulfillment.</c> (with OpenTelemetry's own
/// <c>error.type</c> and <c>exception.*</c>); durations are in seconds. No attribute ever carries buyer data.
/// </summary>
public static partial class FulfillmentTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "AmazonFulfillment";

    /// <summary>Gets the activity source: one activity per processed input and per effect run.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    /// <summary>Gets the meter.</summary>
    public static Meter Meter { get; } = new(Name);

    // Every instrument is created in this file, after the meter: the static initializers of a partial class's other files run
    // in no specified order relative to these.

    internal static Counter<long> Imports { get; } = Meter.CreateCounter<long>("amazonfulfillment.imports", unit: "{order}", description: "Commerce orders created for Amazon orders.");

    internal static Counter<long> Confirmations { get; } = Meter.CreateCounter<long>("amazonfulfillment.confirmations", unit: "{package}", description: "Packages confirmed to Amazon.");

    internal static Counter<long> LateConfirmations { get; } = Meter.CreateCounter<long>(
        "amazonfulfillment.late_confirmations", unit: "{package}", description: "Packages Amazon accepted after the order's ship-by deadline (LatestShipDate): each counts towards the seller's late shipment rate.");

    internal static Counter<long> LostConfirmations { get; } = Meter.CreateCounter<long>(
        "amazonfulfillment.lost_confirmations", unit: "{package}", description: "Packages Amazon accepted but did not hold when read back (ConfirmationCheckAfter): each is sent again, or shown refused after the last resend.");

    internal static Counter<long> Cancellations { get; } = Meter.CreateCounter<long>("amazonfulfillment.cancellations", unit: "{cancellation}", description: "Cancellations sent to Amazon or Commerce.");

    internal static Counter<long> Failures { get; } = Meter.CreateCounter<long>("amazonfulfillment.failures", unit: "{failure}", description: "Effects that failed permanently or imports that were blocked.");

    internal static Counter<long> Retries { get; } = Meter.CreateCounter<long>("amazonfulfillment.retries", unit: "{retry}", description: "Port calls retried after a transient failure, throttling or an exception.");

    internal static Counter<long> OrderStoreRetries { get; } = Meter.CreateCounter<long>("amazonfulfillment.order_store.retries", unit: "{retry}", description: "Order store calls retried after they threw.");

    internal static Counter<long> Conflicts { get; } = Meter.CreateCounter<long>("amazonfulfillment.conflicts", unit: "{conflict}", description: "Saves refused for a stale version, then decided again.");

    internal static Counter<long> OrderFailures { get; } = Meter.CreateCounter<long>(
        "amazonfulfillment.order.failures", unit: "{order}", description: "Orders skipped in a batch or sweep because their processing failed; tried again at the next sweep.");

    /// <summary>One attempt of an effect in its port: from a few milliseconds (in process) to tens of seconds (a slow remote call).</summary>
    internal static Histogram<double> PortDuration { get; } = Meter.CreateHistogram(
        "amazonfulfillment.port.duration",
        unit: "s",
        description: "How long one attempt of an effect took in its port, by effect and outcome.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60] });

    /// <summary>One input, its effects and their retry waits included: up to minutes when a port keeps failing.</summary>
    internal static Histogram<double> ProcessDuration { get; } = Meter.CreateHistogram(
        "amazonfulfillment.process.duration",
        unit: "s",
        description: "How long one input took to decide, save and run the work it queued, retry waits included.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] });

    internal static ObservableGauge<long> OutboxDepth { get; } = Meter.CreateObservableGauge(
        "amazonfulfillment.outbox.depth",
        () => ObserveSweep(static c => c.Queued),
        unit: "{effect}",
        description: "Effects waiting in the orders' outboxes (held ones included), as the last sync sweep of the Amazon store counted them.");

    internal static ObservableGauge<long> OutboxHeld { get; } = Meter.CreateObservableGauge(
        "amazonfulfillment.outbox.held",
        () => ObserveSweep(static c => c.Held),
        unit: "{effect}",
        description: "Effects held by the settings (read-only mode, import off), as the last sync sweep of the Amazon store counted them.");

    internal static ObservableGauge<long> OrdersBlocked { get; } = Meter.CreateObservableGauge(
        "amazonfulfillment.order.blocked",
        () => ObserveSweep(static c => c.Blocked),
        unit: "{order}",
        description: "Orders whose import is blocked, as the last sync sweep of the Amazon store counted them.");

    internal static ObservableGauge<long> OrdersAtRisk { get; } = Meter.CreateObservableGauge(
        "amazonfulfillment.order.at_risk",
        ObserveAtRisk,
        unit: "{order}",
        description: "Merchant-fulfilled orders due soon, late, or near Amazon's automatic cancellation, as the last OrdersAtRiskAsync counted them.");
}
