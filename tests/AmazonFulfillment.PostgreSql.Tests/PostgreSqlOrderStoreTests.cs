using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.PostgreSql.Tests.Support;
using AmazonFulfillment.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using static AmazonFulfillment.PostgreSql.Tests.Support.Orders;

namespace AmazonFulfillment.PostgreSql.Tests;

/// <summary>What only the PostgreSQL store does: its schema, claims shared by hosts, its registration.</summary>
public sealed class PostgreSqlOrderStoreTests : IAsyncDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);
    private readonly List<NpgsqlDataSource> _dataSources = [];
    private readonly string _table = PostgreSqlDatabase.NewTableName();

    [PostgreSqlFact]
    public async Task SaveAsync_EveryFieldOffsetsAndThreeDecimalCurrency_RoundTripsExactly()
    {
        var store = Host();
        var order = Full(Id(1));

        await store.SaveAsync(order, 0);
        var loaded = (await store.LoadAsync(Id(1)))!.Order;

        Assert.Equivalent(order, loaded, strict: true);
        Assert.Equal(EffectTypes, order.Outbox.Select(e => e.Effect.GetType()).ToHashSet());
        Assert.Equal(order.Outbox.Select(e => (e.Effect.GetType(), e.Effect.IdempotencyKey, e.Held)), loaded.Outbox.Select(e => (e.Effect.GetType(), e.Effect.IdempotencyKey, e.Held)));
        Assert.Equal("13.333 KWD", ((CreateCommerceOrder)loaded.Outbox[2].Effect).Request.Lines[0].UnitPrice.ToString());
        Assert.Equal(order.LastUpdateDate.Offset, loaded.LastUpdateDate.Offset);
        Assert.Equal(order.Items.ToArray(), loaded.Items.ToArray());
        Assert.Equal(order.Failures.ToArray(), loaded.Failures.ToArray());
    }

    [PostgreSqlFact]
    public async Task SaveCursorAsync_ThenLoadFromAnotherHost_RoundTripsAndReplaces()
    {
        var (a, b) = (Host(), Host());
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        Assert.Null(await b.LoadCursorAsync("orders:A2SELLER:2026-01-01"));
        await a.SaveCursorAsync("orders:A2SELLER:2026-01-01", new PollingCursor(null, at, at.AddMinutes(5), "token-1", at));
        Assert.Equal(new PollingCursor(null, at, at.AddMinutes(5), "token-1", at), await b.LoadCursorAsync("orders:A2SELLER:2026-01-01"));

        await b.SaveCursorAsync("orders:A2SELLER:2026-01-01", new PollingCursor(at.AddMinutes(5), null, null, null, at.AddMinutes(6)));
        Assert.Equal(new PollingCursor(at.AddMinutes(5), null, null, null, at.AddMinutes(6)), await a.LoadCursorAsync("orders:A2SELLER:2026-01-01"));
        Assert.Null(await a.LoadCursorAsync("orders:A2OTHER:2026-01-01"));
    }

    [PostgreSqlFact]
    public async Task EnsureSchemaAsync_ManyHostsAtOnce_AllSucceedOneTable()
    {
        var stores = Enumerable.Range(0, 8).Select(_ => Host()).ToList();

        await Task.WhenAll(stores.Select(s => Task.Run(() => s.EnsureSchemaAsync())));
        await Task.WhenAll(stores.Select(s => Task.Run(() => s.EnsureSchemaAsync())));

        Assert.Equal(1, await stores[0].SaveAsync(Bare(Id(1)), 0));
        Assert.NotNull(await stores[7].LoadAsync(Id(1)));
    }

    [PostgreSqlFact]
    public async Task ClaimUnfinishedAsync_TwoHosts_SplitTheWorkWithoutOverlap()
    {
        var (a, b) = (Host(), Host());
        for (var n = 1; n <= 30; n++)
        {
            await a.SaveAsync(n % 3 == 0 ? Bare(Id(n), OrderState.Shipped) : WithWork(Id(n)), 0);
        }

        var claims = await Task.WhenAll(
            Task.Run(async () => await a.ClaimUnfinishedAsync("host-a", 12, Long)),
            Task.Run(async () => await b.ClaimUnfinishedAsync("host-b", 12, Long)));
        var rest = await b.ClaimUnfinishedAsync("host-b", 100, Long);

        Assert.Empty(claims[0].Intersect(claims[1]));
        Assert.Equal(20, claims[0].Count + claims[1].Count + rest.Count);
        Assert.Equal(await a.ListUnfinishedAsync(), claims[0].Concat(claims[1]).Concat(rest).Order());
        Assert.Empty(await a.ClaimUnfinishedAsync("host-a", 100, Long));
    }

    [PostgreSqlFact]
    public async Task ClaimUnfinishedAsync_ReleasedClaims_ClaimableAgainOthersUntouched()
    {
        var (a, b) = (Host(), Host());
        await a.SaveAsync(WithWork(Id(1)), 0);
        await a.SaveAsync(WithWork(Id(2)), 0);
        Assert.Equal([Id(1)], await a.ClaimUnfinishedAsync("host-a", 1, Long));
        Assert.Equal([Id(2)], await b.ClaimUnfinishedAsync("host-b", 1, Long));

        await a.ReleaseAsync("host-b", [Id(1)]);
        await a.ReleaseAsync("host-a", [Id(1), Id(2)]);

        Assert.Equal([Id(1)], await b.ClaimUnfinishedAsync("host-c", 10, Long));
    }

    [PostgreSqlFact]
    public async Task TryClaimAsync_OneOrder_HeldByOneOwnerUntilReleasedOrExpired()
    {
        var (a, b) = (Host(), Host());
        await a.SaveAsync(WithWork(Id(1)), 0);

        Assert.True(await a.TryClaimAsync("host-a", Id(1), Long));
        Assert.False(await b.TryClaimAsync("host-b", Id(1), Long));
        Assert.True(await a.TryClaimAsync("host-a", Id(1), Long)); // the holder extends its claim
        Assert.Empty(await b.ClaimUnfinishedAsync("host-b", 10, Long));
        Assert.False(await a.TryClaimAsync("host-a", Id(2), Long)); // not tracked: nothing to claim

        await a.ReleaseAsync("host-a", [Id(1)]);
        Assert.True(await b.TryClaimAsync("host-b", Id(1), TimeSpan.FromMilliseconds(200)));
        await Task.Delay(400);
        Assert.True(await a.TryClaimAsync("host-a", Id(1), Long)); // the lease of host-b expired
    }

    [PostgreSqlFact]
    public async Task ClaimUnfinishedAsync_CrashedHostsLeaseExpired_TakenOverByAnother()
    {
        var (crashed, survivor) = (Host(), Host());
        await crashed.SaveAsync(WithWork(Id(1)), 0);
        Assert.Equal([Id(1)], await crashed.ClaimUnfinishedAsync("crashed", 10, TimeSpan.FromSeconds(2)));
        Assert.Empty(await survivor.ClaimUnfinishedAsync("survivor", 10, Long));

        await Task.Delay(2500);

        Assert.Equal([Id(1)], await survivor.ClaimUnfinishedAsync("survivor", 10, Long));
    }

    [PostgreSqlFact]
    public async Task SyncAsync_HostsWithClaimingStore_EachOrderSweptByOneHost()
    {
        var world = new InMemoryFulfillment(new OrderSettings { StoreView = "default" });
        world.Commerce.SetProduct(Sku.Parse("SKU-A"));
        var stores = new[] { Host(), Host(), Host() };
        for (var n = 1; n <= 60; n++)
        {
            world.Amazon.SetOrderItems(Id(n), [new AmazonOrderItem(OrderItemId.Parse("1"), Sku.Parse("SKU-A"), 1, 0, null)]);
            await stores[0].SaveAsync(Verified(Id(n)), 0);
        }

        var runtimes = stores.Select(s => new Runtime.FulfillmentRuntime(world.Amazon, world.Commerce, world.Customers, s, world.Settings, new Runtime.FulfillmentRuntimeOptions { ClaimBatchSize = 7 })).ToList();
        var swept = await Task.WhenAll(runtimes.Select(r => Task.Run(() => r.SyncAsync())));

        Assert.Equal(60, swept.Sum(s => s.Count));
        Assert.Equal(60, swept.SelectMany(s => s).Select(r => r.AmazonOrderId).Distinct().Count());
        Assert.Equal(60, world.Faults.CallsOf("amazon", "GetOrderItems"));
        Assert.Empty(await stores[1].ClaimUnfinishedAsync("anyone", 100, Long));
    }

    [PostgreSqlFact]
    public async Task ResumeAsync_ClaimingStore_RunsEachOrdersEffectsOnce()
    {
        var world = new InMemoryFulfillment(new OrderSettings { StoreView = "default" });
        world.Commerce.SetProduct(Sku.Parse("SKU-A"));
        var stores = new[] { Host(), Host() };
        for (var n = 1; n <= 20; n++)
        {
            world.Amazon.SetOrderItems(Id(n), [new AmazonOrderItem(OrderItemId.Parse("1"), Sku.Parse("SKU-A"), 1, 0, null)]);
            await stores[0].SaveAsync(Verified(Id(n)), 0);
        }

        var runtimes = stores.Select(s => new Runtime.FulfillmentRuntime(world.Amazon, world.Commerce, world.Customers, s, world.Settings)).ToList();
        var left = await Task.WhenAll(runtimes.Select(r => Task.Run(() => r.ResumeAsync())));

        Assert.Equal(20, world.Faults.CallsOf("amazon", "GetOrderItems"));
        Assert.Equal(0, left.Sum());
    }

    [PostgreSqlFact]
    public async Task AddAmazonFulfillmentPostgreSql_BeforeOrAfterAddAmazonFulfillment_ReplacesInMemoryStore()
    {
        var dataSource = DataSource();
        foreach (var postgresFirst in new[] { true, false })
        {
            var services = new ServiceCollection();
            if (postgresFirst)
            {
                services.AddAmazonFulfillmentPostgreSql(dataSource, o => o.TableName = _table);
            }

            services.AddAmazonFulfillment(s => s.StoreView = "default");
            if (!postgresFirst)
            {
                services.AddAmazonFulfillmentPostgreSql(dataSource, o => o.TableName = _table);
            }

            await using var provider = services.BuildServiceProvider();
            var store = Assert.IsType<PostgreSqlOrderStore>(provider.GetRequiredService<IOrderStore>());
            Assert.Equal(_table, store.TableName);
            Assert.Single(services, d => d.ServiceType == typeof(IOrderStore));
        }
    }

    [PostgreSqlFact]
    public async Task AddAmazonFulfillmentPostgreSql_ConnectionString_StoreOwnsItsDataSource()
    {
        var services = new ServiceCollection().AddAmazonFulfillmentPostgreSql(PostgreSqlDatabase.ConnectionString!);
        await using var provider = services.BuildServiceProvider();

        var store = Assert.IsType<PostgreSqlOrderStore>(provider.GetRequiredService<IOrderStore>());

        Assert.Equal(PostgreSqlOrderStoreOptions.DefaultTableName, store.TableName);
    }

    [Fact]
    public void Options_InvalidTableName_RefusedNamingTheOption()
    {
        var services = new ServiceCollection();
        using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1");

        services.AddAmazonFulfillmentPostgreSql(dataSource, o => o.TableName = "orders; DROP TABLE x");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOrderStore>());

        Assert.Contains("TableName", error.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid PostgreSQL order store options", error.Message, StringComparison.Ordinal);
        Assert.Empty(new PostgreSqlOrderStoreOptions { TableName = "sales.amazon_orders" }.Validate());
        Assert.Throws<ArgumentException>(() => new PostgreSqlOrderStore(dataSource, new PostgreSqlOrderStoreOptions { TableName = "Orders" }));
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSources.Count > 0)
        {
            await PostgreSqlDatabase.DropAsync(_dataSources[0], _table);
        }

        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }
    }

    private NpgsqlDataSource DataSource()
    {
        var dataSource = PostgreSqlDatabase.NewDataSource();
        _dataSources.Add(dataSource);
        return dataSource;
    }

    /// <summary>A store as one host has it: its own data source, the shared table.</summary>
    private PostgreSqlOrderStore Host() => PostgreSqlDatabase.NewStore(DataSource(), _table);
}
