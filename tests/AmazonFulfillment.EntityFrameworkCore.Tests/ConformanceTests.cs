using AmazonFulfillment.EntityFrameworkCore.Tests.Support;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Verification.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace AmazonFulfillment.EntityFrameworkCore.Tests;

/// <summary>The EF Core store on SQLite (a file in WAL mode, through the host's own context) passes the kit's store conformance suite.</summary>
public sealed class SqliteOrderStoreConformanceTests : OrderStoreConformanceTests, IAsyncDisposable
{
    private readonly string _file = Databases.NewSqliteFile();
    private ServiceProvider? _services;

    protected override async Task<IOrderStore> CreateStoreAsync()
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

/// <summary>The EF Core store on PostgreSQL (its own context, in a schema of its own) passes the kit's store conformance suite.</summary>
[RequiresEnvironmentVariable(Databases.PostgresVariable, Databases.PostgresReason)]
public sealed class PostgreSqlOrderStoreConformanceTests : OrderStoreConformanceTests, IAsyncDisposable
{
    private readonly string _schema = Databases.NewSchema();
    private ServiceProvider? _services;

    protected override Task<IOrderStore> CreateStoreAsync()
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

/// <summary>The EF Core store on SQLite (a file in WAL mode, through the host's own context) passes the kit's polling cursor conformance suite.</summary>
public sealed class SqlitePollingCursorConformanceTests : PollingCursorStoreConformanceTests, IAsyncDisposable
{
    private readonly string _file = Databases.NewSqliteFile();
    private ServiceProvider? _services;

    protected override async Task<IOrderStore> CreateStoreAsync()
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


/// <summary>The EF Core store on PostgreSQL (its own context, in a schema of its own) passes the kit's claims conformance suite.</summary>
[RequiresEnvironmentVariable(Databases.PostgresVariable, Databases.PostgresReason)]
public sealed class PostgreSqlOrderClaimsConformanceTests : OrderClaimsConformanceTests, IAsyncDisposable
{
    private readonly string _schema = Databases.NewSchema();
    private ServiceProvider? _services;

    protected override Task<IOrderStore> CreateStoreAsync()
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

/// <summary>The EF Core store on PostgreSQL (its own context, in a schema of its own) passes the kit's polling cursor conformance suite.</summary>
[RequiresEnvironmentVariable(Databases.PostgresVariable, Databases.PostgresReason)]
public sealed class PostgreSqlPollingCursorConformanceTests : PollingCursorStoreConformanceTests, IAsyncDisposable
{
    private readonly string _schema = Databases.NewSchema();
    private ServiceProvider? _services;

    protected override Task<IOrderStore> CreateStoreAsync()
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
