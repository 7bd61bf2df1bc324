using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using AmazonFulfillment.SellingPartner.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AmazonFulfillment.SellingPartner.Client.Http;

/// <summary>
/// One token bucket per (seller, operation), seeded with the operation's usage plan and refilled by a timer of the
/// <see cref="TimeProvider"/> (so a virtual clock drives it too). A call waits for its token instead of collecting 429s.
/// The rate follows Amazon's <c>x-amzn-RateLimit-Limit</c> header. Thread-safe.
/// </summary>
internal sealed class OperationRateLimiters(SellingPartnerClientOptions options, TimeProvider time, ILogger logger) : IDisposable
{
    private readonly ConcurrentDictionary<(string Seller, string Operation), Bucket> _buckets = new();
    private readonly Lock _gate = new();

    /// <summary>Waits for a token. Answers <see langword="null"/> when the operation's queue is full.</summary>
    public async ValueTask<RateLimitLease?> AcquireAsync(string seller, string operation, CancellationToken cancellationToken)
    {
        while (true)
        {
            var bucket = BucketOf(seller, operation);
            var lease = await bucket.Limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            if (lease.IsAcquired)
            {
                return lease;
            }

            lease.Dispose();
            if (!ReferenceEquals(bucket, BucketOf(seller, operation)))
            {
                continue; // the bucket was replaced by a rate adjustment while this call waited: wait in the new one
            }

            return null;
        }
    }

    /// <summary>Gets the rate an operation is held to now.</summary>
    public SellingPartnerRateLimit RateOf(string seller, string operation) => BucketOf(seller, operation).Plan;

    /// <summary>Takes the rate Amazon says it applies; the bucket keeps its burst and no more tokens than it has.</summary>
    public void Adjust(string seller, string operation, double requestsPerSecond)
    {
        if (!(requestsPerSecond > 0) || double.IsInfinity(requestsPerSecond))
        {
            return;
        }

        lock (_gate)
        {
            var old = BucketOf(seller, operation);
            if (Math.Abs(old.Plan.RequestsPerSecond - requestsPerSecond) <= old.Plan.RequestsPerSecond * 0.01)
            {
                return;
            }

            var plan = old.Plan with { RequestsPerSecond = requestsPerSecond };
            var available = (int)(old.Limiter.GetStatistics()?.CurrentAvailablePermits ?? 0);
            var replacement = Create(plan, available);
            _buckets[(seller, operation)] = replacement;
            old.Dispose(); // its waiters get a failed lease and wait again in the replacement
            ClientLog.RateAdjusted(logger, operation, Show(old.Plan.RequestsPerSecond), Show(requestsPerSecond));
        }
    }

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values)
        {
            bucket.Dispose();
        }
    }

    internal static string Show(double rate) => rate.ToString("0.####", CultureInfo.InvariantCulture);

    private Bucket BucketOf(string seller, string operation) =>
        _buckets.TryGetValue((seller, operation), out var bucket)
            ? bucket
            : _buckets.GetOrAdd((seller, operation), key => Create(options.RateLimitOf(key.Operation), available: null));

    private Bucket Create(SellingPartnerRateLimit plan, int? available)
    {
        var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = plan.Burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = plan.Interval,
            AutoReplenishment = false,
            QueueLimit = options.MaxQueuedCalls,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        if (available is { } keep && keep < plan.Burst)
        {
            using var drained = limiter.AttemptAcquire(plan.Burst - keep);
        }

        var timer = time.CreateTimer(static state => ((TokenBucketRateLimiter)state!).TryReplenish(), limiter, plan.Interval, plan.Interval);
        return new Bucket(plan, limiter, timer);
    }

    private sealed record Bucket(SellingPartnerRateLimit Plan, TokenBucketRateLimiter Limiter, ITimer Timer) : IDisposable
    {
        public void Dispose()
        {
            Timer.Dispose();
            Limiter.Dispose();
        }
    }
}
