using System.Globalization;
using AmazonFulfillment.EntityFrameworkCore;
using AmazonFulfillment.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AmazonFulfillment.EntityFrameworkCore.Tests.Support;

/// <summary>A host's own context: an entity of its own beside the Amazon fulfillment tables it maps.</summary>
public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options)
{
    public DbSet<ShopProduct> Products => Set<ShopProduct>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ShopProduct>().ToTable("shop_products");
        modelBuilder.AddAmazonFulfillment();
    }
}

public sealed class ShopProduct
{
    public int Id { get; set; }

    public string Sku { get; set; } = "";
}

/// <summary>The test databases: SQLite files in a temporary folder, and a schema of its own per store on the PostgreSQL server.</summary>
internal static class Databases
{
    public const string PostgresVariable = "AMAZONFULFILLMENT_POSTGRES";

    public const string PostgresReason = "set it to an Npgsql connection string of a database the user may create schemas in; .ci/run sets one up.";

    private static int s_marked;

    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable(PostgresVariable);

    /// <summary>A new SQLite file path in a folder of its own (deleted by <see cref="DeleteSqlite"/>).</summary>
    public static string NewSqliteFile()
    {
        var folder = Path.Combine(Path.GetTempPath(), "amazonfulfillment-ef-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, "orders.db");
    }

    public static string Sqlite(string file) => $"Data Source={file}";

    public static void DeleteSqlite(string file)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary folder.
        }
    }

    /// <summary>A new schema name, so that EF tests never meet the PostgreSQL store tests' tables nor one another's.</summary>
    public static string NewSchema() => string.Create(CultureInfo.InvariantCulture, $"af_ef_{Guid.NewGuid():N}");

    /// <summary>The PostgreSQL connection string with a small pool; marks the run so that CI can tell the tests were not skipped.</summary>
    public static string Postgres()
    {
        var connectionString = PostgresConnectionString;
        Assert.False(string.IsNullOrWhiteSpace(connectionString), $"{PostgresVariable} is not set.");
        Mark();
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 10, Timeout = 60 }.ConnectionString;
    }

    public static async Task DropSchemaAsync(string schema)
    {
        await using var dataSource = NpgsqlDataSource.Create(Postgres());
        await using var command = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The host-context registration over a SQLite file: the host creates its tables (as its migrations would).</summary>
    public static async Task<ServiceProvider> SqliteHostAsync(string file)
    {
        var services = new ServiceCollection();
        services.AddDbContext<ShopDbContext>(db => db.UseSqlite(Sqlite(file)));
        services.AddAmazonFulfillmentEntityFrameworkCore<ShopDbContext>();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await using (var scope = provider.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            await context.Database.EnsureCreatedAsync();
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        return provider;
    }

    /// <summary>The own-context registration on PostgreSQL, in a schema of its own that the store creates.</summary>
    public static ServiceProvider PostgresOwn(string schema)
    {
        var services = new ServiceCollection();
        services.AddAmazonFulfillmentEntityFrameworkCore(db => db.UseNpgsql(Postgres()), o => o.Schema = schema);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public static IOrderStore Store(IServiceProvider services) => services.GetRequiredService<IOrderStore>();

    private static void Mark()
    {
        var marker = Environment.GetEnvironmentVariable("AMAZONFULFILLMENT_POSTGRES_MARKER");
        if (!string.IsNullOrEmpty(marker) && Interlocked.Exchange(ref s_marked, 1) == 0)
        {
            File.AppendAllText(marker, "AmazonFulfillment.EntityFrameworkCore.Tests ran against PostgreSQL" + Environment.NewLine);
        }
    }
}

/// <summary>A fact that needs a PostgreSQL server: skipped, saying how to run it, when <c>AMAZONFULFILLMENT_POSTGRES</c> is not set.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Databases.PostgresConnectionString))
        {
            Skip = $"Needs PostgreSQL: {Databases.PostgresVariable} is not set: {Databases.PostgresReason}";
        }
    }
}
