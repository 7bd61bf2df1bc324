using System.Diagnostics;
using System.Globalization;
using AmazonFulfillment.SellingPartner.Client.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace AmazonFulfillment.SellingPartner.Client.Tests;

/// <summary>
/// A backlog of 1,000 new orders imported through the client against the fake Amazon with Amazon's published usage plans
/// on both sides, on a manual clock that moves in half-second steps only while the client waits for a rate-limit token: the clock time is
/// what the rate limits cost, the wall time what the machine did. The table in docs/benchmarks.md comes from this output.
/// </summary>
public sealed class BacklogMeasurementTests(ITestOutputHelper output)
{
    private static readonly int Orders = int.TryParse(Environment.GetEnvironmentVariable("BACKLOG_ORDERS"), out var n) ? n : 1000;

    [Theory(Timeout = 240_000)]
    [InlineData(OrdersApiVersion.V20260101)]
    [InlineData(OrdersApiVersion.V0)]
    public async Task Backlog_OfAThousandOrders_ImportedWithinAmazonsLimits(OrdersApiVersion api)
    {
        var start = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(start);
        await using var h = await Harness.StartAsync(client: o => o.OrdersApi = api, time: clock);
        for (var i = 0; i < Orders; i++)
        {
            h.Place("Unshipped", true, 1);
        }

        var wall = Stopwatch.StartNew();
        var import = Task.Run(async () =>
        {
            await h.Poller.PollOnceAsync();
            while (h.Commerce.Orders.Count < Orders)
            {
                await h.Runtime.SyncAsync();
            }
        });
        var seen = -1;
        while (!import.IsCompleted && wall.Elapsed < TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("BACKLOG_SECONDS"), CultureInfo.InvariantCulture, out var limit) ? limit : 180))
        {
            await Task.Delay(2);
            var now = h.Amazon.Requests.Count;
            if (now == seen && h.Client.Limiters.Waiting > 0)
            {
                clock.Advance(TimeSpan.FromMilliseconds(500)); // nothing in flight: let the rate limits' clock move on
            }

            seen = now;
        }

        await import;
        wall.Stop();
        var requests = h.Amazon.Requests;
        var calls = requests.Count(r => r.Operation != "lwaToken");
        var throttled = requests.Count(r => r.Status == 429);
        var byOperation = string.Join(", ", requests.GroupBy(r => r.Operation).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {(api == OrdersApiVersion.V0 ? "v0 getOrders + getOrderItems" : "2026-01-01 searchOrders (items included)")} | {Orders} | {calls} | {(double)calls / Orders:0.000} | {(clock.GetUtcNow() - start).TotalSeconds:0} s | {wall.Elapsed.TotalSeconds:0.0} s | {throttled} | {byOperation} |"));

        Assert.Equal(Orders, h.Commerce.Orders.Count);
        Assert.Equal(0, throttled); // the client waited for its tokens instead of collecting 429s
        Assert.Equal(api == OrdersApiVersion.V0 ? Orders + ((Orders + 99) / 100) : (Orders + 99) / 100, calls);
    }
}
