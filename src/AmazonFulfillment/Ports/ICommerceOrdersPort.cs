using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Ports;

/// <summary>
/// The Commerce backend's orders. Implemented by the host. Every call is keyed by the Amazon order id,
/// and creation is idempotent on it.
/// </summary>
public interface ICommerceOrdersPort
{
    /// <summary>
    /// Creates the Commerce order for an Amazon order, or returns the existing one when an order for that
    /// Amazon order id exists already (so a retry after a lost response never creates a second order).
    /// Refuses with <see cref="PortStatus.Rejected"/> and a reason when a SKU is unknown, a product is disabled,
    /// or managed stock is out when <see cref="CommerceOrderRequest.RequireStock"/> is set.
    /// </summary>
    /// <param name="request">What to create.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The Commerce order, or a failure.</returns>
    ValueTask<PortResult<CommerceOrderRef>> CreateOrderAsync(CommerceOrderRequest request, CancellationToken cancellationToken = default);

    /// <summary>Marks the Commerce order of an Amazon order <c>complete</c>. Idempotent.</summary>
    /// <param name="amazonOrderId">The Amazon order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Success, or a failure.</returns>
    ValueTask<PortResult> CompleteOrderAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the Commerce order of an Amazon order <c>processing</c>: Amazon reports some items shipped outside Commerce (from
    /// Seller Central) while others remain, as if Commerce had shipped them. Idempotent.
    /// </summary>
    /// <param name="amazonOrderId">The Amazon order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Success, or a failure.</returns>
    ValueTask<PortResult> MarkOrderProcessingAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default);

    /// <summary>Cancels the Commerce order of an Amazon order. Idempotent; succeeds when no such order exists.</summary>
    /// <param name="amazonOrderId">The Amazon order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Success, or a failure.</returns>
    ValueTask<PortResult> CancelOrderAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default);
}
