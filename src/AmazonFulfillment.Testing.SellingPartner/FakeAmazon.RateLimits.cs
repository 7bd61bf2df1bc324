

namespace AmazonFulfillment.Testing.SellingPartner;

/// <summary>The fake's usage plans: Amazon's documented rates and bursts, and a token bucket per operation.</summary>
public sealed partial class FakeAmazon
{
    private FakeRateLimit PlanOf(string operation) =>
        Options.RateLimits.TryGetValue(operation, out var plan) ? plan
        : Documented.TryGetValue(operation, out var documented) ? documented
        : new FakeRateLimit(1, 1);

    private Bucket BucketOf(string operation)
    {
        if (!_buckets.TryGetValue(operation, out var bucket))
        {
            var plan = PlanOf(operation);
            _buckets[operation] = bucket = new Bucket(plan, plan.Burst, null);
        }

        return bucket;
    }

    private static readonly Dictionary<string, FakeRateLimit> Documented = new(StringComparer.Ordinal)
    {
        ["getOrders"] = new(0.0167, 20),
        ["getOrder"] = new(0.5, 30),
        ["getOrderItems"] = new(0.5, 30),
        ["confirmShipment"] = new(2, 10),
        ["searchOrders"] = new(0.0056, 20),
        ["getOrder (2026-01-01)"] = new(0.5, 30),
        ["createFeedDocument"] = new(0.5, 15),
        ["createFeed"] = new(0.0083, 15),
        ["getFeed"] = new(2, 15),
        ["getFeedDocument"] = new(0.0222, 10),
        ["createRestrictedDataToken"] = new(1, 10),
    };

    /// <summary>A lazily refilled token bucket on the fake's clock.</summary>
    private sealed class Bucket(FakeRateLimit plan, double tokens, DateTimeOffset? last)
    {
        private double _tokens = tokens;
        private DateTimeOffset? _last = last;

        public bool TryTake(DateTimeOffset now)
        {
            if (_last is { } then && now > then)
            {
                _tokens = Math.Min(plan.Burst, _tokens + ((now - then).TotalSeconds * plan.RequestsPerSecond));
            }

            _last = now > (_last ?? now) ? now : _last ?? now;
            if (_tokens < 0.9) // a tenth of a token of slack for the clocks of client and fake
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
