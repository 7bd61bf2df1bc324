using System.Data.Common;
using AmazonFulfillment.Domain;
using System.Collections.Immutable;
using AmazonFulfillment.Ports;
using AmazonFulfillment.SellingPartner;
using AmazonFulfillment.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;
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
public class EntityFrameworkCoreOrderStore<TContext> : IOrderStore, IPollingCursorStore, IShipByIndex, IPollerLeaseStore, ISubmittedFeedStore
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
        Problems.ThrowIfAny(Options.Validate(), "EF Core order store options", nameof(options));
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

            throw new DbUpdateException($"Saving new order {id} failed, and it is not stored.");
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
            .OrderBy(o => o.ShipBy)
            .Take(max)
            .Select(o => new { o.Id, o.ShipBy })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => (Id: AmazonOrderId.Parse(r.Id), r.ShipBy)).OrderBy(r => r.ShipBy).ThenBy(r => r.Id).Select(r => r.Id).ToList();
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public async ValueTask<PollingCursor?> LoadCursorAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = _rent();
        var row = await lease.Context.Set<AmazonFulfillmentCursorRecord>().AsNoTracking()
            .FirstOrDefaultAsync(c => c.Name == name, cancellationToken).ConfigureAwait(false);
        return row is null ? null : new PollingCursor(row.Watermark, row.WindowStart, row.WindowEnd, row.PageToken, row.SavedAt);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="cursor"/> is null.</exception>
    public async ValueTask SaveCursorAsync(string name, PollingCursor cursor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(cursor);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var watermark = cursor.Watermark?.ToUniversalTime();
        var windowStart = cursor.WindowStart?.ToUniversalTime();
        var windowEnd = cursor.WindowEnd?.ToUniversalTime();
        var pageToken = cursor.PageToken;
        var savedAt = cursor.SavedAt.ToUniversalTime();
        for (var attempt = 1; ; attempt++)
        {
            await using var lease = _rent();
            var rows = await lease.Context.Set<AmazonFulfillmentCursorRecord>()
                .Where(c => c.Name == name)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(c => c.Watermark, watermark)
                        .SetProperty(c => c.WindowStart, windowStart)
                        .SetProperty(c => c.WindowEnd, windowEnd)
                        .SetProperty(c => c.PageToken, pageToken)
                        .SetProperty(c => c.SavedAt, savedAt),
                    cancellationToken).ConfigureAwait(false);
            if (rows > 0)
            {
                return;
            }

            lease.Context.Set<AmazonFulfillmentCursorRecord>().Add(new AmazonFulfillmentCursorRecord
            {
                Name = name,
                Watermark = watermark,
                WindowStart = windowStart,
                WindowEnd = windowEnd,
                PageToken = pageToken,
                SavedAt = savedAt,
            });
            try
            {
                await lease.Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another saver inserted the cursor first: update it instead.
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="owner"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is not positive.</exception>
    public async ValueTask<bool> TryAcquireLeaseAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        CheckLease(name, owner, duration);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await TakeLeaseAsync(name, owner, duration, renewOnly: false, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="owner"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is not positive.</exception>
    public async ValueTask<bool> RenewLeaseAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        CheckLease(name, owner, duration);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await TakeLeaseAsync(name, owner, duration, renewOnly: true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="owner"/> is blank.</exception>
    public async ValueTask ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = _rent();
        await lease.Context.Set<AmazonFulfillmentLeaseRecord>()
            .Where(l => l.Name == name && l.Owner == owner)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="feed"/> is null.</exception>
    /// <exception cref="ArgumentException">The feed has no seller, no feed id or no orders.</exception>
    public async ValueTask SaveSubmittedFeedAsync(SubmittedFeed feed, CancellationToken cancellationToken = default)
    {
        SubmittedFeed.ThrowIfInvalid(feed);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var feedId = feed.FeedId;
        await using var lease = _rent();
        var context = lease.Context;
        var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            // Saved again (a retry after a failure): the feed's rows are replaced, never doubled.
            await context.Set<AmazonFulfillmentFeedOrderRecord>().Where(f => f.FeedId == feedId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            context.Set<AmazonFulfillmentFeedOrderRecord>().AddRange(feed.Orders.Select(o => new AmazonFulfillmentFeedOrderRecord
            {
                FeedId = feedId,
                AmazonOrderId = o.AmazonOrderId.Value,
                SellerId = feed.SellerId,
                MessageId = o.MessageId,
                Reason = o.Reason,
                SubmittedAt = feed.SubmittedAt.ToUniversalTime(),
            }));
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="sellerId"/> is blank.</exception>
    public async ValueTask<SubmittedFeed?> FindSubmittedFeedAsync(string sellerId, AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sellerId);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var id = amazonOrderId.Value;
        await using var lease = _rent();
        var rows = lease.Context.Set<AmazonFulfillmentFeedOrderRecord>().AsNoTracking();

        // The latest feed is picked here, not by the database: SQLite cannot order by a DateTimeOffset.
        var feeds = await rows.Where(f => f.SellerId == sellerId && f.AmazonOrderId == id)
            .Select(f => new { f.FeedId, f.SubmittedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (feeds.Count == 0)
        {
            return null;
        }

        var latest = feeds.OrderByDescending(f => f.SubmittedAt).ThenByDescending(f => f.FeedId, StringComparer.Ordinal).First();
        var orders = await rows.Where(f => f.FeedId == latest.FeedId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new SubmittedFeed(
            sellerId,
            latest.FeedId,
            [.. orders.OrderBy(o => o.MessageId).Select(o => new SubmittedFeedOrder(AmazonOrderId.Parse(o.AmazonOrderId), o.MessageId, o.Reason))],
            latest.SubmittedAt.ToUniversalTime());
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="feedId"/> is blank.</exception>
    public async ValueTask ForgetSubmittedOrderAsync(string feedId, AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feedId);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var id = amazonOrderId.Value;
        await using var lease = _rent();
        await lease.Context.Set<AmazonFulfillmentFeedOrderRecord>()
            .Where(f => f.FeedId == feedId && f.AmazonOrderId == id)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="feedId"/> is blank.</exception>
    public async ValueTask ForgetSubmittedFeedAsync(string feedId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feedId);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = _rent();
        await lease.Context.Set<AmazonFulfillmentFeedOrderRecord>().Where(f => f.FeedId == feedId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes (or, with <paramref name="renewOnly"/>, only renews) a lease: the row is read, the decision made on the store's clock, and
    /// the row changed only while it still is as read (a conditional update), so two takers never both win. The PostgreSQL store
    /// overrides it to let the database's clock decide.
    /// </summary>
    private protected virtual async Task<bool> TakeLeaseAsync(string name, string owner, TimeSpan duration, bool renewOnly, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var now = _time.GetUtcNow().ToUniversalTime();
            var until = now + duration;
            await using var lease = _rent();
            var leases = lease.Context.Set<AmazonFulfillmentLeaseRecord>();
            var row = await leases.AsNoTracking().FirstOrDefaultAsync(l => l.Name == name, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                if (renewOnly)
                {
                    return false;
                }

                leases.Add(new AmazonFulfillmentLeaseRecord { Name = name, Owner = owner, ExpiresAt = until });
                try
                {
                    await lease.Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    return true;
                }
                catch (DbUpdateException)
                {
                    continue; // another taker inserted it first: read it again
                }
            }

            var expired = row.ExpiresAt <= now;
            if (renewOnly ? row.Owner != owner || expired : row.Owner != owner && !expired)
            {
                return false;
            }

            var (heldBy, heldUntil) = (row.Owner, row.ExpiresAt);
            var rows = await leases
                .Where(l => l.Name == name && l.Owner == heldBy && l.ExpiresAt == heldUntil)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, owner).SetProperty(l => l.ExpiresAt, until), cancellationToken).ConfigureAwait(false);
            if (rows == 1)
            {
                return true;
            }
        }

        return false; // changed under us every time: someone else is taking it
    }

    /// <summary>Rents a context for one call; disposing the lease disposes the context (and its scope).</summary>
    /// <returns>The lease.</returns>
    internal ContextLease Rent() => _rent();

    /// <summary>Runs once, before the first call: checks the model, and creates what is missing when asked to.</summary>
    /// <param name="context">A context.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    private protected virtual async Task PrepareAsync(TContext context, CancellationToken cancellationToken)
    {
        if (TableTypes.Any(t => context.Model.FindEntityType(t) is null))
        {
            throw new InvalidOperationException(
                $"{typeof(TContext).Name} does not map the Amazon fulfillment tables: call modelBuilder.AddAmazonFulfillment() in its OnModelCreating.");
        }

        if (!Options.CreateTablesIfMissing)
        {
            return;
        }

        var creator = context.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await creator.CreateAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Another process may have created it first; if not, this fails again below.
                if (!await creator.ExistsAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw;
                }
            }
        }

        if (context.Database.ProviderName == SqliteProvider)
        {
            // Readers do not block the writer, and a commit is one append: the file's journal mode persists.
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }

        var missing = await MissingTablesAsync(cancellationToken).ConfigureAwait(false);
        if (missing.Count == 0)
        {
            return;
        }

        try
        {
            if (missing.Count == TableTypes.Length)
            {
                await creator.CreateTablesAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await CreateTablesAsync(context, missing, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Another process may have created them first.
            if ((await MissingTablesAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
            {
                throw;
            }
        }
    }

    /// <summary>Creates some of the tables (a database made before the leases and feed orders tables existed), with their indexes.</summary>
    private static async Task CreateTablesAsync(TContext context, IReadOnlyCollection<(string Name, string? Schema)> tables, CancellationToken cancellationToken)
    {
        var model = context.GetService<IDesignTimeModel>().Model;
        var operations = context.GetService<IMigrationsModelDiffer>().GetDifferences(null, model.GetRelationalModel())
            .Where(o => o switch
            {
                CreateTableOperation t => tables.Contains((t.Name, t.Schema)),
                CreateIndexOperation i => tables.Contains((i.Table, i.Schema)),
                _ => false,
            })
            .ToList();
        var commands = context.GetService<IMigrationsSqlGenerator>().Generate(operations, model);
        await context.GetService<IMigrationCommandExecutor>()
            .ExecuteNonQueryAsync(commands, context.GetService<IRelationalConnection>(), cancellationToken).ConfigureAwait(false);
    }

    private static Func<ContextLease> Renter(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        return () => new ContextLease(contexts.CreateDbContext(), null);
    }

    /// <summary>The tables the model must map.</summary>
    private static readonly Type[] TableTypes =
        [typeof(AmazonFulfillmentOrderRecord), typeof(AmazonFulfillmentCursorRecord), typeof(AmazonFulfillmentLeaseRecord), typeof(AmazonFulfillmentFeedOrderRecord)];

    private static void CheckLease(string name, string owner, TimeSpan duration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
    }

    /// <summary>The tables that do not exist: probed on the connection itself, so that a missing table is not logged as an EF Core error.</summary>
    private async Task<List<(string Name, string? Schema)>> MissingTablesAsync(CancellationToken cancellationToken)
    {
        await using var lease = _rent();
        var context = lease.Context;
        var sql = context.GetService<ISqlGenerationHelper>();
        var database = context.Database;
        await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var missing = new List<(string Name, string? Schema)>();
            foreach (var type in TableTypes)
            {
                var entity = context.Model.FindEntityType(type)!;
                await using var command = database.GetDbConnection().CreateCommand();
                command.CommandText = $"SELECT 1 FROM {sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema())} WHERE 1 = 0";
                try
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (DbException)
                {
                    missing.Add((entity.GetTableName()!, entity.GetSchema()));
                }
            }

            return missing;
        }
        finally
        {
            await database.CloseConnectionAsync().ConfigureAwait(false);
        }
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
