using System.Text.Json.Serialization;

namespace AmazonFulfillment.Domain;

/// <summary>Mark the Commerce order <c>processing</c>: Amazon reports items shipped outside Commerce (Seller Central) and some remain.</summary>
/// <param name="AmazonOrderId">The order.</param>
public sealed record MarkCommerceOrderProcessing(AmazonOrderId AmazonOrderId) : OrderEffect(AmazonOrderId)
{
    /// <inheritdoc />
    public override string IdempotencyKey => AmazonOrderId.Value + ":processing";
}
