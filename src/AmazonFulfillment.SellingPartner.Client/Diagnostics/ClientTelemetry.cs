using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace AmazonFulfillment.SellingPartner.Client.Diagnostics;

/// <summary>
/// The client's meter, <c>AmazonFulfillment.SellingPartner.Client</c>, and its instruments, created once: a gauge reports every live
/// poller of the process (one measurement per poller, by seller id), so that many pollers never create many instruments.
/// </summary>
internal static class ClientTelemetry
{
    public const string MeterName = "AmazonFulfillment.SellingPartner.Client";
    public const string SellerIdTag = "amazonfulfillment.spapi.seller_id";

    /// <summary>The live pollers and their seller ids; weak, so a poller nobody disposed does not stay reported forever.</summary>
    private static readonly ConditionalWeakTable<SellingPartnerOrderPoller, string> Pollers = [];

    public static Meter Meter { get; } = new(MeterName);

    public static ObservableGauge<double> PollLag { get; } = Meter.CreateObservableGauge(
        "amazonfulfillment.spapi.poll_lag",
        ObservePollLag,
        unit: "s",
        description: "How far the order poller's last completed window trails now.");

    public static void Track(SellingPartnerOrderPoller poller, string sellerId) => Pollers.AddOrUpdate(poller, sellerId);

    public static void Untrack(SellingPartnerOrderPoller poller) => Pollers.Remove(poller);

    private static IEnumerable<Measurement<double>> ObservePollLag()
    {
        var lags = new List<Measurement<double>>();
        foreach (var (poller, sellerId) in Pollers)
        {
            if (poller.Lag is { } lag)
            {
                lags.Add(new Measurement<double>(lag.TotalSeconds, new KeyValuePair<string, object?>(SellerIdTag, sellerId)));
            }
        }

        return lags;
    }
}
