namespace AmazonFulfillment.Testing;

/// <summary>
/// A clock that never sleeps: a timer due in <c>d</c> advances the clock by <c>d</c> and fires at once, so
/// backoff delays pass instantly and deterministically. The clock never goes back. Thread-safe.
/// </summary>
public sealed class VirtualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now;

    /// <summary>Creates the clock.</summary>
    /// <param name="start">The starting time (UTC).</param>
    public VirtualTimeProvider(DateTimeOffset start) => _now = start.ToUniversalTime();

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <summary>Moves the clock to a time; an earlier time leaves it where it is.</summary>
    /// <param name="time">The time.</param>
    public void AdvanceTo(DateTimeOffset time)
    {
        lock (_gate)
        {
            if (time > _now)
            {
                _now = time.ToUniversalTime();
            }
        }
    }

    /// <summary>Moves the clock forward.</summary>
    /// <param name="delta">How far, zero or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative.</exception>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (_gate)
        {
            _now += delta;
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class VirtualTimer(VirtualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private int _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (Volatile.Read(ref _disposed) != 0 || dueTime == Timeout.InfiniteTimeSpan)
            {
                return Volatile.Read(ref _disposed) == 0;
            }

            clock.Advance(dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                if (Volatile.Read(ref _disposed) == 0)
                {
                    callback(state);
                }
            }, null);
            return true;
        }

        public void Dispose() => Interlocked.Exchange(ref _disposed, 1);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
