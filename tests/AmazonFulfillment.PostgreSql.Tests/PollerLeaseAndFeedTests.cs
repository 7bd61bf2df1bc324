using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.PostgreSql.Tests.Support;
using AmazonFulfillment.SellingPartner;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AmazonFulfillment.PostgreSql.Tests;

/// <summary>The SP-API poller's lease and the submitted cancellation feeds, kept in PostgreSQL and shared by hosts.</summary>
public sealed class PollerLeaseAndFeedTests : IAsyncDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);
    private readonly List<NpgsqlDataSource> _dataSources = [];
    private readonly string _table = PostgreSqlDatabase.NewTableName();

    [PostgreSqlFact]
    public async Task Lease_IsHeldByOneHostAtATime_RenewedByItsHolderOnly_AndFreeOnceReleased()
    {
        var (a, b) = (Host(), Host());

        Assert.False(await a.RenewLeaseAsync("orders:A2SELLER", "host-a", Long)); // never taken
        Assert.True(await a.TryAcquireLeaseAsync("orders:A2SELLER", "host-a", Long));
        Assert.True(await a.TryAcquireLeaseAsync("orders:A2SELLER", "host-a", Long)); // its holder takes it again
        Assert.False(await b.TryAcquireLeaseAsync("orders:A2SELLER", "host-b", Long));
        Assert.False(await b.RenewLeaseAsync("orders:A2SELLER", "host-b", Long));
        Assert.True(await a.RenewLeaseAsync("orders:A2SELLER", "host-a", Long));
        Assert.True(await b.TryAcquireLeaseAsync("orders:A2OTHER", "host-b", Long)); // leases are by name

        await b.ReleaseLeaseAsync("orders:A2SELLER", "host-b"); // not the holder: nothing happens
        Assert.False(await b.TryAcquireLeaseAsync("orders:A2SELLER", "host-b", Long));
        await a.ReleaseLeaseAsync("orders:A2SELLER", "host-a");
        Assert.True(await b.TryAcquireLeaseAsync("orders:A2SELLER", "host-b", Long));
        Assert.False(await a.RenewLeaseAsync("orders:A2SELLER", "host-a", Long));
    }

    [PostgreSqlFact]
    public async Task Lease_OfAHostThatStopsRenewing_IsTakenOver_OnceTheDatabaseClockPassedItsExpiry()
    {
        var (dying, standby) = (Host(), Host());
        var shortLease = TimeSpan.FromSeconds(1);

        Assert.True(await dying.TryAcquireLeaseAsync("orders:A2SELLER", "host-a", shortLease));
        Assert.False(await standby.TryAcquireLeaseAsync("orders:A2SELLER", "host-b", Long));

        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.True(await standby.TryAcquireLeaseAsync("orders:A2SELLER", "host-b", Long));
        Assert.False(await dying.RenewLeaseAsync("orders:A2SELLER", "host-a", Long));
        Assert.False(await dying.TryAcquireLeaseAsync("orders:A2SELLER", "host-a", Long));
    }

    [PostgreSqlFact]
    public async Task Lease_ManyHostsAtOnce_ExactlyOneTakesIt()
    {
        var hosts = Enumerable.Range(0, 4).Select(_ => Host()).ToList();
        await hosts[0].EnsureSchemaAsync();

        var taken = await Task.WhenAll(hosts.Select((h, i) => Task.Run(async () => await h.TryAcquireLeaseAsync("orders:A2SELLER", $"host-{i}", Long))));

        Assert.Single(taken, t => t);
    }

    [PostgreSqlFact]
    public async Task Lease_BadInput_IsRefusedNamingTheArgument()
    {
        var store = Host();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("duration", async () => await store.TryAcquireLeaseAsync("l", "a", TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentException>("owner", async () => await store.RenewLeaseAsync("l", " ", Long));
        await Assert.ThrowsAsync<ArgumentException>("name", async () => await store.ReleaseLeaseAsync("", "a"));
    }

    [PostgreSqlFact]
    public async Task SubmittedFeed_SavedByOneHost_IsFoundByAnother_UntilEachOrderIsForgotten()
    {
        var (before, after) = (Host(), Host());
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var feed = new SubmittedFeed("A2SELLER", "50001", [new(Id(1), 1, "NoInventory"), new(Id(2), 2, "BuyerCanceled")], at);

        Assert.Null(await after.FindSubmittedFeedAsync("A2SELLER", Id(1)));
        await before.SaveSubmittedFeedAsync(feed);

        var found = await after.FindSubmittedFeedAsync("A2SELLER", Id(2));
        Assert.NotNull(found);
        Assert.Equal(("A2SELLER", "50001", at), (found.SellerId, found.FeedId, found.SubmittedAt));
        Assert.Equal(feed.Orders.ToArray(), found.Orders.ToArray());
        Assert.Null(await after.FindSubmittedFeedAsync("A2OTHER", Id(2))); // by seller

        await after.ForgetSubmittedOrderAsync("50001", Id(1));
        Assert.Null(await before.FindSubmittedFeedAsync("A2SELLER", Id(1)));
        Assert.Equal([new SubmittedFeedOrder(Id(2), 2, "BuyerCanceled")], (await before.FindSubmittedFeedAsync("A2SELLER", Id(2)))!.Orders.ToArray());

        // The order sent again in a later feed: the latest is found; forgetting a feed forgets all its orders.
        await before.SaveSubmittedFeedAsync(new SubmittedFeed("A2SELLER", "50002", [new(Id(2), 1, "BuyerCanceled"), new(Id(3), 2, "NoInventory")], at.AddMinutes(5)));
        Assert.Equal("50002", (await after.FindSubmittedFeedAsync("A2SELLER", Id(2)))!.FeedId);
        await after.ForgetSubmittedFeedAsync("50002");
        Assert.Equal("50001", (await after.FindSubmittedFeedAsync("A2SELLER", Id(2)))!.FeedId);
        Assert.Null(await after.FindSubmittedFeedAsync("A2SELLER", Id(3)));
    }

    [PostgreSqlFact]
    public async Task SubmittedFeed_WithoutOrdersOrFeedId_IsRefusedNamingTheField()
    {
        var store = Host();

        var empty = await Assert.ThrowsAsync<ArgumentException>("feed", async () => await store.SaveSubmittedFeedAsync(new SubmittedFeed("A2SELLER", " ", [], DateTimeOffset.UtcNow)));

        Assert.Contains("FeedId is required.", empty.Message, StringComparison.Ordinal);
        Assert.Contains("Orders must list at least one order.", empty.Message, StringComparison.Ordinal);
    }

    [PostgreSqlFact]
    public async Task Registration_MakesTheStoreTheLeaseAndFeedStore()
    {
        var services = new ServiceCollection();
        services.AddAmazonFulfillmentPostgreSql(DataSource(), o => o.TableName = _table);
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<PostgreSqlOrderStore>();

        Assert.Same(store, provider.GetRequiredService<IPollerLeaseStore>());
        Assert.Same(store, provider.GetRequiredService<ISubmittedFeedStore>());
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

    private static AmazonOrderId Id(int n) => AmazonOrderId.Parse($"903-{n:D7}-0000001");

    /// <summary>One small pool per test: the "hosts" are separate stores over the same tables, and the heavier test classes running
    /// beside this one keep the server's connections.</summary>
    private NpgsqlDataSource DataSource()
    {
        if (_dataSources.Count == 0)
        {
            PostgreSqlDatabase.NewDataSource().Dispose(); // marks the run
            var builder = new NpgsqlConnectionStringBuilder(PostgreSqlDatabase.ConnectionString) { MaxPoolSize = 3, Timeout = 60 };
            _dataSources.Add(NpgsqlDataSource.Create(builder.ConnectionString));
        }

        return _dataSources[0];
    }

    private PostgreSqlOrderStore Host() => PostgreSqlDatabase.NewStore(DataSource(), _table);
}
