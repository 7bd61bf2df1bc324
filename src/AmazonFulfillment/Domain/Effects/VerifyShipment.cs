namespace AmazonFulfillment.Domain;

/// <summary>
/// Read the order's packages back from Amazon (<see cref="Ports.IAmazonPackagesPort"/>) once <paramref name="DueAt"/> has passed, to find a
/// confirmation Amazon accepted and did not keep. One per order: it checks every confirmed package not yet seen on Amazon.
/// </summary>
/// <param name="AmazonOrderId">The order.</param>
/// <param name="DueAt">When the check is due: the earliest confirmation it checks plus <see cref="OrderSettings.ConfirmationCheckAfter"/>.</param>
public sealed record VerifyShipment(AmazonOrderId AmazonOrderId, DateTimeOffset DueAt) : OrderEffect(AmazonOrderId)
{
    /// <inheritdoc />
    public override string IdempotencyKey => AmazonOrderId.Value + ":verify";

    /// <inheritdoc />
    public override DateTimeOffset? NotBefore => DueAt;
}
