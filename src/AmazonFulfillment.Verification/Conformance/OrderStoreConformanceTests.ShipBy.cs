using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using Xunit;

namespace AmazonFulfillment.Verification.Conformance;

/// <content>Ship-by deadlines: unfinished work listed nearest deadline first, and the orders at risk found through <see cref="IShipByIndex"/>.</content>
public abstract partial class OrderStoreConformanceTests
{
    /// <summary>Checks that ListUnfinished lists the orders nearest their ship-by deadline first, and orders without one after them.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task ListUnfinished_ShipByDeadlines_NearestFirstThenOrdersWithoutOne()
    {
        var store = await CreateStoreAsync().ConfigureAwait(false);
        var deadline = new DateTimeOffset(2026, 1, 5, 23, 59, 59, TimeSpan.Zero);
        var later = NewOrderId();
        var none = NewOrderId();
        var sooner = NewOrderId();
        await store.SaveAsync(SmallOrder(later, withOutbox: true) with { LatestShipDate = deadline.AddDays(1) }, 0).ConfigureAwait(false);
        await store.SaveAsync(SmallOrder(none, withOutbox: true), 0).ConfigureAwait(false);
        await store.SaveAsync(SmallOrder(sooner, withOutbox: true) with { LatestShipDate = deadline }, 0).ConfigureAwait(false);

        var listed = await store.ListUnfinishedAsync().ConfigureAwait(false);

        Assert.Equal([sooner, later, none], listed.Where(id => id == sooner || id == later || id == none));
    }

    /// <summary>Checks that a store with a ship-by index lists the orders still awaiting shipment whose deadline is at or before
    /// the cut-off, nearest first, at most the number asked, and never an order that no longer awaits shipment.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task ListShipBy_OrdersAwaitingShipment_NearestFirstUpToTheCutOff()
    {
        var store = await CreateStoreAsync().ConfigureAwait(false);
        if (store is not IShipByIndex index)
        {
            return; // an optional capability: FulfillmentRuntime.OrdersAtRiskAsync says so when the store lacks it
        }

        // A deadline no other test uses, far in the past, so that rows of other tests sort after these.
        var deadline = new DateTimeOffset(1990, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(Random.Shared.Next(1, 5_000_000));
        var first = NewOrderId();
        var second = NewOrderId();
        var beyond = NewOrderId();
        var shipped = NewOrderId();
        await store.SaveAsync(SmallOrder(second) with { LatestShipDate = deadline.AddHours(2) }, 0).ConfigureAwait(false);
        await store.SaveAsync(SmallOrder(first) with { LatestShipDate = deadline }, 0).ConfigureAwait(false);
        await store.SaveAsync(SmallOrder(beyond) with { LatestShipDate = deadline.AddDays(3) }, 0).ConfigureAwait(false);
        await store.SaveAsync(SmallOrder(shipped, OrderState.Canceled) with { AmazonStatus = AmazonOrderStatus.Canceled, LatestShipDate = deadline }, 0).ConfigureAwait(false);

        var listed = await index.ListShipByAsync(deadline.AddDays(1), 10_000).ConfigureAwait(false);
        var ours = listed.Where(id => id == first || id == second || id == beyond || id == shipped).ToList();

        Assert.Equal([first, second], ours);
        Assert.Single(await index.ListShipByAsync(deadline.AddDays(1), 1).ConfigureAwait(false));
        await Assert.ThrowsAnyAsync<ArgumentOutOfRangeException>(() => index.ListShipByAsync(deadline, 0).AsTask()).ConfigureAwait(false);
    }
}
