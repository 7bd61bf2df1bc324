using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.EntityFrameworkCore.Tests.Support;
using AmazonFulfillment.Ports;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AmazonFulfillment.EntityFrameworkCore.Tests;

/// <summary>What the conformance suite does not cover: cursors, claims, the registration and its checks.</summary>
public sealed class StoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Sqlite_HostContext_HasNoClaimsAndKeepsCursors()
    {
        var file = Databases.NewSqliteFile();
        try
        {
            await using var services = await Databases.SqliteHostAsync(file);
            var store = Databases.Store(services);

            Assert.IsNotAssignableFrom<IOrderClaims>(store);
            await CursorRoundTripAsync((IPollingCursorStore)store);
        }
        finally
        {
            Databases.DeleteSqlite(file);
        }
    }

    [Fact]
    public async Task Sqlite_OwnContext_CreatesTheFileInWalModeAndKeepsOrdersAcrossContainers()
    {
        var file = Databases.NewSqliteFile();
        try
        {
            var id = NewOrderId();
            await using (var first = OwnSqlite(file))
            {
                Assert.Equal(1, await Databases.Store(first).SaveAsync(Order(id, withWork: true), 0));
            }

            await using var second = OwnSqlite(file);
            var store = Databases.Store(second);
            Assert.Equal(1, (await store.LoadAsync(id))?.Version);
            Assert.Contains(id, await store.ListUnfinishedAsync());
            await using var scope = second.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<AmazonFulfillmentDbContext>();
            Assert.Equal("wal", await context.Database.SqlQueryRaw<string>("SELECT journal_mode AS \"Value\" FROM pragma_journal_mode").SingleAsync());
        }
        finally
        {
            Databases.DeleteSqlite(file);
        }
    }

    [Fact]
    public async Task HostContext_WithoutTheMapping_FailsNamingTheCall()
    {
        var file = Databases.NewSqliteFile();
        try
        {
            var services = new ServiceCollection();
            services.AddDbContext<UnmappedDbContext>(db => db.UseSqlite(Databases.Sqlite(file)));
            services.AddAmazonFulfillmentEntityFrameworkCore<UnmappedDbContext>();
            await using var provider = services.BuildServiceProvider();

            var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await Databases.Store(provider).LoadAsync(NewOrderId()));
            Assert.Contains("modelBuilder.AddAmazonFulfillment()", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Databases.DeleteSqlite(file);
        }
    }

    [Fact]
    public void Options_Invalid_FailValidationListingEveryProblem()
    {
        var services = new ServiceCollection();
        services.AddAmazonFulfillmentEntityFrameworkCore(db => db.UseSqlite("Data Source=:memory:"), o =>
        {
            o.OrdersTable = " ";
            o.Schema = "";
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EntityFrameworkCoreOrderStoreOptions>>().Value);
        Assert.Contains("OrdersTable", error.Message, StringComparison.Ordinal);
        Assert.Contains("Schema", error.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task PostgreSql_Registration_ClaimsSplitWorkAndExpire()
    {
        var schema = Databases.NewSchema();
        try
        {
            await using var services = Databases.PostgresOwn(schema);
            var store = Databases.Store(services);
            var claims = Assert.IsAssignableFrom<IOrderClaims>(store);
            var ids = Enumerable.Range(0, 5).Select(_ => NewOrderId()).Order().ToList();
            foreach (var id in ids)
            {
                await store.SaveAsync(Order(id, withWork: true), 0);
            }

            var done = NewOrderId();
            await store.SaveAsync(Order(done, withWork: false), 0);

            var first = await claims.ClaimUnfinishedAsync("a", 3, TimeSpan.FromMinutes(5));
            var second = await claims.ClaimUnfinishedAsync("b", 10, TimeSpan.FromMinutes(5));
            Assert.Equal(3, first.Count);
            Assert.Equal(2, second.Count);
            Assert.Empty(first.Intersect(second));
            Assert.DoesNotContain(done, first.Concat(second));

            Assert.False(await claims.TryClaimAsync("b", first[0], TimeSpan.FromMinutes(5)));
            Assert.True(await claims.TryClaimAsync("a", first[0], TimeSpan.FromMinutes(5)));
            await claims.ReleaseAsync("b", [first[0]]);
            Assert.False(await claims.TryClaimAsync("b", first[0], TimeSpan.FromMinutes(5)));
            await claims.ReleaseAsync("a", [first[0]]);
            Assert.True(await claims.TryClaimAsync("b", first[0], TimeSpan.FromMilliseconds(50)));
            await Task.Delay(200);
            Assert.True(await claims.TryClaimAsync("a", first[0], TimeSpan.FromMinutes(5)));

            await CursorRoundTripAsync((IPollingCursorStore)store);
        }
        finally
        {
            await Databases.DropSchemaAsync(schema);
        }
    }

    private static ServiceProvider OwnSqlite(string file)
    {
        var services = new ServiceCollection();
        services.AddAmazonFulfillmentEntityFrameworkCore(db => db.UseSqlite(Databases.Sqlite(file)));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    private static async Task CursorRoundTripAsync(IPollingCursorStore cursors)
    {
        var name = "orders:" + Guid.NewGuid().ToString("N");
        Assert.Null(await cursors.LoadCursorAsync(name));

        var inWindow = new PollingCursor(T0, T0.AddMinutes(1), T0.AddMinutes(30), "page-2", T0.AddMinutes(31));
        await cursors.SaveCursorAsync(name, inWindow);
        Assert.Equal(inWindow, await cursors.LoadCursorAsync(name));

        var between = new PollingCursor(T0.AddMinutes(30), null, null, null, new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.FromHours(2)));
        await cursors.SaveCursorAsync(name, between);
        var loaded = await cursors.LoadCursorAsync(name);
        Assert.NotNull(loaded);
        Assert.Equal(between.Watermark, loaded.Watermark);
        Assert.Null(loaded.PageToken);
        Assert.False(loaded.InWindow);
        Assert.Equal(between.SavedAt.UtcDateTime, loaded.SavedAt.UtcDateTime);
    }

    private static FulfillmentOrder Order(AmazonOrderId id, bool withWork) => new()
    {
        Id = id,
        Channel = FulfillmentChannel.Merchant,
        State = OrderState.Unshipped,
        AmazonStatus = AmazonOrderStatus.Unshipped,
        LastUpdateDate = T0,
        PurchaseDate = T0,
        Outbox = withWork ? [new PendingEffect(new FetchOrderItems(id, AmazonOrderStatus.Unshipped))] : ImmutableArray<PendingEffect>.Empty,
    };

    private static AmazonOrderId NewOrderId() =>
        AmazonOrderId.Parse(string.Create(CultureInfo.InvariantCulture, $"8{RandomNumberGenerator.GetInt32(10, 100)}-{RandomNumberGenerator.GetInt32(0, 10_000_000):D7}-{RandomNumberGenerator.GetInt32(0, 10_000_000):D7}"));

    private sealed class UnmappedDbContext(DbContextOptions<UnmappedDbContext> options) : DbContext(options);
}
