using AmazonFulfillment.Domain;
using AmazonFulfillment.SellingPartner;
using Microsoft.EntityFrameworkCore;

namespace AmazonFulfillment.EntityFrameworkCore;

public partial class EntityFrameworkCoreOrderStore<TContext>
{
    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="feed"/> is null.</exception>
    /// <exception cref="ArgumentException">The feed has no seller, no feed id or no orders.</exception>
    public async ValueTask SaveSubmittedFeedAsync(SubmittedFeed feed, CancellationToken cancellationToken = default)
    {
        SubmittedFeed.ThrowIfInvalid(feed);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var feedId = feed.FeedId;
        await using var lease = _rent();
        var context = lease.Context;
        var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            // Saved again (a retry after a failure): the feed's rows are replaced, never doubled.
            await context.Set<AmazonFulfillmentFeedOrderRecord>().Where(f => f.FeedId == feedId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            context.Set<AmazonFulfillmentFeedOrderRecord>().AddRange(feed.Orders.Select(o => new AmazonFulfillmentFeedOrderRecord
            {
                FeedId = feedId,
                AmazonOrderId = o.AmazonOrderId.Value,
                SellerId = feed.SellerId,
                MessageId = o.MessageId,
                Reason = o.Reason,
                SubmittedAt = feed.SubmittedAt.ToUniversalTime(),
            }));
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="sellerId"/> is blank.</exception>
    public async ValueTask<SubmittedFeed?> FindSubmittedFeedAsync(string sellerId, AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sellerId);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var id = amazonOrderId.Value;
        await using var lease = _rent();
        var rows = lease.Context.Set<AmazonFulfillmentFeedOrderRecord>().AsNoTracking();

        // The latest feed is picked here, not by the database: SQLite cannot order by a DateTimeOffset.
        var feeds = await rows.Where(f => f.SellerId == sellerId && f.AmazonOrderId == id)
            .Select(f => new { f.FeedId, f.SubmittedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (feeds.Count == 0)
        {
            return null;
        }

        var latest = feeds.OrderByDescending(f => f.SubmittedAt).ThenByDescending(f => f.FeedId, StringComparer.Ordinal).First();
        var orders = await rows.Where(f => f.FeedId == latest.FeedId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new SubmittedFeed(
            sellerId,
            latest.FeedId,
            [.. orders.OrderBy(o => o.MessageId).Select(o => new SubmittedFeedOrder(AmazonOrderId.Parse(o.AmazonOrderId), o.MessageId, o.Reason))],
            latest.SubmittedAt.ToUniversalTime());
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="feedId"/> is blank.</exception>
    public async ValueTask ForgetSubmittedOrderAsync(string feedId, AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feedId);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var id = amazonOrderId.Value;
        await using var lease = _rent();
        await lease.Context.Set<AmazonFulfillmentFeedOrderRecord>()
            .Where(f => f.FeedId == feedId && f.AmazonOrderId == id)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="feedId"/> is blank.</exception>
    public async ValueTask ForgetSubmittedFeedAsync(string feedId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feedId);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = _rent();
        await lease.Context.Set<AmazonFulfillmentFeedOrderRecord>().Where(f => f.FeedId == feedId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
