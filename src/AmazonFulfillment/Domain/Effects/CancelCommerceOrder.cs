using System.Text.Json.Serialization;

namespace AmazonFulfillment.Domain;

/// <summary>Cancel the Commerce order, if one exists.</summary>
/// <param name="AmazonOrderId">The order.</param>
public sealed record CancelCommerceOrder(AmazonOrderId AmazonOrderId) : OrderEffect(AmazonOrderId)
{
    /// <inheritdoc />
    public override string IdempotencyKey => AmazonOrderId.Value + ":cancel-commerce";
}
