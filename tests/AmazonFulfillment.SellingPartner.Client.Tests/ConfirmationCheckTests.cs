using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.SellingPartner.Client.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace AmazonFulfillment.SellingPartner.Client.Tests;

/// <summary>Verified confirmations over HTTP: the fake Amazon answers 204 to a confirmation and keeps nothing; the runtime finds it with getOrder.</summary>
public sealed class ConfirmationCheckTests
{
    [Fact(Timeout = 90_000)]
    public async Task DroppedConfirmation_FoundWithGetOrderPackages_SentAgainOnce()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var h = await Harness.StartAsync(time: clock, settings: s => s.ConfirmationCheckAfter = TimeSpan.FromMinutes(30));
        var placed = h.Place("Unshipped", true, 2);
        await h.Poller.PollOnceAsync();
        var id = AmazonOrderId.Parse(placed.AmazonOrderId);
        var tracked = (await h.Store.LoadAsync(id))!.Order;
        var package = ShipmentPackage.Create(
            id, PackageReferenceId.From(1), "UPS", null, "Ground", "1Z999AA10123456784", clock.GetUtcNow(),
            tracked.Items.Select(i => new PackageItem(i.OrderItemId, i.Remaining)));
        h.Amazon.DropAcceptedConfirmations(1);

        await h.Runtime.RecordShipmentAsync(package);
        Assert.Single(h.Amazon.DroppedConfirmations);
        Assert.Empty(h.Amazon.ConfirmedPackages);

        clock.Advance(TimeSpan.FromMinutes(31));
        await h.Runtime.SyncAsync();
        Assert.Single(h.Amazon.ConfirmedPackages);
        var readBack = Assert.Single(h.Amazon.Requests, r => r.Operation == "getOrder (2026-01-01)");
        Assert.Equal("PACKAGES", readBack.Query["includedData"]);
        Assert.Empty(SpApiModels.Instance.Problems(readBack));
        Assert.Equal(2, h.Amazon.Requests.Count(r => r.Operation == "confirmShipment"));

        clock.Advance(TimeSpan.FromMinutes(31));
        await h.Runtime.SyncAsync();
        var record = Assert.Single((await h.Store.LoadAsync(id))!.Order.Packages);
        Assert.Equal(PackageVerification.OnAmazon, record.Verification);
        Assert.Equal(1, record.Resends);
        Assert.Empty((await h.Store.LoadAsync(id))!.Order.Outbox);
        Assert.Equal(2, h.Amazon.Requests.Count(r => r.Operation == "getOrder (2026-01-01)"));
        Assert.Equal(2, h.Amazon.Requests.Count(r => r.Operation == "confirmShipment"));
    }

    [Fact(Timeout = 90_000)]
    public async Task GetConfirmedPackages_ListsWhatAmazonHolds_AndAnUnknownOrderIsRejected()
    {
        await using var h = await Harness.StartAsync();
        var placed = h.Place("Unshipped", true, 1, 1);
        var id = AmazonOrderId.Parse(placed.AmazonOrderId);
        var marketplace = MarketplaceId.Parse("ATVPDKIKX0DER");
        ShipmentPackage Package(long reference, int line) => ShipmentPackage.Create(
            id, PackageReferenceId.From(reference), "UPS", null, "Ground", "1Z999AA1012345678" + reference, DateTimeOffset.UtcNow,
            [new PackageItem(OrderItemId.Parse(placed.Items[line].OrderItemId), 1)]);

        Assert.Empty((await h.Port.GetConfirmedPackagesAsync(id)).Value);
        Assert.True((await h.Port.ConfirmShipmentAsync(Package(1, 0), marketplace)).IsSuccess);
        h.Amazon.DropAcceptedConfirmations(1);
        Assert.True((await h.Port.ConfirmShipmentAsync(Package(2, 1), marketplace)).IsSuccess);

        Assert.Equal("1", Assert.Single((await h.Port.GetConfirmedPackagesAsync(id)).Value));
        var unknown = await h.Port.GetConfirmedPackagesAsync(AmazonOrderId.Parse(Harness.NewOrderId()));
        Assert.Equal(PortStatus.Rejected, unknown.Status);
    }
}
