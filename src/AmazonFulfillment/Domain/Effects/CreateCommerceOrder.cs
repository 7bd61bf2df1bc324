using System.Text.Json.Serialization;

namespace AmazonFulfillment.Domain;

/// <summary>Create the Commerce order (idempotent on the Amazon order id).</summary>
/// <param name="Request">What to create.</param>
public sealed record CreateCommerceOrder(CommerceOrderRequest Request) : OrderEffect(Request.AmazonOrderId)
{
    /// <inheritdoc />
    public override string IdempotencyKey => AmazonOrderId.Value + ":create";

    /// <inheritdoc />
    public override bool Imports => true;
}
