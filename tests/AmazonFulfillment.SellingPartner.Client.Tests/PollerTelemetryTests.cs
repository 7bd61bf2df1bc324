using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AmazonFulfillment.SellingPartner.Client.Tests.Support;
using AmazonFulfillment.Tests.Shared;

namespace AmazonFulfillment.SellingPartner.Client.Tests;

/// <summary>
/// The client's meter agrees with docs/telemetry.md (instrument, type, unit, attributes), and its lag gauge reports each live
/// poller once its first window completed, and no longer once it is disposed.
/// </summary>
public sealed class PollerTelemetryTests : IDisposable
{
    private const string MeterName = "AmazonFulfillment.SellingPartner.Client";
    private const string SellerIdTag = "amazonfulfillment.spapi.seller_id";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, Instrument> _instruments = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();

    public PollerTelemetryTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName)
            {
                _instruments[instrument.Name] = instrument;
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    [Fact(Timeout = 90_000)]
    public async Task PollLag_ReportedPerSellerAfterTheFirstWindow_UntilThePollerIsDisposed_AndAgreesWithTheTelemetryTable()
    {
        var seller = $"A2TELEMETRY{Environment.ProcessId}";
        var h = await Harness.StartAsync(fake: o => o.SellerId = seller);
        try
        {
            h.Place("Unshipped", true, 1);
            _ = h.Poller;
            _listener.RecordObservableInstruments();
            Assert.Empty(Lags(seller)); // no window completed yet

            await h.Poller.PollOnceAsync();
            _listener.RecordObservableInstruments();

            var lag = Assert.Single(Lags(seller));
            Assert.True(lag >= TimeSpan.FromMinutes(2).TotalSeconds, $"lag {lag} s"); // the window ends two minutes ago
            var documented = TelemetryTable.Instruments(MeterName).Select(TelemetryTable.Line);
            var emitted = _instruments.Values.Select(i => TelemetryTable.Line(
                i.Name, TelemetryTable.TypeName(i), i.Unit ?? string.Empty, _measurements.Where(m => m.Instrument == i.Name).SelectMany(m => m.Tags.Keys)));
            TelemetryTable.AssertAgree(documented, emitted);
        }
        finally
        {
            await h.DisposeAsync();
        }

        _measurements.Clear();
        _listener.RecordObservableInstruments();
        Assert.Empty(Lags(seller));
    }

    private List<double> Lags(string seller) =>
        _measurements.Where(m => m.Instrument == "amazonfulfillment.spapi.poll_lag" && Equals(m.Tags.GetValueOrDefault(SellerIdTag), seller)).Select(m => m.Value).ToList();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Enqueue((instrument.Name, value, copy));
    }
}
