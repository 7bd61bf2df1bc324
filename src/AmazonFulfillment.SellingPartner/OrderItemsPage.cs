using System.Collections.Immutable;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.SellingPartner;

/// <summary>One page of an Orders v0 <c>getOrderItems</c> response.</summary>
/// <param name="AmazonOrderId">The order the items belong to.</param>
/// <param name="Items">The items on this page.</param>
/// <param name="NextToken">The token for the next page, or <see langword="null"/> on the last page.</param>
public sealed record OrderItemsPage(AmazonOrderId AmazonOrderId, ImmutableArray<AmazonOrderItem> Items, string? NextToken)
{
    /// <summary>Gets whether another page follows (a <see cref="NextToken"/> is present).</summary>
    public bool HasMorePages => NextToken is not null;
}
