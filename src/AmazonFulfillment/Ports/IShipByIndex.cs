using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Ports;

/// <summary>
/// Optional capability of an <see cref="IOrderStore"/>: finding the orders whose ship-by deadline is near, without reading every
/// tracked order. A store implements it by keeping <see cref="FulfillmentOrder.ShipByDeadline"/> beside each saved order (a
/// column with an index). <c>FulfillmentRuntime.OrdersAtRiskAsync</c> needs it; the in-memory, PostgreSQL and EF Core stores
/// implement it.
/// </summary>
public interface IShipByIndex
{
    /// <summary>Lists the orders whose <see cref="FulfillmentOrder.ShipByDeadline"/> is at or before <paramref name="deadlineBefore"/>,
    /// nearest deadline first (ties by order id).</summary>
    /// <param name="deadlineBefore">The latest deadline to list.</param>
    /// <param name="max">The most orders to list, at least 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The orders' ids.</returns>
    ValueTask<IReadOnlyList<AmazonOrderId>> ListShipByAsync(DateTimeOffset deadlineBefore, int max, CancellationToken cancellationToken = default);
}
