using System.Text.Json.Serialization;

namespace AmazonFulfillment.Domain;

/// <summary>Fetch the order's lines from Amazon (<c>getOrderItems</c>), once per status change that needs them.</summary>
/// <param name="AmazonOrderId">The order.</param>
/// <param name="ForStatus">The Amazon status the lines are fetched for.</param>
public sealed record FetchOrderItems(AmazonOrderId AmazonOrderId, AmazonOrderStatus ForStatus) : OrderEffect(AmazonOrderId)
{
    /// <inheritdoc />
    public override string IdempotencyKey => $"{AmazonOrderId.Value}:items:{ForStatus}";
}
