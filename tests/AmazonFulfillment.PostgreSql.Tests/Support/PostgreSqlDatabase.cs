using System.Globalization;
using Npgsql;

namespace AmazonFulfillment.PostgreSql.Tests.Support;

/// <summary>The test database: every store gets a table of its own, so tests run in parallel without seeing each other.</summary>
internal static class PostgreSqlDatabase
{
    public const string Variable = "AMAZONFULFILLMENT_POSTGRES";

    private static int s_marked;

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);

    /// <summary>A new data source, as one host has; marks the run so that CI can tell the tests were not skipped.</summary>
    public static NpgsqlDataSource NewDataSource()
    {
        var connectionString = ConnectionString;
        Assert.False(string.IsNullOrWhiteSpace(connectionString), $"{Variable} is not set.");
        Mark();

        // Many hosts and test classes share one server (max_connections defaults to 100): each host gets a small pool.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 8, Timeout = 60 };
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public static string NewTableName() => string.Create(CultureInfo.InvariantCulture, $"orders_test_{Guid.NewGuid():N}");

    public static PostgreSqlOrderStore NewStore(NpgsqlDataSource dataSource, string table) =>
        new(dataSource, new PostgreSqlOrderStoreOptions { TableName = table });

    public static async Task DropAsync(NpgsqlDataSource dataSource, string table)
    {
        await using var command = dataSource.CreateCommand($"DROP TABLE IF EXISTS {table}; DROP TABLE IF EXISTS {table}_cursors; DROP TABLE IF EXISTS {table}_leases; DROP TABLE IF EXISTS {table}_feed_orders");
        await command.ExecuteNonQueryAsync();
    }

    private static void Mark()
    {
        var marker = Environment.GetEnvironmentVariable("AMAZONFULFILLMENT_POSTGRES_MARKER");
        if (!string.IsNullOrEmpty(marker) && Interlocked.Exchange(ref s_marked, 1) == 0)
        {
            File.AppendAllText(marker, "AmazonFulfillment.PostgreSql.Tests ran against PostgreSQL" + Environment.NewLine);
        }
    }
}
