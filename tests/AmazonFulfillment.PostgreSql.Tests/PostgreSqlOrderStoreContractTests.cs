using AmazonFulfillment.Ports;
using AmazonFulfillment.PostgreSql.Tests.Support;
using Npgsql;

namespace AmazonFulfillment.PostgreSql.Tests;

/// <summary>The PostgreSQL store meets the order store contract; each test gets a table of its own.</summary>
public sealed class PostgreSqlOrderStoreContractTests : OrderStoreContractTests, IAsyncDisposable
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
