using AmazonFulfillment.Domain;
using AmazonFulfillment.EntityFrameworkCore.Tests.Support;
using AmazonFulfillment.SellingPartner;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AmazonFulfillment.EntityFrameworkCore.Tests;

/// <summary>The SP-API poller's lease and the submitted cancellation feeds in the EF Core store, on SQLite and PostgreSQL.</summary>
public sealed class LeaseAndFeedTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Sqlite_Lease_OneHolderAtATime_ExpiringOnTheStoresClock()
    {
        var file = Databases.NewSqliteFile();
        try
        {
            var clock = new ManualClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
            await using var first = OwnSqlite(file, clock);
            await using var second = OwnSqlite(file, clock);
            var (a, b) = (first.GetRequiredService<IPollerLeaseStore>(), second.GetRequiredService<IPollerLeaseStore>());
            Assert.Same(first.GetRequiredService<Ports.IOrderStore>(), a);

            Assert.False(await a.RenewLeaseAsync("orders:A2SELLER", "host-a", Long)); // never taken
            Assert.True(await a.TryAcquireLeaseAsync("orders:A2SELLER", "host-a", Long));
            Assert.True(await a.TryAcquireLeaseAsync("orders:A2SELLER", "host-a", Long));
            Assert.False(await b.TryAcquireLeaseAsync("orders:A2SELLER", "host-b", Long));
            Assert.False(await b.RenewLeaseAsync("orders:A2SELLER", "host-b", Long));

            clock.Advance(TimeSpan.FromMinutes(4));
            Assert.True(await a.RenewLeaseAsync("orders:A2SELLER", "host-a", Long)); // holds 5 minutes from now
            clock.Advance(TimeSpan.FromMinutes(4));
            Assert.False(await b.TryAcquireLeaseAsync("orders:A2SELLER", "host-b", Long));

            // host-a stops renewing: once expired, host-b takes it and host-a can neither renew nor take it back.
            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.True(await b.TryAcquireLeaseAsync("orders:A2SELLER", "host-b", Long));
            Assert.False(await a.RenewLeaseAsync("orders:A2SELLER", "host-a", Long));
            Assert.False(await a.TryAcquireLeaseAsync("orders:A2SELLER", "host-a", Long));

            await a.ReleaseLeaseAsync("orders:A2SELLER", "host-a"); // not the holder: nothing happens
            Assert.False(await a.TryAcquireLeaseAsync("orders:A2SELLER", "host-a", Long));
            await b.ReleaseLeaseAsync("orders:A2SELLER", "host-b");
            Assert.True(await a.TryAcquireLeaseAsync("orders:A2SELLER", "host-a", Long));

            await Assert.ThrowsAsync<ArgumentOutOfRangeException>("duration", async () => await a.TryAcquireLeaseAsync("l", "a", TimeSpan.Zero));
            await Assert.ThrowsAsync<ArgumentException>("owner", async () => await a.RenewLeaseAsync("l", "", Long));
        }
        finally
        {
            Databases.DeleteSqlite(file);
        }
    }

    [Fact]
    public async Task Sqlite_Lease_ManyTakersAtOnce_ExactlyOneWins()
    {
        var file = Databases.NewSqliteFile();
        try
        {
            await using var services = OwnSqlite(file, TimeProvider.System);
            var leases = services.GetRequiredService<IPollerLeaseStore>();
            await ((EntityFrameworkCoreOrderStore<AmazonFulfillmentDbContext>)leases).EnsureReadyAsync();

            var taken = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () => await leases.TryAcquireLeaseAsync("orders:A2SELLER", $"host-{i}", Long))));

            Assert.Single(taken, t => t);
        }
        finally
        {
            Databases.DeleteSqlite(file);
        }
    }

    [Fact]
    public async Task Sqlite_SubmittedFeed_SurvivesARestart_UntilEachOrderIsForgotten()
    {
        var file = Databases.NewSqliteFile();
        try
        {
            var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
            var feed = new SubmittedFeed("A2SELLER", "50001", [new(Id(1), 1, "NoInventory"), new(Id(2), 2, "BuyerCanceled")], at);
            await using (var before = OwnSqlite(file, TimeProvider.System))
            {
                await before.GetRequiredService<ISubmittedFeedStore>().SaveSubmittedFeedAsync(feed);
            }

            await using var after = OwnSqlite(file, TimeProvider.System);
            var feeds = after.GetRequiredService<ISubmittedFeedStore>();
            var found = await feeds.FindSubmittedFeedAsync("A2SELLER", Id(2));
            Assert.NotNull(found);
            Assert.Equal(("A2SELLER", "50001", at), (found.SellerId, found.FeedId, found.SubmittedAt));
            Assert.Equal(feed.Orders.ToArray(), found.Orders.ToArray());
            Assert.Null(await feeds.FindSubmittedFeedAsync("A2OTHER", Id(2)));

            await feeds.ForgetSubmittedOrderAsync("50001", Id(1));
            Assert.Null(await feeds.FindSubmittedFeedAsync("A2SELLER", Id(1)));
            Assert.Equal([new SubmittedFeedOrder(Id(2), 2, "BuyerCanceled")], (await feeds.FindSubmittedFeedAsync("A2SELLER", Id(2)))!.Orders.ToArray());

            await feeds.SaveSubmittedFeedAsync(new SubmittedFeed("A2SELLER", "50002", [new(Id(2), 1, "BuyerCanceled")], at.AddMinutes(5)));
            await feeds.SaveSubmittedFeedAsync(new SubmittedFeed("A2SELLER", "50002", [new(Id(2), 1, "BuyerCanceled")], at.AddMinutes(5))); // saved twice: not doubled
            Assert.Equal("50002", (await feeds.FindSubmittedFeedAsync("A2SELLER", Id(2)))!.FeedId);
            Assert.Single((await feeds.FindSubmittedFeedAsync("A2SELLER", Id(2)))!.Orders);
            await feeds.ForgetSubmittedFeedAsync("50002");
            Assert.Equal("50001", (await feeds.FindSubmittedFeedAsync("A2SELLER", Id(2)))!.FeedId);

            var invalid = await Assert.ThrowsAsync<ArgumentException>("feed", async () => await feeds.SaveSubmittedFeedAsync(new SubmittedFeed("A2SELLER", "", [], at)));
            Assert.Contains("FeedId is required.", invalid.Message, StringComparison.Ordinal);
        }
        finally
        {
            Databases.DeleteSqlite(file);
        }
    }

    [Fact]
    public async Task Sqlite_ADatabaseMadeBeforeTheLeaseAndFeedTables_GetsThemOnFirstUse()
    {
        var file = Databases.NewSqliteFile();
        try
        {
            var id = AmazonOrderId.Parse("903-0000009-0000001");
            await using (var old = OwnSqlite(file, TimeProvider.System))
            {
                var store = (EntityFrameworkCoreOrderStore<AmazonFulfillmentDbContext>)old.GetRequiredService<Ports.IOrderStore>();
                await store.EnsureReadyAsync();
                await using var scope = old.CreateAsyncScope();
                var context = scope.ServiceProvider.GetRequiredService<AmazonFulfillmentDbContext>();
                await context.Database.ExecuteSqlRawAsync("DROP TABLE amazon_fulfillment_orders_leases; DROP TABLE amazon_fulfillment_orders_feed_orders;");
            }

            await using var upgraded = OwnSqlite(file, TimeProvider.System);

            Assert.True(await upgraded.GetRequiredService<IPollerLeaseStore>().TryAcquireLeaseAsync("orders:A2SELLER", "host-a", Long));
            await upgraded.GetRequiredService<ISubmittedFeedStore>().SaveSubmittedFeedAsync(new SubmittedFeed("A2SELLER", "1", [new(id, 1, "NoInventory")], DateTimeOffset.UtcNow));
            Assert.NotNull(await upgraded.GetRequiredService<ISubmittedFeedStore>().FindSubmittedFeedAsync("A2SELLER", id));
        }
        finally
        {
            Databases.DeleteSqlite(file);
        }
    }

    [PostgresFact]
    public async Task PostgreSql_Lease_OneHolderAtATime_TakenOverOnceTheDatabaseClockPassedItsExpiry()
    {
        var schema = Databases.NewSchema();
        try
        {
            await using var first = Databases.PostgresOwn(schema);
            await using var second = Databases.PostgresOwn(schema);
            var (a, b) = (first.GetRequiredService<IPollerLeaseStore>(), second.GetRequiredService<IPollerLeaseStore>());

            Assert.True(await a.TryAcquireLeaseAsync("orders:A2SELLER", "host-a", TimeSpan.FromSeconds(1)));
            Assert.True(await a.TryAcquireLeaseAsync("orders:A2SELLER", "host-a", TimeSpan.FromSeconds(1)));
            Assert.False(await b.TryAcquireLeaseAsync("orders:A2SELLER", "host-b", Long));
            Assert.False(await b.RenewLeaseAsync("orders:A2SELLER", "host-b", Long));
            Assert.True(await a.RenewLeaseAsync("orders:A2SELLER", "host-a", TimeSpan.FromSeconds(1)));

            await Task.Delay(TimeSpan.FromSeconds(1.5));

            Assert.False(await a.RenewLeaseAsync("orders:A2SELLER", "host-a", Long));
            Assert.True(await b.TryAcquireLeaseAsync("orders:A2SELLER", "host-b", Long));
            Assert.False(await a.TryAcquireLeaseAsync("orders:A2SELLER", "host-a", Long));
            await b.ReleaseLeaseAsync("orders:A2SELLER", "host-b");
            Assert.True(await a.TryAcquireLeaseAsync("orders:A2SELLER", "host-a", Long));

            var feeds = second.GetRequiredService<ISubmittedFeedStore>();
            await first.GetRequiredService<ISubmittedFeedStore>().SaveSubmittedFeedAsync(new SubmittedFeed("A2SELLER", "50001", [new(Id(1), 1, "NoInventory")], DateTimeOffset.UtcNow));
            Assert.Equal("50001", (await feeds.FindSubmittedFeedAsync("A2SELLER", Id(1)))?.FeedId);
        }
        finally
        {
            await Databases.DropSchemaAsync(schema);
        }
    }

    private static AmazonOrderId Id(int n) => AmazonOrderId.Parse($"903-{n:D7}-0000001");

    private static ServiceProvider OwnSqlite(string file, TimeProvider clock)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddAmazonFulfillmentEntityFrameworkCore(db => db.UseSqlite(Databases.Sqlite(file)));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>A clock the test moves.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
