using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Ports;

/// <summary>A tracked order and the version it was stored at.</summary>
/// <param name="Order">The order.</param>
/// <param name="Version">The version, at least 1; each save increments it.</param>
public sealed record StoredOrder(FulfillmentOrder Order, long Version);

/// <summary>
/// Persistence for tracked orders with optimistic concurrency. Implemented by the host (an in-memory
/// default ships with the library). Infrastructure failures are exceptions; the runtime retries them.
/// </summary>
public interface IOrderStore
{
    /// <summary>Loads an order.</summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored order, or <see langword="null"/> when it is not tracked.</returns>
    ValueTask<StoredOrder?> LoadAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves an order if it is still at <paramref name="expectedVersion"/> (0 when it must not exist yet).
    /// A stale save changes nothing and returns <see langword="null"/>.
    /// </summary>
    /// <param name="order">The order.</param>
    /// <param name="expectedVersion">The version it was loaded at, or 0 for a new order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new version, or <see langword="null"/> on a version conflict.</returns>
    ValueTask<long?> SaveAsync(FulfillmentOrder order, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Lists the orders with unfinished work: a non-empty outbox, or a blocked import.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Their ids, nearest <see cref="FulfillmentOrder.ShipByDeadline"/> first (orders without one last), ties by order id:
    /// the sweep runs them in this order, so that Amazon-bound work of the orders nearest their deadline runs first.</returns>
    ValueTask<IReadOnlyList<AmazonOrderId>> ListUnfinishedAsync(CancellationToken cancellationToken = default);
}
