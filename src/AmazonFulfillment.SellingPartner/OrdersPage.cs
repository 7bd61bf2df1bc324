using System.Collections.Immutable;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.SellingPartner;

/// <summary>
/// One page of an order search: Orders v0 <c>getOrders</c> or 2026-01-01 <c>searchOrders</c>. The snapshots
/// carry no items (<see cref="AmazonOrderSnapshot.Items"/> is <see langword="null"/>) unless the 2026-01-01
/// response included them.
/// </summary>
/// <param name="Orders">The orders on this page, in Amazon's order.</param>
/// <param name="NextToken">
/// The token for the next page, or <see langword="null"/> on the last page. Pass it back as <c>NextToken</c>
/// (v0) or <c>paginationToken</c> (2026-01-01).
/// </param>
/// <param name="LastUpdatedBefore">Amazon's echo of the <c>LastUpdatedBefore</c> bound of the search, when present.</param>
/// <param name="CreatedBefore">Amazon's echo of the <c>CreatedBefore</c> bound of the search, when present.</param>
public sealed record OrdersPage(
    ImmutableArray<AmazonOrderSnapshot> Orders,
    string? NextToken,
    DateTimeOffset? LastUpdatedBefore,
    DateTimeOffset? CreatedBefore)
{
    /// <summary>Gets whether another page follows (a <see cref="NextToken"/> is present).</summary>
    public bool HasMorePages => NextToken is not null;
}
