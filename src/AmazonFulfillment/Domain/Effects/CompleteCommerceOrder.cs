using System.Text.Json.Serialization;

namespace AmazonFulfillment.Domain;

/// <summary>Mark the Commerce order <c>complete</c>.</summary>
/// <param name="AmazonOrderId">The order.</param>
public sealed record CompleteCommerceOrder(AmazonOrderId AmazonOrderId) : OrderEffect(AmazonOrderId)
{
    /// <inheritdoc />
    public override string IdempotencyKey => AmazonOrderId.Value + ":complete";
}
