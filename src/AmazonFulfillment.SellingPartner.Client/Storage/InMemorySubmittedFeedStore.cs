using AmazonFulfillment.Domain;

namespace AmazonFulfillment.SellingPartner.Client;

/// <summary>
/// Submitted cancellation feeds in this process's memory: what the Amazon port falls back to when the order store does not
/// keep them. Shared by the ports of one process only, and gone at exit; a store that survives restarts (PostgreSQL, EF Core)
/// lets a new process read the report of a feed submitted by the previous one. Thread-safe.
/// </summary>
public sealed class InMemorySubmittedFeedStore : ISubmittedFeedStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SubmittedFeed> _feeds = new(StringComparer.Ordinal);

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="feed"/> is null.</exception>
    /// <exception cref="ArgumentException">The feed has no seller, no feed id or no orders.</exception>
    public ValueTask SaveSubmittedFeedAsync(SubmittedFeed feed, CancellationToken cancellationToken = default)
    {
        SubmittedFeed.ThrowIfInvalid(feed);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _feeds[feed.FeedId] = feed;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="sellerId"/> is blank.</exception>
    public ValueTask<SubmittedFeed?> FindSubmittedFeedAsync(string sellerId, AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sellerId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var feed = _feeds.Values
                .Where(f => f.SellerId == sellerId && f.Orders.Any(o => o.AmazonOrderId == amazonOrderId))
                .OrderByDescending(f => f.SubmittedAt)
                .FirstOrDefault();
            return ValueTask.FromResult(feed);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="feedId"/> is blank.</exception>
    public ValueTask ForgetSubmittedOrderAsync(string feedId, AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feedId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_feeds.TryGetValue(feedId, out var feed))
            {
                var left = feed.Orders.RemoveAll(o => o.AmazonOrderId == amazonOrderId);
                if (left.IsEmpty)
                {
                    _feeds.Remove(feedId);
                }
                else
                {
                    _feeds[feedId] = feed with { Orders = left };
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="feedId"/> is blank.</exception>
    public ValueTask ForgetSubmittedFeedAsync(string feedId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feedId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _feeds.Remove(feedId);
        }

        return ValueTask.CompletedTask;
    }
}
