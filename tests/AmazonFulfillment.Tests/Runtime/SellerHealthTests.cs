using System.Diagnostics.Metrics;
using AmazonFulfillment.Diagnostics;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;
using Xunit;
using static AmazonFulfillment.Tests.Support.RuntimeScenario;

namespace AmazonFulfillment.Tests.Runtime;

/// <summary>Ship-by deadlines, carrier checks and honest cancels, through the runtime (docs/rules.md, seller health).</summary>
public sealed class SellerHealthTests
{
    private static readonly DateTimeOffset Deadline = T0.AddDays(2);

    /// <summary>An imported order whose ship-by deadline is <paramref name="deadline"/> (none when null).</summary>
    private static async Task<AmazonOrderId> ImportedAsync(InMemoryFulfillment h, int n, DateTimeOffset? deadline)
    {
        var id = h.Known(n);
        var snapshot = Snapshot(id, AmazonOrderStatus.Unshipped, 1);
        await h.Runtime.ObserveAsync(deadline is null ? snapshot : snapshot with { EarliestShipDate = T0, LatestShipDate = deadline });
        return id;
    }

    [Theory]
    [InlineData(-3 * 24, ShipByStatus.OnTime)]
    [InlineData(-24, ShipByStatus.DueSoon)]
    [InlineData(-1, ShipByStatus.DueSoon)]
    [InlineData(1, ShipByStatus.Late)]
    [InlineData(3 * 24, ShipByStatus.AutoCancelNear)]
    public async Task ShipBy_FromTheClockAndTheSettings(int hoursFromDeadline, ShipByStatus expected)
    {
        var h = Channel();
        var id = await ImportedAsync(h, 1, T0.AddDays(5));
        var order = (await h.OrderStore.LoadAsync(id))!.Order;

        Assert.Equal(T0.AddDays(5), order.LatestShipDate);
        Assert.Equal(T0, order.EarliestShipDate);
        Assert.Equal(expected, order.ShipByAt(T0.AddDays(5).AddHours(hoursFromDeadline), h.Settings.CurrentValue));
    }

    [Fact]
    public async Task ShipBy_NothingLeftToShipOrConfirm_FbaOrNoDate_IsNull()
    {
        var h = Channel();
        var id = await ImportedAsync(h, 1, Deadline);
        await h.Runtime.RecordShipmentAsync(First(id));
        var partly = (await h.OrderStore.LoadAsync(id))!.Order;
        Assert.Equal(ShipByStatus.Late, partly.ShipByAt(Deadline.AddHours(1), h.Settings.CurrentValue)); // line B unshipped

        await h.Runtime.RecordShipmentAsync(Second(id));
        var done = (await h.OrderStore.LoadAsync(id))!.Order;
        Assert.Null(done.ShipByAt(Deadline.AddHours(1), h.Settings.CurrentValue));
        Assert.Null(done.ShipByDeadline);

        var noDate = (await h.OrderStore.LoadAsync(await ImportedAsync(h, 2, deadline: null)))!.Order;
        Assert.Null(noDate.LatestShipDate);
        Assert.Null(noDate.ShipByAt(Deadline, h.Settings.CurrentValue));
        Assert.Null((noDate with { Channel = FulfillmentChannel.Amazon, LatestShipDate = Deadline }).ShipByAt(Deadline, h.Settings.CurrentValue));
    }

    [Fact]
    public async Task ShipBy_ConfirmationStillPending_StillCountsTowardsTheDeadline()
    {
        var h = Channel();
        var id = await ImportedAsync(h, 1, Deadline);
        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.Permanent, 2);
        await h.Runtime.RecordShipmentAsync(First(id));
        await h.Runtime.RecordShipmentAsync(Second(id));

        var order = (await h.OrderStore.LoadAsync(id))!.Order;
        Assert.True(order.AllItemsShipped);
        Assert.Equal(ShipByStatus.Late, order.ShipByAt(Deadline.AddMinutes(1), h.Settings.CurrentValue)); // refused: Amazon has not got the shipment
    }

    [Fact]
    public async Task Sweep_RunsTheWorkOfTheOrderNearestItsDeadlineFirst()
    {
        var h = Channel(options: new FulfillmentRuntimeOptions { MaxParallelOrders = 1, MaxEffectAttempts = 1 });
        var later = await ImportedAsync(h, 1, T0.AddDays(3));
        var sooner = await ImportedAsync(h, 2, T0.AddDays(1));
        var none = await ImportedAsync(h, 3, deadline: null);
        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.Throttled, 3);
        foreach (var id in new[] { none, later, sooner })
        {
            await h.Runtime.RecordShipmentAsync(First(id)); // throttled: left pending for the sweep
        }

        Assert.Empty(h.Amazon.Confirmations);
        await h.Runtime.SyncAsync();

        Assert.Equal([sooner, later, none], h.Amazon.Confirmations.Select(c => c.Package.AmazonOrderId));
    }

    [Fact]
    public async Task OrdersAtRisk_ListsDueSoonLateAndHeld_NearestFirst_NotOnTimeOrDone()
    {
        var h = Channel();
        var onTime = await ImportedAsync(h, 1, T0.AddDays(5));
        var dueSoon = await ImportedAsync(h, 2, T0.AddHours(20));
        var late = await ImportedAsync(h, 3, T0.AddHours(-2));
        var done = await ImportedAsync(h, 4, T0.AddHours(-1));
        await h.Runtime.RecordShipmentAsync(First(done));
        await h.Runtime.RecordShipmentAsync(Second(done));
        h.Settings.Set(new OrderSettings { StoreView = "default", ReadOnly = true });
        await h.Runtime.RecordShipmentAsync(First(late));

        var atRisk = await h.Runtime.OrdersAtRiskAsync();

        Assert.Equal([late, dueSoon], atRisk.Select(o => o.AmazonOrderId));
        Assert.DoesNotContain(onTime, atRisk.Select(o => o.AmazonOrderId));
        var lateOne = atRisk[0];
        Assert.Equal(ShipByStatus.Late, lateOne.ShipBy);
        Assert.True(lateOne.ConfirmationHeld); // read-only: shows what would be late
        Assert.Equal(1, lateOne.UnconfirmedPackages);
        Assert.Equal(1, lateOne.UnshippedUnits);
        Assert.Equal(ShipByStatus.DueSoon, atRisk[1].ShipBy);
        Assert.Equal(3, atRisk[1].UnshippedUnits);
    }

    [Fact]
    public async Task OrdersAtRisk_AnOrderThatCannotBeRead_IsLeftOut_TheOthersListed()
    {
        var h = Channel();
        var first = await ImportedAsync(h, 1, T0.AddHours(-2));
        var second = await ImportedAsync(h, 2, T0.AddHours(-1));
        h.Faults.Add("store", "Load", FaultMode.Throw, h.Options.MaxStoreAttempts); // every attempt to read the first order fails

        var atRisk = await h.Runtime.OrdersAtRiskAsync();

        Assert.Equal([second], atRisk.Select(o => o.AmazonOrderId));
        Assert.DoesNotContain(first, atRisk.Select(o => o.AmazonOrderId));
    }

    [Fact]
    public async Task ShipBy_AmazonReportsTheOrderShipped_NoLongerAtRisk()
    {
        var h = Channel();
        var id = await ImportedAsync(h, 1, T0.AddHours(-2));
        Assert.Single(await h.Runtime.OrdersAtRiskAsync());

        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Shipped, 5) with { LatestShipDate = T0.AddHours(-2) });

        Assert.Empty(await h.Runtime.OrdersAtRiskAsync());
        Assert.Null((await h.OrderStore.LoadAsync(id))!.Order.ShipByAt(T0, h.Settings.CurrentValue));
    }

    [Fact]
    public async Task ConfirmationAfterTheDeadline_CountedAsLate_OnTimeOneIsNot()
    {
        // Other tests confirm late packages at the same time: this one counts only its own store's.
        const string Store = "late-confirmation-test";
        var late = new List<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FulfillmentTelemetry.Name && instrument.Name == "amazonfulfillment.late_confirmations")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "amazonfulfillment.amazon_store" && Store.Equals(tag.Value))
                {
                    lock (late)
                    {
                        late.Add(value);
                    }
                }
            }
        });
        listener.Start();

        var h = Channel(options: new FulfillmentRuntimeOptions { AmazonStores = { Store } });
        var onTime = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(onTime, AmazonOrderStatus.Unshipped, 1) with { AmazonStore = Store, LatestShipDate = T0.AddDays(1) });
        await h.Runtime.RecordShipmentAsync(First(onTime));
        Assert.Empty(late);

        var overdue = h.Known(2);
        await h.Runtime.ObserveAsync(Snapshot(overdue, AmazonOrderStatus.Unshipped, 1) with { AmazonStore = Store, LatestShipDate = T0.AddMinutes(-5) });
        await h.Runtime.RecordShipmentAsync(First(overdue));
        Assert.Equal([1L], late);
    }

    [Theory]
    [InlineData("ups", null, "UPS", null)]
    [InlineData("Other", "United Parcel Service", "UPS", null)]
    [InlineData(" other ", "ups", "UPS", null)]
    public async Task Shipment_CarrierSentInAmazonsSpelling_OtherWithAListedCarrierNeverStaysOther(string code, string? name, string sentCode, string? sentName)
    {
        var h = Channel();
        var id = await ImportedAsync(h, 1, Deadline);

        var result = await h.Runtime.RecordShipmentAsync(ShipmentPackage.Create(id, PackageReferenceId.From(1), code, name, null, "1Z999AA10123456784", T0, [new PackageItem(LineA, 2)]));

        Assert.Equal(DecisionKind.Applied, result.Kind);
        var sent = Assert.Single(h.Amazon.Confirmations).Package;
        Assert.Equal(sentCode, sent.CarrierCode);
        Assert.Equal(sentName, sent.CarrierName);
    }

    [Fact]
    public async Task Shipment_TrackingNumberNotTheCarriers_RefusedNamingTheField_OrSentAndFlagged()
    {
        var h = Channel();
        var id = await ImportedAsync(h, 1, Deadline);
        var wrong = ShipmentPackage.Create(id, PackageReferenceId.From(1), "UPS", null, null, "9400100000000000000000", T0, [new PackageItem(LineA, 2)]);

        var refused = await h.Runtime.RecordShipmentAsync(wrong);

        Assert.Equal(DecisionKind.Refused, refused.Kind);
        Assert.Equal("trackingNumber", refused.Refusal!.Field);
        Assert.Empty((await h.OrderStore.LoadAsync(id))!.Order.Packages);

        h.Settings.Set(new OrderSettings { StoreView = "default", CarrierCheck = CarrierCheckMode.SendAndFlag });
        var flagged = await h.Runtime.RecordShipmentAsync(wrong);

        Assert.Equal(DecisionKind.Applied, flagged.Kind);
        var package = Assert.Single((await h.OrderStore.LoadAsync(id))!.Order.Packages);
        Assert.Contains("UPS", package.CarrierWarning, StringComparison.Ordinal);
        Assert.Single(h.Amazon.Confirmations);
    }

    [Fact]
    public async Task SameFlaggedCarrierPackageAgain_IsTheSamePackage()
    {
        var h = Channel();
        var id = await ImportedAsync(h, 1, Deadline);
        var package = ShipmentPackage.Create(id, PackageReferenceId.From(1), "ups", null, null, "1Z999AA10123456784", T0, [new PackageItem(LineA, 2)]);
        await h.Runtime.RecordShipmentAsync(package);

        var again = await h.Runtime.RecordShipmentAsync(package);

        Assert.Equal(DecisionKind.Ignored, again.Kind);
        Assert.Single(h.Amazon.Confirmations);
    }
}
