using static AmazonFulfillment.Replay.Tests.Replay;

namespace AmazonFulfillment.Replay.Tests;

/// <summary>Several Amazon stores in one host, each with its own settings (the bundled two-marketplace scenario).</summary>
public class StoresTests
{
    [Fact]
    public async Task TwoMarketplaces_EachStoreImportsShipsAndCancelsWithItsOwnSettings()
    {
        var report = await JsonOf(Replay.Scenario("stores-two-marketplaces.jsonl"));

        Assert.Equal(["us", "us", "de", "de"], report.Array("orders").Select(o => o.Str("amazonStore")));
        var commerce = report.Array("commerce", "orders").ToDictionary(o => o.Str("amazonOrderId")!);
        Assert.Equal("us_en", commerce["111-4000000-0000001"].Str("storeView"));
        Assert.True(commerce["111-4000000-0000001"].GetProperty("guest").GetBoolean());
        Assert.Equal("USD", commerce["111-4000000-0000001"].GetProperty("total").Str("currency"));
        Assert.Equal("de_de", commerce["302-4000000-0000003"].Str("storeView"));
        Assert.False(commerce["302-4000000-0000003"].GetProperty("guest").GetBoolean());
        Assert.Equal("302-4000000-0000003", commerce["302-4000000-0000003"].Str("orderNumber")); // amazon.de numbers by Amazon
        Assert.Equal("EUR", commerce["302-4000000-0000003"].GetProperty("total").Str("currency"));
        Assert.Equal(2, report.Array("commerce", "customers").Length); // accounts for the DE buyers only

        foreach (var id in new[] { "111-4000000-0000001", "302-4000000-0000003" })
        {
            Assert.Equal("Shipped", report.Order(id).Str("channelStatus"));
        }

        foreach (var id in new[] { "111-4000000-0000002", "302-4000000-0000004" })
        {
            Assert.Equal("Canceled", report.Order(id).Str("channelStatus"));
        }

        // Read-only on amazon.de held only its own confirmation, until its own sync after read-only was off.
        Assert.Equal("2026-11-20T10:00:00Z", report.Order("111-4000000-0000001").Array("packages").Single().Str("confirmedAt"));
        Assert.Equal("2026-11-20T12:00:00Z", report.Order("302-4000000-0000003").Array("packages").Single().Str("confirmedAt"));
        Assert.Equal(2, report.Array("amazon", "cancellations").Length);
    }

    [Fact]
    public async Task TwoMarketplaces_BeforeTheDeStoresSync_ItsWorkIsHeldAndTheUsStoresIsDone()
    {
        var text = Replay.Scenario("stores-two-marketplaces.jsonl");

        var beforeDeSync = await JsonOf(Upto(text, 19)); // through the amazon.com sync
        var de = beforeDeSync.Order("302-4000000-0000003").Array("packages").Single();
        Assert.Equal("held", de.Str("confirmation"));
        Assert.Equal("Unshipped", beforeDeSync.Order("302-4000000-0000004").Str("channelStatus")); // its cancellation waits for Amazon
        Assert.Equal("confirmed", beforeDeSync.Order("111-4000000-0000001").Array("packages").Single().Str("confirmation"));
        Assert.Equal("Canceled", beforeDeSync.Order("111-4000000-0000002").Str("channelStatus"));
        Assert.Single(beforeDeSync.Array("amazon", "shipmentConfirmations"));
    }
}
