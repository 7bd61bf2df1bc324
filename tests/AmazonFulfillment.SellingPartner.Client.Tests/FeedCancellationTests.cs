using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.SellingPartner.Client.Tests.Support;

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
