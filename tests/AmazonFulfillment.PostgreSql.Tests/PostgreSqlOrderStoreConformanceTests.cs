using AmazonFulfillment.Ports;
using AmazonFulfillment.PostgreSql.Tests.Support;
using AmazonFulfillment.Verification.Conformance;
using Npgsql;

namespace AmazonFulfillment.PostgreSql.Tests;

/// <summary>The PostgreSQL store passes the verification kit's order store conformance suite; each test gets a table of its own.</summary>
[RequiresEnvironmentVariable(PostgreSqlDatabase.Variable, "set it to an Npgsql connection string of a database the user may create tables in; .ci/run sets one up.")]
public sealed class PostgreSqlOrderStoreConformanceTests : OrderStoreConformanceTests, IAsyncDisposable
{
    private readonly List<(NpgsqlDataSource DataSource, string Table)> _stores = [];

    protected override Task<IOrderStore> CreateStoreAsync()
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

/// <summary>The PostgreSQL store passes the verification kit's conformance suite of claims (leases split between hosts); each test gets a table of its own.</summary>
[RequiresEnvironmentVariable(PostgreSqlDatabase.Variable, "set it to an Npgsql connection string of a database the user may create tables in; .ci/run sets one up.")]
public sealed class PostgreSqlOrderClaimsConformanceTests : OrderClaimsConformanceTests, IAsyncDisposable
{
    private readonly List<(NpgsqlDataSource DataSource, string Table)> _stores = [];

    protected override Task<IOrderStore> CreateStoreAsync()
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

/// <summary>The PostgreSQL store passes the verification kit's conformance suite of polling cursors; each test gets a table of its own.</summary>
[RequiresEnvironmentVariable(PostgreSqlDatabase.Variable, "set it to an Npgsql connection string of a database the user may create tables in; .ci/run sets one up.")]
public sealed class PostgreSqlPollingCursorConformanceTests : PollingCursorStoreConformanceTests, IAsyncDisposable
{
    private readonly List<(NpgsqlDataSource DataSource, string Table)> _stores = [];

    protected override Task<IOrderStore> CreateStoreAsync()
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
