using System.Collections.Immutable;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.SellingPartner;

/// <summary>One order carried by a submitted cancellation feed.</summary>
/// <param name="AmazonOrderId">The order.</param>
/// <param name="MessageId">The number of the order's message in the feed; the processing report answers by it.</param>
/// <param name="Reason">The cancel reason sent.</param>
public sealed record SubmittedFeedOrder(AmazonOrderId AmazonOrderId, int MessageId, string Reason);

/// <summary>A cancellation feed submitted to Amazon whose processing report is still to be read for some of its orders.</summary>
/// <param name="SellerId">The seller whose feed it is.</param>
/// <param name="FeedId">Amazon's feed id.</param>
/// <param name="Orders">The orders in it whose outcome is still to be answered.</param>
/// <param name="SubmittedAt">When it was submitted.</param>
public sealed record SubmittedFeed(string SellerId, string FeedId, ImmutableArray<SubmittedFeedOrder> Orders, DateTimeOffset SubmittedAt)
{
    /// <summary>Lists every problem with the feed; empty when a store may keep it.</summary>
    /// <returns>One sentence per problem, each naming its field.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(SellerId))
        {
            problems.Add($"{nameof(SellerId)} is required.");
        }

        if (string.IsNullOrWhiteSpace(FeedId))
        {
            problems.Add($"{nameof(FeedId)} is required.");
        }

        if (Orders.IsDefaultOrEmpty)
        {
            problems.Add($"{nameof(Orders)} must list at least one order.");
            return problems;
        }

        foreach (var order in Orders)
        {
            if (order is null || string.IsNullOrEmpty(order.AmazonOrderId.Value) || string.IsNullOrWhiteSpace(order.Reason) || order.MessageId < 1)
            {
                problems.Add($"{nameof(Orders)} must hold orders with an id, a message id of at least 1 and a reason.");
                break;
            }
        }

        if (Orders.Where(o => o is not null).Select(o => o.AmazonOrderId).Distinct().Count() != Orders.Length)
        {
            problems.Add($"{nameof(Orders)} must list each order once.");
        }

        return problems;
    }

    /// <summary>Throws when the feed has a problem (see <see cref="Validate"/>).</summary>
    /// <param name="feed">The feed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="feed"/> is null.</exception>
    /// <exception cref="ArgumentException">The feed has a problem; the message lists every one.</exception>
    public static void ThrowIfInvalid(SubmittedFeed feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        Problems.ThrowIfAny(feed.Validate(), "submitted feed", nameof(feed), ProblemCodes.InputInvalidValue);
    }
}

/// <summary>
/// Optional capability of an order store: keeps the cancellation feeds a process submitted, so that after a restart (or on
/// another host) the Amazon port reads the processing report of a feed submitted before, and never submits a second
/// cancellation for an order whose feed is still processing. An order is kept from its feed's submission until its outcome
/// was answered (accepted or refused), or until its feed ended without a report.
/// </summary>
public interface ISubmittedFeedStore
{
    /// <summary>Keeps a submitted feed and its orders.</summary>
    /// <param name="feed">The feed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the feed is kept.</returns>
    ValueTask SaveSubmittedFeedAsync(SubmittedFeed feed, CancellationToken cancellationToken = default);

    /// <summary>Finds the feed that carries an order, with every order of that feed still kept.</summary>
    /// <param name="sellerId">The seller.</param>
    /// <param name="amazonOrderId">The order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The feed (the latest submitted, should there be several), or <see langword="null"/> when none carries the order.</returns>
    ValueTask<SubmittedFeed?> FindSubmittedFeedAsync(string sellerId, AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default);

    /// <summary>Forgets one order of a feed (its outcome was answered); a feed without orders left is forgotten.</summary>
    /// <param name="feedId">The feed.</param>
    /// <param name="amazonOrderId">The order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the order is forgotten.</returns>
    ValueTask ForgetSubmittedOrderAsync(string feedId, AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default);

    /// <summary>Forgets a feed and all its orders (it ended without a report; its orders are sent again).</summary>
    /// <param name="feedId">The feed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the feed is forgotten.</returns>
    ValueTask ForgetSubmittedFeedAsync(string feedId, CancellationToken cancellationToken = default);
}
