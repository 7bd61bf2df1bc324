using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using Xunit;

namespace AmazonFulfillment.Verification.Conformance;

/// <summary>
/// The contract of <see cref="IAmazonOrdersPort"/>, as xunit tests: derive from this class in your test project and
/// implement the hooks (against a sandbox or a fake of your client). Checks: the lines of a known order,
/// confirmation idempotent per (order, package reference id), cancellation idempotent per order, that every
/// member honours a cancelled token, and, when the port also implements <see cref="IAmazonPackagesPort"/>, that it reads back
/// exactly the packages Amazon holds.
/// </summary>
public abstract class AmazonOrdersPortConformanceTests
{
    /// <summary>Creates the port under test (a fresh one for each test).</summary>
    /// <returns>The port.</returns>
    protected abstract Task<IAmazonOrdersPort> CreatePortAsync();

    /// <summary>Arranges an order Amazon knows, with these lines, so that <c>getOrderItems</c> answers them.</summary>
    /// <param name="port">The port from <see cref="CreatePortAsync"/>.</param>
    /// <param name="amazonOrderId">The order id to use.</param>
    /// <param name="items">Its lines.</param>
    /// <returns>A task.</returns>
    protected abstract Task ArrangeOrderAsync(IAmazonOrdersPort port, AmazonOrderId amazonOrderId, ImmutableArray<AmazonOrderItem> items);

    /// <summary>Counts the distinct packages Amazon holds for an order (as Seller Central would show them).</summary>
    /// <param name="port">The port.</param>
    /// <param name="amazonOrderId">The order.</param>
    /// <returns>The count.</returns>
    protected abstract Task<int> CountConfirmedPackagesAsync(IAmazonOrdersPort port, AmazonOrderId amazonOrderId);

    /// <summary>Gets whether Amazon holds a cancellation of the order.</summary>
    /// <param name="port">The port.</param>
    /// <param name="amazonOrderId">The order.</param>
    /// <returns>The number of cancellations Amazon holds for it (0 or 1 for a conforming port).</returns>
    protected abstract Task<int> CountCancellationsAsync(IAmazonOrdersPort port, AmazonOrderId amazonOrderId);

    /// <summary>Creates an order id no other test uses.</summary>
    /// <returns>The id.</returns>
    protected virtual AmazonOrderId NewOrderId() => TestIds.NewOrderId();

    /// <summary>Checks that a known order's lines come back.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task GetOrderItems_KnownOrder_ReturnsItsLines()
    {
        var port = await CreatePortAsync().ConfigureAwait(false);
        var id = NewOrderId();
        var items = TestIds.Lines();
        await ArrangeOrderAsync(port, id, items).ConfigureAwait(false);

        var result = await port.GetOrderItemsAsync(id).ConfigureAwait(false);

        Assert.True(result.IsSuccess, $"getOrderItems failed: {result.Status} {result.Reason}");
        Assert.Equal(items.Select(i => (i.OrderItemId, i.Sku, i.QuantityOrdered)).OrderBy(x => x.OrderItemId.Value), result.Value.Select(i => (i.OrderItemId, i.Sku, i.QuantityOrdered)).OrderBy(x => x.OrderItemId.Value));
    }

    /// <summary>Checks that confirming the same package twice leaves one package on Amazon.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task ConfirmShipment_SamePackageTwice_OnePackage()
    {
        var port = await CreatePortAsync().ConfigureAwait(false);
        var id = NewOrderId();
        var items = TestIds.Lines();
        await ArrangeOrderAsync(port, id, items).ConfigureAwait(false);
        var package = TestIds.Package(id, 1, items[0].OrderItemId);

        var first = await port.ConfirmShipmentAsync(package, TestIds.Marketplace).ConfigureAwait(false);
        var second = await port.ConfirmShipmentAsync(package, TestIds.Marketplace).ConfigureAwait(false);

        Assert.True(first.IsSuccess, $"first confirmation failed: {first.Reason}");
        Assert.True(second.IsSuccess, $"a repeated confirmation must succeed (idempotent): {second.Reason}");
        Assert.Equal(1, await CountConfirmedPackagesAsync(port, id).ConfigureAwait(false));
    }

    /// <summary>Checks that two packages with different reference ids are two packages.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task ConfirmShipment_TwoPackageReferenceIds_TwoPackages()
    {
        var port = await CreatePortAsync().ConfigureAwait(false);
        var id = NewOrderId();
        var items = TestIds.Lines();
        await ArrangeOrderAsync(port, id, items).ConfigureAwait(false);

        Assert.True((await port.ConfirmShipmentAsync(TestIds.Package(id, 1, items[0].OrderItemId), TestIds.Marketplace).ConfigureAwait(false)).IsSuccess);
        Assert.True((await port.ConfirmShipmentAsync(TestIds.Package(id, 2, items[1].OrderItemId), TestIds.Marketplace).ConfigureAwait(false)).IsSuccess);

        Assert.Equal(2, await CountConfirmedPackagesAsync(port, id).ConfigureAwait(false));
    }

    /// <summary>
    /// Checks that a port implementing <see cref="IAmazonPackagesPort"/> reads back exactly the packages confirmed (none before, each
    /// once after, the same package confirmed twice listed once), as Amazon spells their reference ids. Passes for a port without it.
    /// </summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task GetConfirmedPackages_ListsExactlyThePackagesConfirmed()
    {
        var port = await CreatePortAsync().ConfigureAwait(false);
        if (port is not IAmazonPackagesPort packages)
        {
            return;
        }

        var id = NewOrderId();
        var items = TestIds.Lines();
        await ArrangeOrderAsync(port, id, items).ConfigureAwait(false);
        var before = await packages.GetConfirmedPackagesAsync(id).ConfigureAwait(false);
        Assert.True(before.IsSuccess, $"reading the packages of an order without any failed: {before.Status} {before.Reason}");
        Assert.Empty(before.Value);

        Assert.True((await port.ConfirmShipmentAsync(TestIds.Package(id, 1, items[0].OrderItemId), TestIds.Marketplace).ConfigureAwait(false)).IsSuccess);
        Assert.True((await port.ConfirmShipmentAsync(TestIds.Package(id, 1, items[0].OrderItemId), TestIds.Marketplace).ConfigureAwait(false)).IsSuccess);
        Assert.True((await port.ConfirmShipmentAsync(TestIds.Package(id, 2, items[1].OrderItemId), TestIds.Marketplace).ConfigureAwait(false)).IsSuccess);
        var after = await packages.GetConfirmedPackagesAsync(id).ConfigureAwait(false);

        Assert.True(after.IsSuccess, $"reading the packages failed: {after.Status} {after.Reason}");
        Assert.Equal(["1", "2"], after.Value.Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>Checks that cancelling twice succeeds and leaves one cancellation.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task CancelOrder_Twice_SucceedsWithOneCancellation()
    {
        var port = await CreatePortAsync().ConfigureAwait(false);
        var id = NewOrderId();
        await ArrangeOrderAsync(port, id, TestIds.Lines()).ConfigureAwait(false);

        Assert.True((await port.CancelOrderAsync(id, "NoInventory").ConfigureAwait(false)).IsSuccess);
        Assert.True((await port.CancelOrderAsync(id, "NoInventory").ConfigureAwait(false)).IsSuccess);

        Assert.Equal(1, await CountCancellationsAsync(port, id).ConfigureAwait(false));
    }

    /// <summary>Checks that every member honours a cancelled token.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task EveryMember_CancelledToken_ThrowsOrReturnsPromptly()
    {
        var port = await CreatePortAsync().ConfigureAwait(false);
        var id = NewOrderId();
        var items = TestIds.Lines();
        await ArrangeOrderAsync(port, id, items).ConfigureAwait(false);

        await Cancellation.HonouredAsync(async ct => await port.GetOrderItemsAsync(id, ct).ConfigureAwait(false)).ConfigureAwait(false);
        await Cancellation.HonouredAsync(async ct => await port.ConfirmShipmentAsync(TestIds.Package(id, 1, items[0].OrderItemId), TestIds.Marketplace, ct).ConfigureAwait(false)).ConfigureAwait(false);
        await Cancellation.HonouredAsync(async ct => await port.CancelOrderAsync(id, "NoInventory", ct).ConfigureAwait(false)).ConfigureAwait(false);
        if (port is IAmazonPackagesPort packages)
        {
            await Cancellation.HonouredAsync(async ct => await packages.GetConfirmedPackagesAsync(id, ct).ConfigureAwait(false)).ConfigureAwait(false);
        }
    }
}
