using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.SellingPartner.Client.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AmazonFulfillment.SellingPartner.Client.Tests;

public sealed class FeedCancellationTests
{
    private const string Waiting = "cancellation feed submitted; waiting for Amazon's processing report";

    [Fact(Timeout = 90_000)]
    public async Task CancelOrder_ArrivingTogether_OneFeed_ThenAcceptedOrRejectedPerOrder()
    {
        await using var h = await Harness.StartAsync();
        var open1 = h.Place("Unshipped", true, 1, 2);
        var open2 = h.Place("Unshipped", true, 1);
        var shipped = h.Place("Unshipped", true, 1);
        h.Amazon.SetStatus(shipped.AmazonOrderId, "Shipped", DateTimeOffset.UtcNow.AddMinutes(-5));
        var ids = new[] { open1, open2, shipped }.Select(o => AmazonOrderId.Parse(o.AmazonOrderId)).ToList();

        var submitted = await Task.WhenAll(ids.Select(id => h.Port.CancelOrderAsync(id, "NoInventory").AsTask()));

        Assert.All(submitted, r => Assert.Equal(PortResult.Transient(Waiting), r));
        var feed = Assert.Single(h.Amazon.Feeds);
        Assert.Contains("<StatusCode>Failure</StatusCode>", feed.Value, StringComparison.Ordinal);
        Assert.Contains("<CancelReason>NoInventory</CancelReason>", feed.Value, StringComparison.Ordinal);
        Assert.Contains($"<MerchantIdentifier>{h.Amazon.Options.SellerId}</MerchantIdentifier>", feed.Value, StringComparison.Ordinal);
        Assert.Equal(3, feed.Value.Split("<Message>").Length - 1);

        var decided = await Task.WhenAll(ids.Select(id => h.Port.CancelOrderAsync(id, "NoInventory").AsTask()));

        Assert.True(decided[0].IsSuccess, decided[0].Reason);
        Assert.True(decided[1].IsSuccess, decided[1].Reason);
        Assert.Equal(PortStatus.Rejected, decided[2].Status);
        Assert.Contains("shipped units", decided[2].Reason, StringComparison.Ordinal);
        Assert.Equal("Canceled", h.Amazon.Order(open1.AmazonOrderId)!.Status);
        Assert.Equal("Shipped", h.Amazon.Order(shipped.AmazonOrderId)!.Status);

        var again = await h.Port.CancelOrderAsync(ids[0], "NoInventory");
        Assert.True(again.IsSuccess);
        Assert.Single(h.Amazon.Feeds); // asking again checks, never sends a second feed
        Assert.Equal(1, h.Amazon.Requests.Count(r => r.Operation == "getFeedDocument")); // one report read for the whole feed
    }

    [Fact(Timeout = 90_000)]
    public async Task CancelOrder_ReportGzipCompressed_IsDecompressedAndRead()
    {
        await using var h = await Harness.StartAsync(fake: o => o.CompressReports = true);
        var open = h.Place("Unshipped", true, 1);
        var shipped = h.Place("Unshipped", true, 1);
        h.Amazon.SetStatus(shipped.AmazonOrderId, "Shipped", DateTimeOffset.UtcNow.AddMinutes(-5));
        var ids = new[] { open, shipped }.Select(o => AmazonOrderId.Parse(o.AmazonOrderId)).ToList();

        var submitted = await Task.WhenAll(ids.Select(id => h.Port.CancelOrderAsync(id, "NoInventory").AsTask()));
        var decided = await Task.WhenAll(ids.Select(id => h.Port.CancelOrderAsync(id, "NoInventory").AsTask()));

        Assert.All(submitted, r => Assert.Equal(PortResult.Transient(Waiting), r));
        Assert.True(decided[0].IsSuccess, decided[0].Reason);
        Assert.Equal(PortStatus.Rejected, decided[1].Status);
        Assert.Contains("shipped units", decided[1].Reason, StringComparison.Ordinal);
        Assert.Equal("Canceled", h.Amazon.Order(open.AmazonOrderId)!.Status);
        Assert.Single(h.Amazon.Feeds);
    }

    [Fact(Timeout = 90_000)]
    public async Task CancelOrder_WhileTheFeedIsNotProcessed_ChecksThatFeed_InsteadOfSendingAnother()
    {
        await using var h = await Harness.StartAsync(fake: o => o.FeedProcessingTime = TimeSpan.FromHours(1));
        var id = AmazonOrderId.Parse(h.Place().AmazonOrderId);

        var first = await h.Port.CancelOrderAsync(id, "BuyerCanceled");
        var second = await h.Port.CancelOrderAsync(id, "BuyerCanceled");

        Assert.Equal(PortResult.Transient(Waiting), first);
        Assert.Equal(PortResult.Transient(Waiting), second);
        Assert.Single(h.Amazon.Feeds);
        Assert.Equal(1, h.Amazon.Requests.Count(r => r.Operation == "getFeed"));
        Assert.Equal("Unshipped", h.Amazon.Order(id.Value)!.Status);
    }

    [Fact(Timeout = 90_000)]
    public async Task Restart_ANewPortOverTheSameStore_ReadsTheReportOfTheFeedSubmittedBefore_AndNeverSubmitsItAgain()
    {
        await using var h = await Harness.StartAsync(fake: o => o.FeedProcessingTime = TimeSpan.FromSeconds(2));
        var accepted = h.Place("Unshipped", true, 1, 2);
        var alsoAccepted = h.Place("Unshipped", true, 1);
        var shipped = h.Place("Unshipped", true, 1);
        h.Amazon.SetStatus(shipped.AmazonOrderId, "Shipped", DateTimeOffset.UtcNow.AddMinutes(-5));
        var ids = new[] { accepted, alsoAccepted, shipped }.Select(o => AmazonOrderId.Parse(o.AmazonOrderId)).ToList();
        var store = new InMemorySubmittedFeedStore();
        var before = new SellingPartnerOrdersPort(h.Client, feeds: store);

        var submitted = await Task.WhenAll(ids.Select(id => before.CancelOrderAsync(id, id == ids[1] ? "BuyerCanceled" : "NoInventory").AsTask()));

        Assert.All(submitted, r => Assert.Equal(PortResult.Transient(Waiting), r));
        var feedId = Assert.Single(h.Amazon.Feeds).Key;
        var kept = await store.FindSubmittedFeedAsync(h.Client.Options.SellerId, ids[2]);
        Assert.Equal(feedId, kept?.FeedId);
        Assert.Equal(ids.Order(), kept!.Orders.Select(o => o.AmazonOrderId).Order());

        // The process restarts: a new client and port over the same store; Amazon has not processed the feed yet.
        using var restartedClient = new SellingPartnerClient(
            h.Services.GetRequiredService<IHttpClientFactory>(), h.Services.GetRequiredService<IOptions<SellingPartnerClientOptions>>());
        var after = new SellingPartnerOrdersPort(restartedClient, feeds: store);

        Assert.Equal(PortResult.Transient(Waiting), await after.CancelOrderAsync(ids[0], "NoInventory"));
        Assert.Single(h.Amazon.Feeds); // checked, not sent again
        Assert.Equal(0, after.CancellationFeedsSubmitted);

        await Task.Delay(TimeSpan.FromSeconds(2.5)); // the fake Amazon processes the feed
        var decided = new List<PortResult>();
        foreach (var id in ids)
        {
            decided.Add(await after.CancelOrderAsync(id, "NoInventory"));
        }

        Assert.True(decided[0].IsSuccess, decided[0].Reason);
        Assert.True(decided[1].IsSuccess, decided[1].Reason);
        Assert.Equal(PortStatus.Rejected, decided[2].Status);
        Assert.Contains($"Amazon refused the cancellation of order {ids[2]}", decided[2].Reason, StringComparison.Ordinal);
        Assert.Contains("shipped units", decided[2].Reason, StringComparison.Ordinal);
        Assert.Equal("Canceled", h.Amazon.Order(accepted.AmazonOrderId)!.Status);
        Assert.Equal("Shipped", h.Amazon.Order(shipped.AmazonOrderId)!.Status);
        Assert.Single(h.Amazon.Feeds);
        Assert.Equal(0, after.CancellationFeedsSubmitted);
        Assert.Null(await store.FindSubmittedFeedAsync(h.Client.Options.SellerId, ids[0])); // every outcome answered: the feed is forgotten
        Assert.Null(await store.FindSubmittedFeedAsync(h.Client.Options.SellerId, ids[2]));
    }

    [Fact(Timeout = 90_000)]
    public async Task Registration_WithAStoreWithoutFeeds_KeepsThemInOneInMemoryStore()
    {
        await using var h = await Harness.StartAsync();
        var feeds = h.Services.GetRequiredService<ISubmittedFeedStore>();
        var id = AmazonOrderId.Parse(h.Place().AmazonOrderId);

        Assert.IsType<InMemorySubmittedFeedStore>(feeds);
        Assert.Equal(PortResult.Transient(Waiting), await h.Port.CancelOrderAsync(id, "NoInventory"));
        Assert.Equal(Assert.Single(h.Amazon.Feeds).Key, (await feeds.FindSubmittedFeedAsync(h.Client.Options.SellerId, id))?.FeedId);
    }

    [Fact(Timeout = 90_000)]
    public async Task CancelOrder_ThroughTheRuntime_CommerceCancelledOnlyOnceAmazonAccepted()
    {
        await using var h = await Harness.StartAsync();
        var order = h.Place("Unshipped", true, 1);
        await h.Poller.PollOnceAsync();
        var id = AmazonOrderId.Parse(order.AmazonOrderId);
        Assert.NotNull(h.Commerce.Find(id));

        var result = await h.Runtime.CancelAsync(id, "NoInventory");

        Assert.Null(result.Refusal);
        Assert.Equal("Canceled", h.Amazon.Order(order.AmazonOrderId)!.Status);
        Assert.Equal(CommerceStatuses.Canceled, h.Commerce.Find(id)!.Status);
    }

    [Fact(Timeout = 90_000)]
    public async Task CancelOrder_ReasonAmazonDoesNotList_IsRejectedWithoutAFeed()
    {
        await using var h = await Harness.StartAsync();
        var id = AmazonOrderId.Parse(h.Place().AmazonOrderId);

        var result = await h.Port.CancelOrderAsync(id, "Changed my mind");

        Assert.Equal(PortStatus.Rejected, result.Status);
        Assert.Empty(h.Amazon.Feeds);
    }
}
