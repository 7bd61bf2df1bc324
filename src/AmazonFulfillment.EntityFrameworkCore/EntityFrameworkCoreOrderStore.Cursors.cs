using AmazonFulfillment.Ports;
using Microsoft.EntityFrameworkCore;

namespace AmazonFulfillment.EntityFrameworkCore;

public partial class EntityFrameworkCoreOrderStore<TContext>
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public async ValueTask<PollingCursor?> LoadCursorAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = _rent();
        var row = await lease.Context.Set<AmazonFulfillmentCursorRecord>().AsNoTracking()
            .FirstOrDefaultAsync(c => c.Name == name, cancellationToken).ConfigureAwait(false);
        return row is null ? null : new PollingCursor(row.Watermark, row.WindowStart, row.WindowEnd, row.PageToken, row.SavedAt);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="cursor"/> is null.</exception>
    public async ValueTask SaveCursorAsync(string name, PollingCursor cursor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(cursor);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var watermark = cursor.Watermark?.ToUniversalTime();
        var windowStart = cursor.WindowStart?.ToUniversalTime();
        var windowEnd = cursor.WindowEnd?.ToUniversalTime();
        var pageToken = cursor.PageToken;
        var savedAt = cursor.SavedAt.ToUniversalTime();
        for (var attempt = 1; ; attempt++)
        {
            await using var lease = _rent();
            var rows = await lease.Context.Set<AmazonFulfillmentCursorRecord>()
                .Where(c => c.Name == name)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(c => c.Watermark, watermark)
                        .SetProperty(c => c.WindowStart, windowStart)
                        .SetProperty(c => c.WindowEnd, windowEnd)
                        .SetProperty(c => c.PageToken, pageToken)
                        .SetProperty(c => c.SavedAt, savedAt),
                    cancellationToken).ConfigureAwait(false);
            if (rows > 0)
            {
                return;
            }

            lease.Context.Set<AmazonFulfillmentCursorRecord>().Add(new AmazonFulfillmentCursorRecord
            {
                Name = name,
                Watermark = watermark,
                WindowStart = windowStart,
                WindowEnd = windowEnd,
                PageToken = pageToken,
                SavedAt = savedAt,
            });
            try
            {
                await lease.Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another saver inserted the cursor first: update it instead.
            }
        }
    }
}
