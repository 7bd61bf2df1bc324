using System.Text.Json.Serialization;

namespace AmazonFulfillment.Domain;

/// <summary>Ask Amazon to cancel the order with a reason.</summary>
/// <param name="AmazonOrderId">The order.</param>
/// <param name="Reason">The cancellation reason, such as <c>NoInventory</c>.</param>
public sealed record CancelOnAmazon(AmazonOrderId AmazonOrderId, string Reason) : OrderEffect(AmazonOrderId)
{
    /// <inheritdoc />
    public override string IdempotencyKey => AmazonOrderId.Value + ":cancel-amazon";

    /// <inheritdoc />
    public override bool ChangesAmazon => true;
}
