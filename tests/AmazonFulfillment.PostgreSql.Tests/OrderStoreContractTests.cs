using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.PostgreSql.Tests.Support;
using static AmazonFulfillment.PostgreSql.Tests.Support.Orders;

namespace AmazonFulfillment.PostgreSql.Tests;

/// <summary>
/// What every <see cref="IOrderStore"/> must do, for any store a derived class creates. Meant to give way to the
/// verification kit's order store conformance suite once it exists (same shape: one abstract factory method).
/// </summary>
public abstract class OrderStoreContractTests
{
    protected abstract Task<IOrderStore> CreateStoreAsync();

    [PostgreSqlFact]
    public async Task LoadAsync_Missing_ReturnsNull()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.LoadAsync(Id(1)));
    }

    [PostgreSqlFact]
    public async Task SaveAsync_NewAtVersionZero_StoredAtVersionOne()
    {
        var store = await CreateStoreAsync();

        var version = await store.SaveAsync(Bare(Id(1)), 0);

        Assert.Equal(1, version);
        var stored = await store.LoadAsync(Id(1));
        Assert.NotNull(stored);
        Assert.Equal(1, stored.Version);
        Assert.Equal(Id(1), stored.Order.Id);
    }

    [PostgreSqlFact]
    public async Task SaveAsync_NewWhenAlreadyStored_RefusedAndUnchanged()
    {
        var store = await CreateStoreAsync();
        await store.SaveAsync(Bare(Id(1)), 0);

        var version = await store.SaveAsync(Bare(Id(1), OrderState.Unshipped), 0);

        Assert.Null(version);
        var stored = await store.LoadAsync(Id(1));
        Assert.Equal((1L, OrderState.Pending), (stored!.Version, stored.Order.State));
    }

    [PostgreSqlFact]
    public async Task SaveAsync_AtCurrentVersion_IncrementsVersion()
    {
        var store = await CreateStoreAsync();
        await store.SaveAsync(Bare(Id(1)), 0);

        var version = await store.SaveAsync(Bare(Id(1), OrderState.Importing), 1);

        Assert.Equal(2, version);
        var stored = await store.LoadAsync(Id(1));
        Assert.Equal((2L, OrderState.Importing), (stored!.Version, stored.Order.State));
    }

    [PostgreSqlFact]
    public async Task SaveAsync_StaleVersion_RefusedAndUnchanged()
    {
        var store = await CreateStoreAsync();
        await store.SaveAsync(Bare(Id(1)), 0);
        await store.SaveAsync(Bare(Id(1), OrderState.Importing), 1);

        var stale = await store.SaveAsync(Bare(Id(1), OrderState.Canceled), 1);
        var ahead = await store.SaveAsync(Bare(Id(1), OrderState.Canceled), 5);

        Assert.Null(stale);
        Assert.Null(ahead);
        var stored = await store.LoadAsync(Id(1));
        Assert.Equal((2L, OrderState.Importing), (stored!.Version, stored.Order.State));
    }

    [PostgreSqlFact]
    public async Task SaveAsync_MissingOrderAtNonZeroVersion_RefusedAndNotCreated()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.SaveAsync(Bare(Id(1)), 3));
        Assert.Null(await store.LoadAsync(Id(1)));
    }

    [PostgreSqlFact]
    public async Task SaveAsync_ConcurrentSavesAtSameVersion_ExactlyOneWins()
    {
        var store = await CreateStoreAsync();
        await store.SaveAsync(Bare(Id(1)), 0);
        var states = new[] { OrderState.Importing, OrderState.Unshipped, OrderState.Canceled, OrderState.Blocked, OrderState.Shipped, OrderState.PartiallyShipped, OrderState.Unfulfillable, OrderState.Pending };

        var versions = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            Task.Run(async () => await store.SaveAsync(Bare(Id(1), states[i % states.Length]) with { ImportAttempts = i }, 1))));

        var winner = Assert.Single(versions.Select((v, i) => (Version: v, Index: i)), x => x.Version is not null);
        Assert.Equal(2, winner.Version);
        var stored = await store.LoadAsync(Id(1));
        Assert.Equal(2, stored!.Version);
        Assert.Equal(winner.Index, stored.Order.ImportAttempts);
    }

    [PostgreSqlFact]
    public async Task SaveAsync_ConcurrentNewSaves_ExactlyOneWins()
    {
        var store = await CreateStoreAsync();

        var versions = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            Task.Run(async () => await store.SaveAsync(Bare(Id(1)) with { ImportAttempts = i }, 0))));

        var winner = Assert.Single(versions.Select((v, i) => (Version: v, Index: i)), x => x.Version is not null);
        Assert.Equal(1, winner.Version);
        Assert.Equal(winner.Index, (await store.LoadAsync(Id(1)))!.Order.ImportAttempts);
    }

    [PostgreSqlFact]
    public async Task SaveAsync_EveryFieldAndEffectType_RoundTrips()
    {
        var store = await CreateStoreAsync();
        var order = Full(Id(1));

        await store.SaveAsync(order, 0);
        var loaded = (await store.LoadAsync(Id(1)))!.Order;

        Assert.Equivalent(order, loaded, strict: true);
        Assert.Equal(EffectTypes, order.Outbox.Select(e => e.Effect.GetType()).ToHashSet());
        Assert.Equal(order.Outbox.Select(e => (e.Effect.GetType(), e.Effect.IdempotencyKey, e.Held)), loaded.Outbox.Select(e => (e.Effect.GetType(), e.Effect.IdempotencyKey, e.Held)));
        Assert.Equal(order.Outbox.Where(e => e.Effect is not (CreateCommerceOrder or ConfirmShipment)), loaded.Outbox.Where(e => e.Effect is not (CreateCommerceOrder or ConfirmShipment)));
        Assert.True(order.Packages.Zip(loaded.Packages).All(p => p.First.Package.SameContentAs(p.Second.Package) && p.First.Confirmation == p.Second.Confirmation));
        Assert.True(((ConfirmShipment)order.Outbox[5].Effect).Package.SameContentAs(((ConfirmShipment)loaded.Outbox[5].Effect).Package));
        Assert.Equal("13.333 KWD", ((CreateCommerceOrder)loaded.Outbox[2].Effect).Request.Lines[0].UnitPrice.ToString());
        Assert.Equal(order.LastUpdateDate, loaded.LastUpdateDate);
        Assert.Equal(order.LastUpdateDate.Offset, loaded.LastUpdateDate.Offset);
        Assert.Equal(order.Items.ToArray(), loaded.Items.ToArray());
        Assert.Equal(order.Buyer, loaded.Buyer);
        Assert.Equal(order.ShippingAddress, loaded.ShippingAddress);
        Assert.Equal(order.Failures.ToArray(), loaded.Failures.ToArray());
        Assert.Equal((order.ChannelStatus, order.HasRunnableWork, order.AllItemsShipped), (loaded.ChannelStatus, loaded.HasRunnableWork, loaded.AllItemsShipped));
    }

    [PostgreSqlFact]
    public async Task ListUnfinishedAsync_OutboxOrBlocked_ListedInIdOrder()
    {
        var store = await CreateStoreAsync();
        await store.SaveAsync(WithWork(Id(3)), 0);
        await store.SaveAsync(Bare(Id(2)), 0);
        await store.SaveAsync(Bare(Id(4), OrderState.Blocked) with { Error = "unknown SKU" }, 0);
        await store.SaveAsync(WithWork(Id(1)), 0);
        await store.SaveAsync(Bare(Id(5), OrderState.Shipped), 0);

        Assert.Equal([Id(1), Id(3), Id(4)], await store.ListUnfinishedAsync());
    }

    [PostgreSqlFact]
    public async Task ListUnfinishedAsync_WorkDone_NoLongerListed()
    {
        var store = await CreateStoreAsync();
        await store.SaveAsync(WithWork(Id(1)), 0);

        await store.SaveAsync(Bare(Id(1), OrderState.Unshipped), 1);

        Assert.Empty(await store.ListUnfinishedAsync());
    }

    [PostgreSqlFact]
    public async Task EveryCall_CancelledToken_ThrowsAndChangesNothing()
    {
        var store = await CreateStoreAsync();
        await store.SaveAsync(Bare(Id(1)), 0);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.LoadAsync(Id(1), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.SaveAsync(Bare(Id(1), OrderState.Canceled), 1, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.SaveAsync(Bare(Id(2)), 0, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.ListUnfinishedAsync(cancelled.Token));

        var stored = await store.LoadAsync(Id(1));
        Assert.Equal((1L, OrderState.Pending), (stored!.Version, stored.Order.State));
        Assert.Null(await store.LoadAsync(Id(2)));
    }

    [PostgreSqlFact]
    public async Task SaveAsync_InvalidArguments_Throw()
    {
        var store = await CreateStoreAsync();

        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.SaveAsync(null!, 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.SaveAsync(Bare(Id(1)), -1));
    }
}
