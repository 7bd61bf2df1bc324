using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.SellingPartner;
using AmazonFulfillment.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AmazonFulfillment.EntityFrameworkCore;

/// <summary>
/// An <see cref="IOrderStore"/> in a host's database through EF Core: the tables mapped by
/// <c>modelBuilder.AddAmazonFulfillment()</c> in the host's <typeparamref name="TContext"/> (or in the
/// store's own <see cref="AmazonFulfillmentDbContext"/>). Each tracked order is one row: its JSON document (written by
/// <see cref="OrderDocumentSerializer"/>, the PostgreSQL store's format), a <c>version</c> that a save must match (the concurrency
/// token: a stale save changes nothing and returns <see langword="null"/>), and a <c>has_work</c> flag indexed for the sweeps. As an
/// <see cref="IPollingCursorStore"/> it keeps the order pollers' cursors in a second table; as an <see cref="IPollerLeaseStore"/> the
/// pollers' leases (a conditional update on the lease row as it was read, expiry by the store's clock; the PostgreSQL variant lets
/// the database's clock decide); as an <see cref="ISubmittedFeedStore"/> the submitted cancellation feeds. Every call uses a context of its own, so
/// the host's contexts and their change tracking are never touched. It does not implement <see cref="IOrderClaims"/>: one host only
/// (SQLite is a file on one machine); on PostgreSQL the registration uses <see cref="EntityFrameworkCorePostgreSqlOrderStore{TContext}"/>,
/// which adds claims for several hosts. Thread-safe.
/// </summary>
/// <typeparam name="TContext">The context whose model maps the tables.</typeparam>
public partial class EntityFrameworkCoreOrderStore<TContext> : IOrderStore, IPollingCursorStore, IShipByIndex, IPollerLeaseStore, ISubmittedFeedStore
    where TContext : DbContext
{
    internal const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";
    internal const string PostgreSqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    private readonly Func<ContextLease> _rent;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _ready = new(1, 1);
    private volatile bool _isReady;

    /// <summary>Creates a store over a context factory (such as the one <c>AddDbContextFactory</c> registers).</summary>
    /// <param name="contexts">Creates the contexts the store uses, one per call; the store disposes them.</param>
    /// <param name="options">The store options; defaults (no table creation) when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock of <c>updated_at</c>; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="contexts"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public EntityFrameworkCoreOrderStore(IDbContextFactory<TContext> contexts, EntityFrameworkCoreOrderStoreOptions? options = null, TimeProvider? timeProvider = null)
        : this(Renter(contexts), options, timeProvider)
    {
    }

    internal EntityFrameworkCoreOrderStore(Func<ContextLease> rent, EntityFrameworkCoreOrderStoreOptions? options, TimeProvider? timeProvider)
    {
        Options = options ?? new EntityFrameworkCoreOrderStoreOptions();
        Problems.ThrowIfAny(Options.Validate(), "EF Core order store options", nameof(options), ProblemCodes.SettingsOptionsInvalid);
        _rent = rent;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets the store options.</summary>
    public EntityFrameworkCoreOrderStoreOptions Options { get; }

    /// <summary>
    /// Checks that the context maps the tables and, with <see cref="EntityFrameworkCoreOrderStoreOptions.CreateTablesIfMissing"/>,
    /// creates the database and tables when missing (on SQLite it also switches the file to write-ahead logging). Runs by itself
    /// on first use; call it at start-up to fail early.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the store is ready.</returns>
    /// <exception cref="InvalidOperationException">The context does not map the tables.</exception>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        if (_isReady)
        {
            return;
        }

        await _ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_isReady)
            {
                await using var lease = _rent();
                await PrepareAsync(lease.Context, cancellationToken).ConfigureAwait(false);
                _isReady = true;
            }
        }
        finally
        {
            _ready.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<StoredOrder?> LoadAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var id = amazonOrderId.Value;
        await using var lease = _rent();
        var row = await lease.Context.Set<AmazonFulfillmentOrderRecord>().AsNoTracking()
            .Where(o => o.Id == id)
            .Select(o => new { o.Version, o.Document })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return row is null ? null : new StoredOrder(OrderDocumentSerializer.Deserialize(row.Document), row.Version);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="order"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedVersion"/> is negative.</exception>
    public async ValueTask<long?> SaveAsync(FulfillmentOrder order, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var id = order.Id.Value;
        var state = order.State.ToString();
        var hasWork = order.HasUnfinishedWork;
        var shipBy = order.ShipByDeadline?.ToUnixTimeMilliseconds();
        var document = OrderDocumentSerializer.Serialize(order);
        var now = _time.GetUtcNow().ToUniversalTime();
        var next = expectedVersion + 1;

        if (expectedVersion == 0)
        {
            await using (var lease = _rent())
            {
                lease.Context.Set<AmazonFulfillmentOrderRecord>().Add(new AmazonFulfillmentOrderRecord
                {
                    Id = id,
                    Version = 1,
                    State = state,
                    HasWork = hasWork,
                    ShipBy = shipBy,
                    Document = document,
                    UpdatedAt = now,
                });
                try
                {
                    await lease.Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    return 1;
                }
                catch (DbUpdateException)
                {
                    // Most likely the key exists: another save created the order first. Anything else is rethrown.
                }
            }

            if (await ExistsAsync(id, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            throw ProblemCodes.Attach(ProblemCodes.StoreSaveFailed, new DbUpdateException($"Saving new order {id} failed, and it is not stored."));
        }

        // The version is the concurrency token: the row changes only while it still has the version the order was loaded at.
        await using var update = _rent();
        var rows = await update.Context.Set<AmazonFulfillmentOrderRecord>()
            .Where(o => o.Id == id && o.Version == expectedVersion)
            .ExecuteUpdateAsync(
                s => s.SetProperty(o => o.Version, next)
                    .SetProperty(o => o.State, state)
                    .SetProperty(o => o.HasWork, hasWork)
                    .SetProperty(o => o.ShipBy, shipBy)
                    .SetProperty(o => o.Document, document)
                    .SetProperty(o => o.UpdatedAt, now),
                cancellationToken).ConfigureAwait(false);
        return rows == 1 ? next : null;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<AmazonOrderId>> ListUnfinishedAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = _rent();
        var rows = await lease.Context.Set<AmazonFulfillmentOrderRecord>().AsNoTracking()
            .Where(o => o.HasWork)
            .Select(o => new { o.Id, o.ShipBy })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // Sorted here, not by the database, so that ties are in the ordinal order whatever the column's collation.
        return rows
            .Select(r => (Id: AmazonOrderId.Parse(r.Id), Deadline: r.ShipBy ?? long.MaxValue))
            .OrderBy(r => r.Deadline)
            .ThenBy(r => r.Id)
            .Select(r => r.Id)
            .ToList();
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is below 1.</exception>
    public async ValueTask<IReadOnlyList<AmazonOrderId>> ListShipByAsync(DateTimeOffset deadlineBefore, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var before = deadlineBefore.ToUnixTimeMilliseconds();
        await using var lease = _rent();
        var rows = await lease.Context.Set<AmazonFulfillmentOrderRecord>().AsNoTracking()
            .Where(o => o.ShipBy != null && o.ShipBy <= before)
            .OrderBy(o => o.ShipBy).ThenBy(o => o.Id)
            .Take(max)
            .Select(o => new { o.Id, o.ShipBy })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => (Id: AmazonOrderId.Parse(r.Id), r.ShipBy)).OrderBy(r => r.ShipBy).ThenBy(r => r.Id).Select(r => r.Id).ToList();
    }

    /// <summary>Rents a context for one call; disposing the lease disposes the context (and its scope).</summary>
    /// <returns>The lease.</returns>
    internal ContextLease Rent() => _rent();

    private static Func<ContextLease> Renter(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        return () => new ContextLease(contexts.CreateDbContext(), null);
    }

    private async Task<bool> ExistsAsync(string id, CancellationToken cancellationToken)
    {
        await using var lease = _rent();
        return await lease.Context.Set<AmazonFulfillmentOrderRecord>().AsNoTracking().AnyAsync(o => o.Id == id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A context for one call, with the scope it was resolved from (when it came from the container).</summary>
    /// <param name="Context">The context.</param>
    /// <param name="Scope">The scope that owns it, or <see langword="null"/> when the lease owns the context.</param>
    internal readonly record struct ContextLease(TContext Context, AsyncServiceScope? Scope) : IAsyncDisposable, IDisposable
    {
        public ValueTask DisposeAsync() => Scope is { } scope ? scope.DisposeAsync() : Context.DisposeAsync();

        public void Dispose()
        {
            if (Scope is { } scope)
            {
                ((IDisposable)scope).Dispose();
            }
            else
            {
                Context.Dispose();
            }
        }
    }
}
