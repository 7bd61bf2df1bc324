namespace AmazonFulfillment.SellingPartner.Client;

/// <summary>
/// Poller leases in this process's memory, timed by a <see cref="TimeProvider"/>: enough for several pollers in one process,
/// and what the poller falls back to when the order store keeps no leases. Pollers on other hosts do not see it; for them,
/// use a store shared by the hosts (PostgreSQL, or EF Core on PostgreSQL). Thread-safe.
/// </summary>
public sealed class InMemoryPollerLeaseStore : IPollerLeaseStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Owner, DateTimeOffset Until)> _leases = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates an empty lease store.</summary>
    /// <param name="time">The clock that decides expiry; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public InMemoryPollerLeaseStore(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="owner"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is not positive.</exception>
    public ValueTask<bool> TryAcquireLeaseAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        Check(name, owner, duration);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_leases.TryGetValue(name, out var held) && held.Owner != owner && held.Until > now)
            {
                return ValueTask.FromResult(false);
            }

            _leases[name] = (owner, now + duration);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="owner"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is not positive.</exception>
    public ValueTask<bool> RenewLeaseAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        Check(name, owner, duration);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (!_leases.TryGetValue(name, out var held) || held.Owner != owner || held.Until <= now)
            {
                return ValueTask.FromResult(false);
            }

            _leases[name] = (owner, now + duration);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="owner"/> is blank.</exception>
    public ValueTask ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_leases.TryGetValue(name, out var held) && held.Owner == owner)
            {
                _leases.Remove(name);
            }
        }

        return ValueTask.CompletedTask;
    }

    private static void Check(string name, string owner, TimeSpan duration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
    }
}
