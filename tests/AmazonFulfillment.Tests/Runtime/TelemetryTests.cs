using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;
using static AmazonFulfillment.Tests.Support.RuntimeScenario;

namespace AmazonFulfillment.Tests.Runtime;

/// <summary>Telemetry listeners are process-wide: these tests run alone so that what they see is theirs.</summary>
[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection;

/// <summary>Guarantee 14 (buyer data stays private) and the metrics the runtime reports.</summary>
[Collection(nameof(TelemetryCollection))]
public sealed class TelemetryTests : IDisposable
{
    private static readonly string[] Secrets =
    [
        "jane.private@example.org", "Janet Privatename", "17 Hidden Orchard Way", "Apartment 9Q", "Quietville", "Secretshire", "90210-7777", "+1-555-0142-999",
    ];

    private readonly ConcurrentQueue<string> _traces = new();
    private readonly ConcurrentQueue<(string Name, long Value, string Tags)> _measurements = new();
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;

    public TelemetryTests()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "AmazonFulfillment",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                _traces.Enqueue($"{a.OperationName} {a.DisplayName} {a.StatusDescription}");
                foreach (var (key, value) in a.TagObjects)
                {
                    _traces.Enqueue($"{key}={value}");
                }

                foreach (var e in a.Events)
                {
                    _traces.Enqueue(e.Name + string.Join(",", e.Tags.Select(t => $"{t.Key}={t.Value}")));
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);

        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "AmazonFulfillment")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _measurements.Enqueue((instrument.Name, value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        _meters.Start();
    }

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private long Total(string instrument, string tag = "") =>
        _measurements.Where(m => m.Name == "amazonfulfillment." + instrument && m.Tags.Contains(tag, StringComparison.Ordinal)).Sum(m => m.Value);

    [Fact]
    public async Task Lifecycle_WithBuyerDataFaultsAndRefusals_NoBuyerDataInLogsTracesMetricsOrErrors()
    {
        var log = new CapturingLogger();
        var h = Channel(s => s.CustomerCreation = CustomerCreation.CreateAccount, loggerFactory: log);
        var id = h.Known(1);
        var buyer = new BuyerInfo(Secrets[0], Secrets[1]);
        var address = new ShippingAddress(Secrets[1], Secrets[2], Secrets[3], null, Secrets[4], Secrets[5], Secrets[6], "US", Secrets[7]);
        h.Faults.Add("customers", "CreateCustomer", FaultMode.LostResponse, 1);
        h.Faults.Add("commerce", "CreateOrder", FaultMode.Transient, 1);
        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.Throttled, 1);
        h.Faults.Add("store", "Save", FaultMode.LostResponse, 1);

        var texts = new List<string>();
        foreach (var input in Lifecycle(id, buyer, address))
        {
            var result = await h.Runtime.ProcessAsync(input);
            texts.Add(result.ToString());
            texts.Add(result.Order?.ToString() ?? string.Empty);
            texts.AddRange(result.Order?.Outbox.Select(e => e.ToString()) ?? []);
        }

        var refusals = new[]
        {
            await h.Runtime.RecordShipmentAsync(Package(id, 3, new PackageItem(LineA, 1))),
            await h.Runtime.CancelAsync(id, "NoInventory"),
            await h.Runtime.RetryAsync(id),
        };
        texts.AddRange(refusals.Select(r => r.Refusal!.ToString()));
        texts.Add(Assert.Throws<ArgumentException>(() => new BuyerInfo("not-an-email " + Secrets[1], null)).Message);
        texts.Add(BuyerInfo.TryCreate("not-an-email " + Secrets[1], null).ToString());

        Assert.Equal(OrderState.Shipped, h.Tracked(id)!.State);
        Assert.Equal(Secrets[0], Assert.Single(h.Customers.Customers).Email);
        Assert.Equal(Secrets[2], h.Commerce.Orders[0].Request.ShippingAddress!.AddressLine1);
        Assert.NotEmpty(log.Entries);
        Assert.NotEmpty(_traces);
        var everything = log.Entries.Concat(_traces).Concat(_measurements.Select(m => m.Tags)).Concat(texts).ToList();
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(everything, text => text.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Lifecycle_WithRetriesAndConflicts_CountersMove()
    {
        var h = Channel();
        var id = h.Known(1);
        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.Transient, 2);
        h.Faults.Add("store", "Save", FaultMode.Transient, 1);

        await h.Runtime.RunAsync(Lifecycle(id));
        var other = h.Known(2);
        await h.Runtime.ObserveAsync(Snapshot(other, AmazonOrderStatus.Unshipped, 1));
        await h.Runtime.CancelAsync(other, "NoInventory");

        Assert.Equal(2, Total("imports"));
        Assert.Equal(2, Total("confirmations"));
        Assert.Equal(2, Total("cancellations"));
        Assert.Equal(3, Total("retries")); // two confirmations and one save that threw
        Assert.Equal(0, Total("conflicts")); // a save that threw is a store failure, retried, not a conflict
        Assert.Equal(0, Total("failures"));
    }

    [Fact]
    public async Task Observe_BlockedImportAndRejectedConfirmation_FailuresCounted()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.Permanent, 1);
        await h.Runtime.RecordShipmentAsync(First(id));
        var blocked = Id(2);
        h.Amazon.SetOrderItems(blocked, Items(skuA: Sku.Parse("NOT-IN-CATALOG")));
        await h.Runtime.ObserveAsync(Snapshot(blocked, AmazonOrderStatus.Unshipped, 1));

        Assert.Equal(1, Total("failures", "effect=ConfirmShipment"));
        Assert.Equal(1, Total("failures", "effect=Import"));
        Assert.Equal(0, Total("confirmations"));
    }
}
