using AmazonFulfillment.Diagnostics;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Tests.Shared;
using AmazonFulfillment.Tests.Support;
using static AmazonFulfillment.Tests.Support.RuntimeScenario;

namespace AmazonFulfillment.Tests.Runtime;

/// <summary>
/// docs/telemetry.md and the code agree: every instrument of the <c>AmazonFulfillment</c> meter with its type, unit and attributes,
/// every span and span event with its attributes. A run that reaches every path that adds an attribute (a retry, a rejection, a
/// throw, a conflict, a failed order, the gauges) is compared with the tables, both ways.
/// </summary>
[Collection(nameof(TelemetryCollection))]
public sealed class TelemetryTableTests
{
    private const string Store = "telemetry-table";

    [Fact]
    public async Task Instruments_AgreeWithTheTelemetryTable()
    {
        using var telemetry = new TelemetryRecorder();

        await ReachEveryAttributeAsync();
        telemetry.Observe();

        var documented = TelemetryTable.Instruments(FulfillmentTelemetry.Name).Select(TelemetryTable.Line);
        var emitted = telemetry.Instruments.Values.Select(i => TelemetryTable.Line(
            i.Name, TelemetryTable.TypeName(i), i.Unit ?? string.Empty, telemetry.Measurements.Where(m => m.Instrument == i.Name).SelectMany(m => m.Tags.Keys)));
        TelemetryTable.AssertAgree(documented, emitted);
    }

    [Fact]
    public async Task SpansAndSpanEvents_AgreeWithTheTelemetryTable()
    {
        using var telemetry = new TelemetryRecorder();

        await ReachEveryAttributeAsync();

        var spans = telemetry.Spans.GroupBy(s => s.OperationName).Select(g => Line(g.Key, g.SelectMany(s => s.TagObjects.Select(t => t.Key))));
        TelemetryTable.AssertAgree(TelemetryTable.Spans.Select(s => Line(s.Key, s.Value)), spans);
        var events = telemetry.Spans.SelectMany(s => s.Events).GroupBy(e => e.Name).Select(g => Line(g.Key, g.SelectMany(e => e.Tags.Select(t => t.Key))));
        TelemetryTable.AssertAgree(TelemetryTable.Events.Select(e => Line(e.Key, e.Value)), events);
    }

    [Fact]
    public void AttributeTable_DescribesEveryAttributeTheOtherTablesList()
    {
        var listed = new[] { FulfillmentTelemetry.Name, "AmazonFulfillment.SellingPartner.Client" }
            .SelectMany(TelemetryTable.Instruments)
            .SelectMany(i => i.Attributes)
            .Concat(TelemetryTable.Spans.Values.SelectMany(a => a))
            .Concat(TelemetryTable.Events.Values.SelectMany(a => a))
            .ToHashSet(StringComparer.Ordinal);

        TelemetryTable.AssertAgree(TelemetryTable.Attributes, listed, "the attributes its other tables list");
        Assert.All(listed, a => Assert.True(a.StartsWith("amazonfulfillment.", StringComparison.Ordinal) || a is "error.type" || a.StartsWith("exception.", StringComparison.Ordinal), a));
    }

    private static string Line(string name, IEnumerable<string> attributes) =>
        $"{name} | {string.Join(", ", attributes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))}";

    /// <summary>
    /// Orders of one Amazon store through every path that adds an attribute: an import, a throttled then late confirmation, a
    /// rejected one, a confirmation Amazon lost, a port that throws, a cancellation, a blocked import, a store save that throws, a version conflict, held work,
    /// an order a sweep skips because the store keeps failing, and the at-risk list.
    /// </summary>
    private static async Task ReachEveryAttributeAsync()
    {
        var options = new FulfillmentRuntimeOptions { AmazonStores = { Store }, MaxStoreAttempts = 2, MaxParallelOrders = 1 };
        var h = Channel(options: options);
        var store = new ConflictOnce(h.Store);
        var runtime = new FulfillmentRuntime(h.Amazon, h.Commerce, h.Customers, store, h.Settings, h.Options, h.Clock);
        Task<ProcessResult> Observe(AmazonOrderId id, DateTimeOffset? latestShipDate = null) =>
            runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1) with { AmazonStore = Store, LatestShipDate = latestShipDate });

        var checking = h.Settings.Get(Store).Clone();
        checking.ConfirmationCheckAfter = TimeSpan.FromMinutes(30);
        h.Settings.Set(Store, checking);
        var lost = h.Known(6);
        await Observe(lost);
        h.Amazon.DropAcceptedConfirmations(1, lost);
        await runtime.RecordShipmentAsync(First(lost));
        h.Clock.Advance(TimeSpan.FromMinutes(31));
        await runtime.SyncAsync(); // read back: missing, sent again

        var late = h.Known(1);
        await Observe(late, T0.AddMinutes(-5));
        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.Throttled, 1);
        await runtime.RecordShipmentAsync(First(late));

        var refused = h.Known(2);
        await Observe(refused, T0.AddHours(3));
        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.Permanent, 1);
        await runtime.RecordShipmentAsync(First(refused));

        var throwing = h.Known(3);
        h.Faults.Add("amazon", "GetOrderItems", FaultMode.Throw, 1);
        h.Faults.Add("store", "Save", FaultMode.Transient, 1);
        await Observe(throwing);
        await runtime.CancelAsync(throwing, "NoInventory");

        var blocked = Id(4);
        h.Amazon.SetOrderItems(blocked, Items(skuA: Sku.Parse("NOT-IN-CATALOG")));
        await Observe(blocked);

        var held = h.Known(5);
        await Observe(held);
        store.Armed = true;
        var settings = h.Settings.Get(Store).Clone();
        settings.ReadOnly = true;
        h.Settings.Set(Store, settings);
        await runtime.RecordShipmentAsync(First(held));
        Assert.False(store.Armed); // the conflict happened

        h.Faults.Add("store", "Load", FaultMode.Throw, 2);
        Assert.Contains(await runtime.SyncAsync(), r => r.Failed);
        await runtime.OrdersAtRiskAsync();
    }

    /// <summary>When armed, another writer saves the order just before the runtime's next save, which then meets a newer version.</summary>
    private sealed class ConflictOnce(FaultyOrderStore inner) : IOrderStore, IShipByIndex
    {
        public bool Armed { get; set; }

        public ValueTask<StoredOrder?> LoadAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
            inner.LoadAsync(amazonOrderId, cancellationToken);

        public async ValueTask<long?> SaveAsync(FulfillmentOrder order, long expectedVersion, CancellationToken cancellationToken = default)
        {
            if (Armed && await inner.Inner.LoadAsync(order.Id, cancellationToken) is { } current)
            {
                Armed = false;
                Assert.NotNull(await inner.Inner.SaveAsync(current.Order, current.Version, cancellationToken));
            }

            return await inner.SaveAsync(order, expectedVersion, cancellationToken);
        }

        public ValueTask<IReadOnlyList<AmazonOrderId>> ListUnfinishedAsync(CancellationToken cancellationToken = default) =>
            inner.ListUnfinishedAsync(cancellationToken);

        public ValueTask<IReadOnlyList<AmazonOrderId>> ListShipByAsync(DateTimeOffset deadlineBefore, int max, CancellationToken cancellationToken = default) =>
            inner.ListShipByAsync(deadlineBefore, max, cancellationToken);
    }
}
