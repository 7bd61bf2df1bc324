using System.Collections.Immutable;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Ports;

/// <summary>
/// Amazon, as the runtime needs it (SP-API Orders). Implemented by the host. Expected outcomes (throttled,
/// transient, rejected) are <see cref="PortResult"/> values; exceptions are for bugs and misuse.
/// </summary>
public interface IAmazonOrdersPort
{
    /// <summary>Gets the order's lines (<c>getOrderItems</c>, all pages).</summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The lines, or a failure.</returns>
    ValueTask<PortResult<ImmutableArray<AmazonOrderItem>>> GetOrderItemsAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Confirms a package (<c>confirmShipment</c>). Idempotent per (order, package reference id): confirming
    /// the same package again must not create a second one on Amazon.
    /// </summary>
    /// <param name="package">The package.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Success, or a failure.</returns>
    ValueTask<PortResult> ConfirmShipmentAsync(ShipmentPackage package, CancellationToken cancellationToken = default);

    /// <summary>Asks Amazon to cancel the order with a reason. Idempotent per order.</summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <param name="reason">The cancellation reason, such as <c>NoInventory</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Success, or a failure.</returns>
    ValueTask<PortResult> CancelOrderAsync(AmazonOrderId amazonOrderId, string reason, CancellationToken cancellationToken = default);
}
