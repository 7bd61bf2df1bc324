using AmazonFulfillment.Domain;
using AmazonFulfillment.SellingPartner.Client.Tests.Support;
using AmazonFulfillment.Testing.SellingPartner;

namespace AmazonFulfillment.SellingPartner.Client.Tests;

public sealed class RateLimitTests
{
    [Fact(Timeout = 90_000)]
    public async Task StormOf429s_LosesNothing_AndTheRequestRateNeverExceedsTheClientsBucket()
    {
        var clientPlan = new SellingPartnerRateLimit(20, 8);
        await using var h = await Harness.StartAsync(
            fake: o => o.RateLimits["getOrderItems"] = new FakeRateLimit(5, 3), // Amazon grants less than the client was seeded with
            client: o =>
            {
                o.OrdersApi = OrdersApiVersion.V0; // v0 getOrders carries no items: every order costs a getOrderItems call
                o.RateLimits["getOrderItems"] = clientPlan;
            });
        var orders = Enumerable.Range(0, 24).Select(_ => h.Place("Unshipped", true, 1)).ToList();

        var poll = await h.Poller.PollOnceAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (h.Commerce.Orders.Count < orders.Count && !deadline.IsCancellationRequested)
        {
            await h.Runtime.SyncAsync(deadline.Token);
        }

        Assert.True(poll.WindowCompleted, poll.Failure);
        var calls = h.Amazon.Requests.Where(r => r.Operation == "getOrderItems").ToList();
        Assert.Contains(calls, r => r.Status == 429); // the storm happened
        Assert.Equal(orders.Count, h.Commerce.Orders.Count); // and nothing was lost
        Assert.Equal(5, h.Client.CurrentRateLimit(SellingPartnerOperations.GetOrderItems).RequestsPerSecond); // the header slowed the client down

        // In no interval did the client send more than its bucket allows: its burst plus its rate times the interval.
        var times = calls.Select(c => c.At).Order().ToList();
        for (var i = 0; i < times.Count; i++)
        {
            for (var j = i; j < times.Count; j++)
            {
                var allowed = clientPlan.Burst + (clientPlan.RequestsPerSecond * (times[j] - times[i]).TotalSeconds) + 1;
                Assert.True(j - i + 1 <= allowed, $"{j - i + 1} calls in {(times[j] - times[i]).TotalMilliseconds} ms");
            }
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task AmazonsDocumentedPlans_OnBothSides_NoCallIsThrottled()
    {
        await using var h = await Harness.StartAsync(client: o => o.OrdersApi = OrdersApiVersion.V0);
        var orders = Enumerable.Range(0, 12).Select(_ => h.Place("Unshipped", true, 1)).ToList();

        await h.Poller.PollOnceAsync();
        await h.Runtime.SyncAsync();

        Assert.Equal(orders.Count, h.Commerce.Orders.Count);
        Assert.DoesNotContain(h.Amazon.Requests, r => r.Status == 429);
    }

    [Fact(Timeout = 90_000)]
    public async Task RateLimitHeader_AdjustsTheBucket()
    {
        await using var h = await Harness.StartAsync(fake: o => o.RateLimits["getOrderItems"] = new FakeRateLimit(0.25, 30));
        var id = AmazonOrderId.Parse(h.Place().AmazonOrderId);

        Assert.Equal(0.5, h.Client.CurrentRateLimit(SellingPartnerOperations.GetOrderItems).RequestsPerSecond);
        Assert.True((await h.Client.GetOrderItemsAsync(id)).IsSuccess);

        Assert.Equal(new SellingPartnerRateLimit(0.25, 30), h.Client.CurrentRateLimit(SellingPartnerOperations.GetOrderItems));
    }
}
