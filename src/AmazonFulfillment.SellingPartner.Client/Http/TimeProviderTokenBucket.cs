using System.Threading.RateLimiting;

namespace AmazonFulfillment.SellingPartner.Client.Http;

/// <summary>
/// A token bucket on the <see cref="RateLimiter"/> abstraction of System.Threading.RateLimiting whose refill is a timer of a
/// <see cref="TimeProvider"/>: one token per interval up to the burst, handed to waiting callers in arrival order. Unlike
/// <see cref="TokenBucketRateLimiter"/>, which measures elapsed time with the system stopwatch, it follows the injected clock,
/// so a manual clock drives it in tests and measurements. Thread-safe.
/// </summary>
internal sealed class TimeProviderTokenBucket : RateLimiter
{
    private static readonly RateLimitLease Acquired = new Lease(true);
    private static readonly RateLimitLease Refused = new Lease(false);

    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter> _queue = new();
    private readonly int _burst;
    private readonly int _queueLimit;
    private readonly ITimer _timer;
    private int _tokens;
    private long _successful;
    private long _failed;
    private bool _disposed;

    public TimeProviderTokenBucket(TimeProvider time, int burst, TimeSpan interval, int queueLimit, int? available = null)
    {
        _burst = burst;
        _queueLimit = queueLimit;
        _tokens = Math.Clamp(available ?? burst, 0, burst);
        _timer = time.CreateTimer(static state => ((TimeProviderTokenBucket)state!).Refill(), this, interval, interval);
    }

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _tokens,
                CurrentQueuedCount = _queue.Count,
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            if (!_disposed && _queue.Count == 0 && _tokens >= permitCount)
            {
                _tokens -= permitCount;
                _successful++;
                return Acquired;
            }

            _failed++;
            return Refused;
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(permitCount, 1);
        Waiter waiter;
        lock (_gate)
        {
            if (!_disposed && _queue.Count == 0 && _tokens >= 1)
            {
                _tokens--;
                _successful++;
                return ValueTask.FromResult(Acquired);
            }

            if (_disposed || _queue.Count >= _queueLimit)
            {
                _failed++;
                return ValueTask.FromResult(Refused);
            }

            waiter = new Waiter();
            waiter.Node = _queue.AddLast(waiter);
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.Register(() =>
            {
                lock (_gate)
                {
                    if (waiter.Node?.List is not null)
                    {
                        _queue.Remove(waiter.Node);
                    }
                }

                waiter.Completion.TrySetCanceled(cancellationToken);
            });
        }

        return new ValueTask<RateLimitLease>(waiter.Completion.Task);
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        List<Waiter> waiting;
        lock (_gate)
        {
            _disposed = true;
            waiting = [.. _queue];
            _queue.Clear();
        }

        _timer.Dispose();
        foreach (var waiter in waiting)
        {
            waiter.Registration.Dispose();
            waiter.Completion.TrySetResult(Refused); // a replaced bucket's waiters wait again in its replacement
        }
    }

    private void Refill()
    {
        Waiter? served = null;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _tokens = Math.Min(_burst, _tokens + 1);
            if (_queue.First is { } first)
            {
                _queue.RemoveFirst();
                _tokens--;
                _successful++;
                served = first.Value;
            }
        }

        if (served is not null)
        {
            served.Registration.Dispose();
            if (!served.Completion.TrySetResult(Acquired))
            {
                lock (_gate)
                {
                    _tokens = Math.Min(_burst, _tokens + 1); // cancelled meanwhile: the token goes back
                }
            }
        }
    }

    private sealed class Waiter
    {
        public TaskCompletionSource<RateLimitLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
