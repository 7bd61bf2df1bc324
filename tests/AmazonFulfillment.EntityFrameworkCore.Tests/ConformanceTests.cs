using AmazonFulfillment.EntityFrameworkCore.Tests.Support;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Verification.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace AmazonFulfillment.EntityFrameworkCore.Tests;

/// <summary>The EF Core store on SQLite (a file in WAL mode, through the host's own context) passes the kit's store conformance suite.</summary>
public sealed class SqliteOrderStoreConformanceTests : OrderStoreConformanceTests, IAsyncDisposable
{
    private readonly SqliteStore _store = new();

    protected override Task<IOrderStore> CreateStoreAsync() => _store.GetAsync();

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}

/// <summary>The EF Core store on SQLite passes the kit's polling cursor conformance suite.</summary>
public sealed class SqlitePollingCursorConformanceTests : PollingCursorStoreConformanceTests, IAsyncDisposable
{
    private readonly SqliteStore _store = new();

    protected override Task<IOrderStore> CreateStoreAsync() => _store.GetAsync();

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}

/// <summary>The EF Core store on PostgreSQL (its own context, in a schema of its own) passes the kit's store conformance suite.</summary>
[RequiresEnvironmentVariable(Databases.PostgresVariable, Databases.PostgresReason)]
public sealed class PostgreSqlOrderStoreConformanceTests : OrderStoreConformanceTests, IAsyncDisposable
{
    private readonly PostgreSqlSchemaStore _store = new();

    protected override Task<IOrderStore> CreateStoreAsync() => _store.GetAsync();

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}

/// <summary>The EF Core store on PostgreSQL passes the kit's claims conformance suite (leases split between hosts).</summary>
[RequiresEnvironmentVariable(Databases.PostgresVariable, Databases.PostgresReason)]
public sealed class PostgreSqlOrderClaimsConformanceTests : OrderClaimsConformanceTests, IAsyncDisposable
{
    private readonly PostgreSqlSchemaStore _store = new();

    protected override Task<IOrderStore> CreateStoreAsync() => _store.GetAsync();

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}

/// <summary>The EF Core store on PostgreSQL passes the kit's polling cursor conformance suite.</summary>
[RequiresEnvironmentVariable(Databases.PostgresVariable, Databases.PostgresReason)]
public sealed class PostgreSqlPollingCursorConformanceTests : PollingCursorStoreConformanceTests, IAsyncDisposable
{
    private readonly PostgreSqlSchemaStore _store = new();

    protected override Task<IOrderStore> CreateStoreAsync() => _store.GetAsync();

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}

/// <summary>A test's store on a SQLite file of its own (a host's own context), deleted when the test ends.</summary>
internal sealed class SqliteStore : IAsyncDisposable
{
    private readonly string _file = Databases.NewSqliteFile();
    private ServiceProvider? _services;

    public async Task<IOrderStore> GetAsync()
    {
        _services ??= await Databases.SqliteHostAsync(_file);
        return Databases.Store(_services);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        Databases.DeleteSqlite(_file);
    }
}

/// <summary>A test's store on PostgreSQL in a schema of its own (the store's own context), dropped when the test ends.</summary>
internal sealed class PostgreSqlSchemaStore : IAsyncDisposable
{
    private readonly string _schema = Databases.NewSchema();
    private ServiceProvider? _services;

    public Task<IOrderStore> GetAsync()
    {
        _services ??= Databases.PostgresOwn(_schema);
        return Task.FromResult(Databases.Store(_services));
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
            await Databases.DropSchemaAsync(_schema);
        }
    }
}
