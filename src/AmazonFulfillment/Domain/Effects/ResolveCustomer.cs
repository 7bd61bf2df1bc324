using System.Text.Json.Serialization;

namespace AmazonFulfillment.Domain;

/// <summary>Find the Commerce customer with this email, or create one.</summary>
/// <param name="AmazonOrderId">The order the customer is for.</param>
/// <param name="Email">The buyer's email.</param>
/// <param name="Name">The buyer's name, if known.</param>
public sealed record ResolveCustomer(AmazonOrderId AmazonOrderId, string Email, string? Name) : OrderEffect(AmazonOrderId)
{
    /// <inheritdoc />
    public override string IdempotencyKey => AmazonOrderId.Value + ":customer";

    /// <inheritdoc />
    public override bool Imports => true;

    /// <summary>Returns a description without the buyer's details.</summary>
    /// <returns>A redacted text.</returns>
    public override string ToString() => $"ResolveCustomer {{ AmazonOrderId = {AmazonOrderId}, Email = [redacted] }}";
}
