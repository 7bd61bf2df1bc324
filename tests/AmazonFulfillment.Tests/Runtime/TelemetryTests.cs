using System.Diagnostics;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;
using static AmazonFulfillment.Tests.Support.RuntimeScenario;

namespace AmazonFulfillment.Tests.Runtime;

/// <summary>Telemetry listeners are process-wide: these tests run alone so that what they see is theirs.</summary>
[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection;

/// <summary>Guarantee 14 (buyer data stays private) and the metrics, spans and span events the runtime reports.</summary>
[Collection(nameof(TelemetryCollection))]
public sealed class TelemetryTests : IDisposable
{
    private const string Effect = "amazonfulfillment.effect";
    private const string ErrorType = "error.type";
    private const string AmazonStore = "amazonfulfillment.amazon_store";

    private static readonly string[] Secrets =
    [
        "jane.private@example.org", "Janet Privatename", "17 Hidden Orchard Way", "Apartment 9Q", "Quietville", "Secretshire", "90210-7777", "+1-555-0142-999",
    ];

    private readonly TelemetryRecorder _telemetry = new();

    public void Dispose() => _telemetry.Dispose();

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
        await h.Runtime.SyncAsync();
        await h.Runtime.OrdersAtRiskAsync();
        _telemetry.Observe();

        Assert.Equal(OrderState.Shipped, h.Tracked(id)!.State);
        Assert.Equal(Secrets[0], Assert.Single(h.Customers.Customers).Email);
        Assert.Equal(Secrets[2], h.Commerce.Orders[0].Request.ShippingAddress!.AddressLine1);
        Assert.NotEmpty(log.Entries);
        Assert.Contains(_telemetry.Spans, s => s.Events.Any(e => e.Name == "exception")); // the lost save threw
        var everything = log.Entries
            .Concat(_telemetry.Spans.Select(Describe))
            .Concat(_telemetry.Measurements.Select(m => string.Join(",", m.Tags.Select(t => $"{t.Key}={t.Value}"))))
            .Concat(texts)
            .ToList();
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

        Assert.Equal(2, _telemetry.Total("imports"));
        Assert.Equal(2, _telemetry.Total("confirmations"));
        Assert.Equal(2, _telemetry.Total("cancellations"));
        Assert.Equal(2, _telemetry.Total("retries", (Effect, "ConfirmShipment"), (ErrorType, "transient"), (AmazonStore, AmazonStores.Default)));
        Assert.Equal(2, _telemetry.Total("retries"));
        Assert.Equal(1, _telemetry.Total("order_store.retries", ("amazonfulfillment.order_store.operation", "Save"), (ErrorType, typeof(InjectedStoreFaultException).FullName)));
        Assert.Equal(0, _telemetry.Total("conflicts")); // a save that threw is a store failure, retried, not a conflict
        Assert.Equal(0, _telemetry.Total("failures"));
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

        Assert.Equal(1, _telemetry.Total("failures", (Effect, "ConfirmShipment"), (AmazonStore, AmazonStores.Default)));
        Assert.Equal(1, _telemetry.Total("failures", (Effect, "Import"), (AmazonStore, AmazonStores.Default)));
        Assert.Equal(0, _telemetry.Total("confirmations"));
        var rejected = Assert.Single(_telemetry.Of("port.duration", (Effect, "ConfirmShipment")));
        Assert.Equal("rejected", rejected["amazonfulfillment.outcome"]);
        Assert.Equal("rejected", rejected[ErrorType]);
        var span = Assert.Single(_telemetry.SpansOf("AmazonFulfillment.Effect", id.Value), s => (string?)s.GetTagItem(Effect) == "ConfirmShipment");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("rejected", span.GetTagItem(ErrorType));
    }

    [Fact]
    public async Task Effect_ThrottledOnceThenAccepted_TheWaitIsARetryEventOnItsSpan_AndEachAttemptIsTimed()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.Throttled, 1);

        await h.Runtime.RecordShipmentAsync(First(id));

        var span = Assert.Single(_telemetry.SpansOf("AmazonFulfillment.Effect", id.Value), s => (string?)s.GetTagItem(Effect) == "ConfirmShipment");
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Null(span.GetTagItem(ErrorType));
        Assert.Equal(AmazonStores.Default, span.GetTagItem(AmazonStore));
        var retry = Assert.Single(span.Events);
        Assert.Equal("amazonfulfillment.retry", retry.Name);
        var tags = retry.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(1, tags["amazonfulfillment.retry.attempt"]);
        Assert.Equal("throttled", tags[ErrorType]);
        Assert.True((double)tags["amazonfulfillment.retry.delay"]! > 0);
        Assert.Equal(
            ["throttled", "success"],
            _telemetry.Of("port.duration", (Effect, "ConfirmShipment"), (AmazonStore, AmazonStores.Default)).Select(m => (string?)m["amazonfulfillment.outcome"]));
    }

    [Fact]
    public async Task Effect_PortThrows_ExceptionEventWithoutTheMessage_AndTheExceptionTypeIsTheErrorType()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.Throw, 1);
        var thrown = typeof(InjectedFaultException).FullName;

        await h.Runtime.RecordShipmentAsync(First(id));

        var span = Assert.Single(_telemetry.SpansOf("AmazonFulfillment.Effect", id.Value), s => (string?)s.GetTagItem(Effect) == "ConfirmShipment");
        var exception = Assert.Single(span.Events, e => e.Name == "exception").Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(thrown, exception["exception.type"]);
        Assert.False(string.IsNullOrEmpty((string?)exception["exception.stacktrace"]));
        Assert.DoesNotContain("exception.message", exception.Keys);
        Assert.DoesNotContain("injected exception", (string)exception["exception.stacktrace"]!, StringComparison.Ordinal);
        Assert.Equal(thrown, Assert.Single(span.Events, e => e.Name == "amazonfulfillment.retry").Tags.Single(t => t.Key == ErrorType).Value);
        Assert.Equal(1, _telemetry.Total("retries", (Effect, "ConfirmShipment"), (ErrorType, thrown)));
        var attempts = _telemetry.Of("port.duration", (Effect, "ConfirmShipment"));
        Assert.Equal(["exception", "success"], attempts.Select(m => (string?)m["amazonfulfillment.outcome"]));
        Assert.Equal(thrown, attempts[0][ErrorType]);
        Assert.Null(attempts[1][ErrorType]);
    }

    [Fact]
    public async Task Process_StoreKeepsThrowing_TheProcessSpanAndDurationCarryTheErrorType_AndTheStoreRetryIsAnEvent()
    {
        var h = Channel(options: new FulfillmentRuntimeOptions { MaxStoreAttempts = 2 });
        var id = h.Known(1);
        h.Faults.Add("store", "Load", FaultMode.Throw, 2);
        var thrown = typeof(InjectedStoreFaultException).FullName;

        await Assert.ThrowsAsync<InjectedStoreFaultException>(() => h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1)));

        var span = Assert.Single(_telemetry.SpansOf("AmazonFulfillment.Process", id.Value));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(thrown, span.GetTagItem(ErrorType));
        Assert.Null(span.GetTagItem("amazonfulfillment.decision"));
        Assert.Equal(["exception", "amazonfulfillment.retry", "exception"], span.Events.Select(e => e.Name));
        var retry = span.Events.Single(e => e.Name == "amazonfulfillment.retry").Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal("Load", retry["amazonfulfillment.order_store.operation"]);
        Assert.Equal(thrown, retry[ErrorType]);
        var process = Assert.Single(_telemetry.Of("process.duration", ("amazonfulfillment.input", nameof(AmazonOrderObserved)), (ErrorType, thrown)));
        Assert.Null(process["amazonfulfillment.decision"]);
        Assert.Equal(1, _telemetry.Total("order_store.retries", ("amazonfulfillment.order_store.operation", "Load"), (ErrorType, thrown)));
    }

    [Fact]
    public async Task Sync_CountsQueuedHeldAndBlockedWorkPerAmazonStore_AndEachStoresSweepReplacesOnlyItsOwn()
    {
        const string Held = "telemetry-held", Quiet = "telemetry-quiet";
        var h = Channel(options: new FulfillmentRuntimeOptions { AmazonStores = { Held, Quiet } });
        var shipped = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(shipped, AmazonOrderStatus.Unshipped, 1) with { AmazonStore = Held });
        var blocked = Id(2);
        h.Amazon.SetOrderItems(blocked, Items(skuA: Sku.Parse("NOT-IN-CATALOG")));
        await h.Runtime.ObserveAsync(Snapshot(blocked, AmazonOrderStatus.Unshipped, 1) with { AmazonStore = Held });
        SetReadOnly(h, Held, true);
        await h.Runtime.RecordShipmentAsync(First(shipped));

        await h.Runtime.SyncAsync();
        _telemetry.Observe();

        var expected = Counts(h, Held);
        Assert.True(expected.Held >= 1, "the scenario holds the confirmation");
        Assert.Equal(1, expected.Blocked);
        Assert.Equal(expected, Gauges(Held));
        Assert.Equal((0, 0, 0), Gauges(Quiet));
        Assert.Equal((0, 0, 0), Gauges(AmazonStores.Default));

        SetReadOnly(h, Held, false);
        await h.Runtime.SyncStoreAsync(Quiet);
        _telemetry.Observe();
        Assert.Equal(expected, Gauges(Held)); // as the last sweep of the store counted them

        await h.Runtime.SyncStoreAsync(Held);
        _telemetry.Observe();
        Assert.Equal(0, Gauges(Held).Held);
        Assert.Equal(Counts(h, Held), Gauges(Held));
    }

    [Fact]
    public async Task OrdersAtRisk_CountedPerAmazonStoreAndShipByStatus_ZeroForTheStoresWithNone()
    {
        const string Busy = "telemetry-at-risk", Calm = "telemetry-calm";
        var h = Channel(options: new FulfillmentRuntimeOptions { AmazonStores = { Busy, Calm } });
        var deadlines = new[] { T0.AddHours(-2), T0.AddHours(-1), T0.AddHours(3), T0.AddDays(5) };
        for (var i = 0; i < deadlines.Length; i++)
        {
            var id = h.Known(i + 1);
            await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1) with { AmazonStore = Busy, LatestShipDate = deadlines[i] });
        }

        var atRisk = await h.Runtime.OrdersAtRiskAsync();
        _telemetry.Observe();

        Assert.True(atRisk.Select(o => o.ShipBy).Distinct().Count() >= 2, "the scenario has orders in several statuses");
        foreach (var status in new[] { ShipByStatus.DueSoon, ShipByStatus.Late, ShipByStatus.AutoCancelNear })
        {
            Assert.Equal(atRisk.Count(o => o.ShipBy == status), AtRisk(Busy, status));
            Assert.Equal(0, AtRisk(Calm, status));
        }

        Assert.Null(AtRisk(Busy, ShipByStatus.OnTime));
    }

    private static void SetReadOnly(InMemoryFulfillment h, string store, bool readOnly)
    {
        var settings = h.Settings.Get(store).Clone();
        settings.ReadOnly = readOnly;
        h.Settings.Set(store, settings);
    }

    private static (long Queued, long Held, long Blocked) Counts(InMemoryFulfillment h, string store)
    {
        var orders = h.OrderStore.All().Select(s => s.Order).Where(o => o.AmazonStore == store).ToList();
        return (orders.Sum(o => o.Outbox.Length), orders.Sum(o => o.Outbox.Count(e => e.Held)), orders.Count(o => o.State == OrderState.Blocked));
    }

    private (long Queued, long Held, long Blocked) Gauges(string store) =>
        ((long)_telemetry.Latest("outbox.depth", (AmazonStore, store))!.Value,
         (long)_telemetry.Latest("outbox.held", (AmazonStore, store))!.Value,
         (long)_telemetry.Latest("order.blocked", (AmazonStore, store))!.Value);

    private double? AtRisk(string store, ShipByStatus status) =>
        _telemetry.Latest("order.at_risk", (AmazonStore, store), ("amazonfulfillment.ship_by.status", status.ToString()));

    private static string Describe(Activity a) => string.Join(
        "\n",
        new[] { $"{a.OperationName} {a.DisplayName} {a.StatusDescription}" }
            .Concat(a.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(a.Events.Select(e => e.Name + string.Join(",", e.Tags.Select(t => $"{t.Key}={t.Value}")))));
}
