using AmazonFulfillment.Ports;
using AmazonFulfillment.PostgreSql.Tests.Support;
using AmazonFulfillment.Verification.Conformance;
using Npgsql;

namespace AmazonFulfillment.PostgreSql.Tests;

/// <summary>The PostgreSQL store passes the verification kit's order store conformance suite; each test gets a table of its own.</summary>
[RequiresEnvironmentVariable(PostgreSqlDatabase.Variable, Tables.Reason)]
public sealed class PostgreSqlOrderStoreConformanceTests : OrderStoreConformanceTests, IAsyncDisposable
{
    private readonly Tables _tables = new();

    protected override Task<IOrderStore> CreateStoreAsync() => _tables.NewStoreAsync();

    public ValueTask DisposeAsync() => _tables.DisposeAsync();
}

/// <summary>The PostgreSQL store passes the verification kit's claims conformance suite (leases split between hosts).</summary>
[RequiresEnvironmentVariable(PostgreSqlDatabase.Variable, Tables.Reason)]
public sealed class PostgreSqlOrderClaimsConformanceTests : OrderClaimsConformanceTests, IAsyncDisposable
{
    private readonly Tables _tables = new();

    protected override Task<IOrderStore> CreateStoreAsync() => _tables.NewStoreAsync();

    public ValueTask DisposeAsync() => _tables.DisposeAsync();
}

/// <summary>The PostgreSQL store passes the verification kit's polling cursor conformance suite.</summary>
[RequiresEnvironmentVariable(PostgreSqlDatabase.Variable, Tables.Reason)]
public sealed class PostgreSqlPollingCursorConformanceTests : PollingCursorStoreConformanceTests, IAsyncDisposable
{
    private readonly Tables _tables = new();

    protected override Task<IOrderStore> CreateStoreAsync() => _tables.NewStoreAsync();

    public ValueTask DisposeAsync() => _tables.DisposeAsync();
}

/// <summary>A table of its own for every store a conformance test creates, dropped when the test ends.</summary>
internal sealed class Tables : IAsyncDisposable
{
    public const string Reason = "set it to an Npgsql connection string of a database the user may create tables in; .ci/run sets one up.";

    private readonly List<(NpgsqlDataSource DataSource, string Table)> _stores = [];

    public Task<IOrderStore> NewStoreAsync()
    {
        var dataSource = PostgreSqlDatabase.NewDataSource();
        var table = PostgreSqlDatabase.NewTableName();
        _stores.Add((dataSource, table));
        return Task.FromResult<IOrderStore>(PostgreSqlDatabase.NewStore(dataSource, table));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (dataSource, table) in _stores)
        {
            await PostgreSqlDatabase.DropAsync(dataSource, table);
            await dataSource.DisposeAsync();
        }
    }
}
