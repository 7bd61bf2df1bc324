using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using AmazonFulfillment.SellingPartner.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AmazonFulfillment.SellingPartner.Client.Http;

/// <summary>
/// One token bucket per (seller, operation) (<see cref="TimeProviderTokenBucket"/>), seeded with the operation's usage plan
/// and refilled by a timer of the <see cref="TimeProvider"/> (so a manual clock drives it too). A call waits for its token instead of collecting 429s.
/// The rate follows Amazon's <c>x-amzn-RateLimit-Limit</c> header. Thread-safe.
/// </summary>
internal sealed class OperationRateLimiters(SellingPartnerClientOptions options, TimeProvider time, ILogger logger) : IDisposable
{
    private readonly ConcurrentDictionary<(string Seller, string Operation), Bucket> _buckets = new();
    private readonly Lock _gate = new();
    private int _waiting;

    /// <summary>Gets how many calls are waiting for a token now (a manual clock in tests moves on only while some are).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Waits for a token. Answers <see langword="null"/> when the operation's queue is full.</summary>
    public async ValueTask<RateLimitLease?> AcquireAsync(string seller, string operation, CancellationToken cancellationToken)
    {
        while (true)
        {
            var bucket = BucketOf(seller, operation);
            RateLimitLease lease;
            Interlocked.Increment(ref _waiting);
            try
            {
                lease = await bucket.Limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }

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

    /// <summary>Gets a bucket's statistics, for tests.</summary>
    public RateLimiterStatistics? Statistics(string seller, string operation) => BucketOf(seller, operation).Limiter.GetStatistics();

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
            : CreateOnce(seller, operation);

    private Bucket CreateOnce(string seller, string operation)
    {
        lock (_gate)
        {
            // Under the gate, so that callers arriving together share one bucket (GetOrAdd may run its factory twice).
            return _buckets.TryGetValue((seller, operation), out var bucket)
                ? bucket
                : _buckets[(seller, operation)] = Create(options.RateLimitOf(operation), available: null);
        }
    }

    private Bucket Create(SellingPartnerRateLimit plan, int? available) =>
        new(plan, new TimeProviderTokenBucket(time, plan.Burst, plan.Interval, options.MaxQueuedCalls, available));

    private sealed record Bucket(SellingPartnerRateLimit Plan, RateLimiter Limiter) : IDisposable
    {
        public void Dispose() => Limiter.Dispose();
    }
}
