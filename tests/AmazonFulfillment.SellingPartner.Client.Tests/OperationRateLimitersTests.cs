using AmazonFulfillment.SellingPartner.Client.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AmazonFulfillment.SellingPartner.Client.Tests;

public sealed class OperationRateLimitersTests
{
    [Fact(Timeout = 30_000)]
    public async Task Waiters_GetTheirTokens_AsTheClockMoves_OnePerInterval()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new SellingPartnerClientOptions();
        options.RateLimits["op"] = new SellingPartnerRateLimit(0.5, 2);
        using var limiters = new OperationRateLimiters(options, clock, NullLogger.Instance);
        for (var i = 0; i < 2; i++)
        {
            using var lease = await limiters.AcquireAsync("seller", "op", default);
            Assert.NotNull(lease);
        }

        var waiting = Enumerable.Range(0, 20).Select(_ => limiters.AcquireAsync("seller", "op", default).AsTask()).ToList();
        for (var step = 1; step <= 80; step++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(500));
            for (var spin = 0; spin < 200 && waiting.Count(w => w.IsCompleted) < step / 4; spin++)
            {
                await Task.Delay(5); // the waiters' continuations run on the thread pool
            }

            Assert.Equal(step / 4, waiting.Count(w => w.IsCompleted)); // one token per two seconds, never more
        }

        Assert.All(waiting, w => Assert.True(w.Result!.IsAcquired));
    }

    [Fact(Timeout = 30_000)]
    public async Task RateAdjusted_KeepsTheTokensLeft_AndWaitersMoveToTheNewBucket()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new SellingPartnerClientOptions();
        options.RateLimits["op"] = new SellingPartnerRateLimit(1, 3);
        using var limiters = new OperationRateLimiters(options, clock, NullLogger.Instance);
        using (await limiters.AcquireAsync("seller", "op", default))
        {
        }

        limiters.Adjust("seller", "op", 0.5);
        Assert.Equal(new SellingPartnerRateLimit(0.5, 3), limiters.RateOf("seller", "op"));
        Assert.Equal(2, limiters.Statistics("seller", "op")!.CurrentAvailablePermits);
        var waiting = Enumerable.Range(0, 3).Select(_ => limiters.AcquireAsync("seller", "op", default).AsTask()).ToList();
        limiters.Adjust("seller", "op", 0.25);
        for (var step = 0; step < 8; step++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        for (var spin = 0; spin < 200 && !waiting.All(w => w.IsCompleted); spin++)
        {
            await Task.Delay(5);
        }

        Assert.All(waiting, w => Assert.True(w.Result!.IsAcquired));
    }
}
