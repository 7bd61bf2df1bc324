using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using AmazonFulfillment.Diagnostics;

namespace AmazonFulfillment.Tests.Support;

/// <summary>One measurement: the instrument's name, the value and its attributes.</summary>
internal sealed record Measured(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public object? this[string key] => Tags.TryGetValue(key, out var value) ? value : null;
}

/// <summary>
/// Records what the library's meter and activity source emit while alive: the instruments published, every measurement with
/// its attributes, every span that stopped. Listeners are process-wide: use it in <c>TelemetryCollection</c> only.
/// </summary>
internal sealed class TelemetryRecorder : IDisposable
{
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;

    public TelemetryRecorder()
    {
        _ = FulfillmentTelemetry.Meter; // every instrument exists once the type is initialised
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == FulfillmentTelemetry.Name)
            {
                Instruments[instrument.Name] = instrument;
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _meters.Start();

        _activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name == FulfillmentTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_activities);
    }

    public ConcurrentDictionary<string, Instrument> Instruments { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<Measured> Measurements { get; } = new();

    public ConcurrentQueue<Activity> Spans { get; } = new();

    /// <summary>Collects the observable gauges now.</summary>
    public void Observe() => _meters.RecordObservableInstruments();

    /// <summary>The measurements of one instrument (named without its prefix) whose attributes include every pair given.</summary>
    public IReadOnlyList<Measured> Of(string instrument, params (string Key, object? Value)[] where) =>
        Measurements.Where(m => m.Instrument == "amazonfulfillment." + instrument && where.All(w => Equals(m[w.Key], w.Value))).ToList();

    /// <summary>The sum of the measurements of one instrument (named without its prefix) whose attributes include every pair given.</summary>
    public double Total(string instrument, params (string Key, object? Value)[] where) => Of(instrument, where).Sum(m => m.Value);

    /// <summary>The latest observation of a gauge (named without its prefix) with the attributes given, or <see langword="null"/>.</summary>
    public double? Latest(string instrument, params (string Key, object? Value)[] where) => Of(instrument, where).LastOrDefault()?.Value;

    /// <summary>The spans that stopped for one order.</summary>
    public IReadOnlyList<Activity> SpansOf(string operation, string amazonOrderId) =>
        Spans.Where(a => a.OperationName == operation && (string?)a.GetTagItem("amazonfulfillment.order_id") == amazonOrderId).ToList();

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        Measurements.Enqueue(new Measured(instrument.Name, value, copy));
    }
}
