using Microsoft.EntityFrameworkCore;

namespace AmazonFulfillment.EntityFrameworkCore;

public partial class EntityFrameworkCoreOrderStore<TContext>
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="owner"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is not positive.</exception>
    public async ValueTask<bool> TryAcquireLeaseAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        CheckLease(name, owner, duration);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await TakeLeaseAsync(name, owner, duration, renewOnly: false, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="owner"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is not positive.</exception>
    public async ValueTask<bool> RenewLeaseAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        CheckLease(name, owner, duration);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await TakeLeaseAsync(name, owner, duration, renewOnly: true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="owner"/> is blank.</exception>
    public async ValueTask ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = _rent();
        await lease.Context.Set<AmazonFulfillmentLeaseRecord>()
            .Where(l => l.Name == name && l.Owner == owner)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes (or, with <paramref name="renewOnly"/>, only renews) a lease: the row is read, the decision made on the store's clock, and
    /// the row changed only while it still is as read (a conditional update), so two takers never both win. The PostgreSQL store
    /// overrides it to let the database's clock decide.
    /// </summary>
    private protected virtual async Task<bool> TakeLeaseAsync(string name, string owner, TimeSpan duration, bool renewOnly, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var now = _time.GetUtcNow().ToUniversalTime();
            var until = now + duration;
            await using var lease = _rent();
            var leases = lease.Context.Set<AmazonFulfillmentLeaseRecord>();
            var row = await leases.AsNoTracking().FirstOrDefaultAsync(l => l.Name == name, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                if (renewOnly)
                {
                    return false;
                }

                leases.Add(new AmazonFulfillmentLeaseRecord { Name = name, Owner = owner, ExpiresAt = until });
                try
                {
                    await lease.Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    return true;
                }
                catch (DbUpdateException)
                {
                    continue; // another taker inserted it first: read it again
                }
            }

            var expired = row.ExpiresAt <= now;
            if (renewOnly ? row.Owner != owner || expired : row.Owner != owner && !expired)
            {
                return false;
            }

            var (heldBy, heldUntil) = (row.Owner, row.ExpiresAt);
            var rows = await leases
                .Where(l => l.Name == name && l.Owner == heldBy && l.ExpiresAt == heldUntil)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, owner).SetProperty(l => l.ExpiresAt, until), cancellationToken).ConfigureAwait(false);
            if (rows == 1)
            {
                return true;
            }
        }

        return false; // changed under us every time: someone else is taking it
    }

    private static void CheckLease(string name, string owner, TimeSpan duration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
    }
}
