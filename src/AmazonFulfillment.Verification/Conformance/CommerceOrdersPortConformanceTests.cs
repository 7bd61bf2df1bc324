using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using Xunit;

namespace AmazonFulfillment.Verification.Conformance;

/// <summary>
/// The contract of <see cref="ICommerceOrdersPort"/>, as xunit tests: derive from this class in your test project and
/// implement the hooks. Checks: creation idempotent per Amazon order id (same id twice → the same single order),
/// refusals as <see cref="PortStatus.Rejected"/> for an unknown SKU, a disabled product and managed stock that is out
/// (when stock is required), complete and cancel idempotent, cancel of a missing order succeeds, and that every
/// member honours a cancelled token. xunit creates a new instance of the derived class per test, so the hooks may
/// keep the port of <see cref="CreatePortAsync"/> in a field.
/// </summary>
public abstract class CommerceOrdersPortConformanceTests
{
    /// <summary>Creates the port under test (called first in every test).</summary>
    /// <returns>The port.</returns>
    protected abstract Task<ICommerceOrdersPort> CreatePortAsync();

    /// <summary>Arranges a catalog product in the back end of the port created last.</summary>
    /// <param name="sku">The SKU.</param>
    /// <param name="stock">Units in stock, or <see langword="null"/> when stock is not managed (never blocks).</param>
    /// <param name="enabled">Whether the product can be sold.</param>
    /// <returns>A task.</returns>
    protected abstract Task ArrangeProductAsync(Sku sku, int? stock, bool enabled);

    /// <summary>Lists the statuses of every Commerce order that exists for an Amazon order (one entry per order).</summary>
    /// <param name="amazonOrderId">The Amazon order.</param>
    /// <returns>The statuses; empty when none exists.</returns>
    protected abstract Task<IReadOnlyList<string>> OrderStatusesAsync(AmazonOrderId amazonOrderId);

    /// <summary>Creates an order id no other test uses.</summary>
    /// <returns>The id.</returns>
    protected virtual AmazonOrderId NewOrderId() => TestIds.NewOrderId();

    /// <summary>Builds a creation request for one line.</summary>
    /// <param name="id">The Amazon order.</param>
    /// <param name="sku">The SKU.</param>
    /// <param name="requireStock">Whether managed stock must be available.</param>
    /// <returns>The request.</returns>
    protected virtual CommerceOrderRequest Request(AmazonOrderId id, Sku sku, bool requireStock = true) => new()
    {
        AmazonOrderId = id,
        Channel = requireStock ? FulfillmentChannel.Merchant : FulfillmentChannel.Amazon,
        StoreView = "default",
        ReserveInventory = requireStock,
        RequireStock = requireStock,
        Lines = [new CommerceOrderLine(sku, 1, Money.Of(9.99m, "EUR"))],
        Total = Money.Of(9.99m, "EUR"),
        PurchaseDate = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero),
        InitialStatus = requireStock ? null : CommerceStatuses.Complete,
    };

    /// <summary>Checks that creating twice for one Amazon order gives the same single order.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task CreateOrder_SameAmazonOrderTwice_SameSingleOrder()
    {
        var port = await CreatePortAsync().ConfigureAwait(false);
        var sku = TestIds.NewSku("CONF");
        await ArrangeProductAsync(sku, 10, enabled: true).ConfigureAwait(false);
        var id = NewOrderId();

        var first = await port.CreateOrderAsync(Request(id, sku)).ConfigureAwait(false);
        var second = await port.CreateOrderAsync(Request(id, sku)).ConfigureAwait(false);

        Assert.True(first.IsSuccess, $"creation failed: {first.Status} {first.Reason}");
        Assert.True(second.IsSuccess, $"a repeated creation must return the existing order: {second.Status} {second.Reason}");
        Assert.Equal(first.Value!.CommerceOrderId, second.Value!.CommerceOrderId);
        Assert.Single(await OrderStatusesAsync(id).ConfigureAwait(false));
    }

    /// <summary>Checks that concurrent creations for one Amazon order give one order.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task CreateOrder_ConcurrentlyForOneAmazonOrder_OneOrder()
    {
        var port = await CreatePortAsync().ConfigureAwait(false);
        var sku = TestIds.NewSku("CONF");
        await ArrangeProductAsync(sku, 10, enabled: true).ConfigureAwait(false);
        var id = NewOrderId();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () => await port.CreateOrderAsync(Request(id, sku)).ConfigureAwait(false)))).ConfigureAwait(false);

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Reason));
        Assert.Single(results.Select(r => r.Value!.CommerceOrderId).Distinct());
        Assert.Single(await OrderStatusesAsync(id).ConfigureAwait(false));
    }

    /// <summary>Checks that an unknown SKU is refused as a result, creating nothing.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task CreateOrder_UnknownSku_RejectedWithReason()
    {
        var port = await CreatePortAsync().ConfigureAwait(false);
        var id = NewOrderId();

        var result = await port.CreateOrderAsync(Request(id, TestIds.NewSku("UNKNOWN"))).ConfigureAwait(false);

        AssertRejected(result);
        Assert.Empty(await OrderStatusesAsync(id).ConfigureAwait(false));
    }

    /// <summary>Checks that a disabled product is refused as a result.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task CreateOrder_DisabledProduct_RejectedWithReason()
    {
        var port = await CreatePortAsync().ConfigureAwait(false);
        var sku = TestIds.NewSku("DISABLED");
        await ArrangeProductAsync(sku, 10, enabled: false).ConfigureAwait(false);
        var id = NewOrderId();

        AssertRejected(await port.CreateOrderAsync(Request(id, sku)).ConfigureAwait(false));
        Assert.Empty(await OrderStatusesAsync(id).ConfigureAwait(false));
    }

    /// <summary>Checks that managed stock that is out refuses a merchant-fulfilled order.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task CreateOrder_OutOfStockWhenStockRequired_RejectedWithReason()
    {
        var port = await CreatePortAsync().ConfigureAwait(false);
        var sku = TestIds.NewSku("EMPTY");
        await ArrangeProductAsync(sku, 0, enabled: true).ConfigureAwait(false);
        var id = NewOrderId();

        AssertRejected(await port.CreateOrderAsync(Request(id, sku, requireStock: true)).ConfigureAwait(false));
        Assert.Empty(await OrderStatusesAsync(id).ConfigureAwait(false));
    }

    /// <summary>Checks that stock never blocks an order that does not require it (FBA).</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task CreateOrder_OutOfStockWhenStockNotRequired_Created()
    {
        var port = await CreatePortAsync().ConfigureAwait(false);
        var sku = TestIds.NewSku("FBA");
        await ArrangeProductAsync(sku, 0, enabled: true).ConfigureAwait(false);

        var result = await port.CreateOrderAsync(Request(NewOrderId(), sku, requireStock: false)).ConfigureAwait(false);

        Assert.True(result.IsSuccess, $"stock must not block an order that does not require it: {result.Reason}");
    }

    /// <summary>Checks that stock that is not managed never blocks.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task CreateOrder_StockNotManaged_Created()
    {
        var port = await CreatePortAsync().ConfigureAwait(false);
        var sku = TestIds.NewSku("UNMANAGED");
        await ArrangeProductAsync(sku, null, enabled: true).ConfigureAwait(false);

        var result = await port.CreateOrderAsync(Request(NewOrderId(), sku)).ConfigureAwait(false);

        Assert.True(result.IsSuccess, $"stock that is not managed never blocks: {result.Reason}");
    }

    /// <summary>Checks that completing twice succeeds and the order is complete.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task CompleteOrder_Twice_Complete()
    {
        var port = await CreatePortAsync().ConfigureAwait(false);
        var id = await CreatedAsync(port).ConfigureAwait(false);

        Assert.True((await port.CompleteOrderAsync(id).ConfigureAwait(false)).IsSuccess);
        Assert.True((await port.CompleteOrderAsync(id).ConfigureAwait(false)).IsSuccess, "complete must be idempotent");

        Assert.Equal([CommerceStatuses.Complete], await OrderStatusesAsync(id).ConfigureAwait(false));
    }

    /// <summary>Checks that cancelling twice succeeds and the order is canceled.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task CancelOrder_Twice_Canceled()
    {
        var port = await CreatePortAsync().ConfigureAwait(false);
        var id = await CreatedAsync(port).ConfigureAwait(false);

        Assert.True((await port.CancelOrderAsync(id).ConfigureAwait(false)).IsSuccess);
        Assert.True((await port.CancelOrderAsync(id).ConfigureAwait(false)).IsSuccess, "cancel must be idempotent");

        Assert.Equal([CommerceStatuses.Canceled], await OrderStatusesAsync(id).ConfigureAwait(false));
    }

    /// <summary>Checks that cancelling an order that does not exist succeeds and creates nothing.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task CancelOrder_MissingOrder_SucceedsCreatingNothing()
    {
        var port = await CreatePortAsync().ConfigureAwait(false);
        var id = NewOrderId();

        Assert.True((await port.CancelOrderAsync(id).ConfigureAwait(false)).IsSuccess, "cancelling a missing order must succeed");
        Assert.Empty(await OrderStatusesAsync(id).ConfigureAwait(false));
    }

    /// <summary>Checks that every member honours a cancelled token.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task EveryMember_CancelledToken_ThrowsOrReturnsPromptly()
    {
        var port = await CreatePortAsync().ConfigureAwait(false);
        var sku = TestIds.NewSku("CANCEL");
        await ArrangeProductAsync(sku, 10, enabled: true).ConfigureAwait(false);
        var id = NewOrderId();

        await Cancellation.HonouredAsync(async ct => await port.CreateOrderAsync(Request(id, sku), ct).ConfigureAwait(false)).ConfigureAwait(false);
        await Cancellation.HonouredAsync(async ct => await port.CompleteOrderAsync(id, ct).ConfigureAwait(false)).ConfigureAwait(false);
        await Cancellation.HonouredAsync(async ct => await port.CancelOrderAsync(id, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private async Task<AmazonOrderId> CreatedAsync(ICommerceOrdersPort port)
    {
        var sku = TestIds.NewSku("CONF");
        await ArrangeProductAsync(sku, 10, enabled: true).ConfigureAwait(false);
        var id = NewOrderId();
        var created = await port.CreateOrderAsync(Request(id, sku)).ConfigureAwait(false);
        Assert.True(created.IsSuccess, $"creation failed: {created.Status} {created.Reason}");
        return id;
    }

    private static void AssertRejected(PortResult<CommerceOrderRef> result)
    {
        Assert.Equal(PortStatus.Rejected, result.Status);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason), "a rejection must carry a reason");
    }
}
