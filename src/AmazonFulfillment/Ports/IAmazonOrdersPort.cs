using System.Collections.Immutable;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Ports;

/// <summary>
/// Amazon, as the runtime needs it (SP-API Orders). Implemented by the host. Expected outcomes (throttled,
/// transient, rejected) are <see cref="PortResult"/> values; exceptions are for bugs and misuse.
/// </summary>
public interface IAmazonOrdersPort
{
    /// <summary>
    /// Gets the order's lines (<c>getOrderItems</c>, all pages). The runtime checks the answer like any untrusted input: a missing
    /// list, a null line or a line id listed twice (pages concatenated twice) is refused and blocks the import with the reason.
    /// </summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The lines, or a failure.</returns>
    ValueTask<PortResult<ImmutableArray<AmazonOrderItem>>> GetOrderItemsAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Confirms a package (<c>confirmShipment</c>). Idempotent per (order, package reference id): confirming
    /// the same package again must not create a second one on Amazon. Every call must reach Amazon: never answer from a cache of
    /// earlier results, since a package Amazon refused is sent again under the same id once the merchant corrects or retries it.
    /// </summary>
    /// <param name="package">The package.</param>
    /// <param name="marketplaceId">The order's marketplace, which confirmShipment's body requires (<see langword="null"/> only when Amazon
    /// never reported it for the order; a port may then look it up or refuse).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Success, or a failure: <see cref="PortStatus.Rejected"/> with Amazon's reason when Amazon refuses the package (the order
    /// then shows the reason and the merchant can correct the package).</returns>
    ValueTask<PortResult> ConfirmShipmentAsync(ShipmentPackage package, MarketplaceId? marketplaceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks Amazon to cancel the order with a reason. Idempotent per order. The Commerce order is cancelled only after this
    /// succeeds; <see cref="PortStatus.Rejected"/> leaves the order open and shippable, with Amazon's reason shown.
    /// </summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <param name="reason">The cancellation reason, such as <c>NoInventory</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Success, or a failure.</returns>
    ValueTask<PortResult> CancelOrderAsync(AmazonOrderId amazonOrderId, string reason, CancellationToken cancellationToken = default);
}
