using System.Data.Common;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace AmazonFulfillment.EntityFrameworkCore;

/// <summary>
/// The EF Core order store on PostgreSQL (the Npgsql provider), shared by several hosts: as an <see cref="IOrderClaims"/> it leases
/// orders with unfinished work to one host at a time with <c>FOR UPDATE SKIP LOCKED</c>, as the PostgreSQL store does, so that the
/// hosts split the sweeps and a stopped host's leases expire and are taken over. Its poller leases (<see cref="SellingPartner.IPollerLeaseStore"/>)
/// are taken and renewed by one statement each. The database's clock decides expiry, of claims and poller leases alike. The
/// registration picks this store by itself when the context's provider is PostgreSQL. Thread-safe.
/// </summary>
/// <typeparam name="TContext">The context whose model maps the tables.</typeparam>
public sealed class EntityFrameworkCorePostgreSqlOrderStore<TContext> : EntityFrameworkCoreOrderStore<TContext>, IOrderClaims
    where TContext : DbContext
{
    private string _claimSql = "";
    private string _tryClaimSql = "";
    private string _releaseSql = "";
    private string _takeLeaseSql = "";
    private string _renewLeaseSql = "";

    /// <summary>Creates a store over a context factory whose contexts use the Npgsql provider.</summary>
    /// <param name="contexts">Creates the contexts the store uses, one per call; the store disposes them.</param>
    /// <param name="options">The store options; defaults (no table creation) when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock of <c>updated_at</c>; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="contexts"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public EntityFrameworkCorePostgreSqlOrderStore(IDbContextFactory<TContext> contexts, EntityFrameworkCoreOrderStoreOptions? options = null, TimeProvider? timeProvider = null)
        : base(contexts, options, timeProvider)
    {
    }

    internal EntityFrameworkCorePostgreSqlOrderStore(Func<ContextLease> rent, EntityFrameworkCoreOrderStoreOptions? options, TimeProvider? timeProvider)
        : base(rent, options, timeProvider)
    {
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="owner"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is below 1 or <paramref name="lease"/> is not positive.</exception>
    public async ValueTask<IReadOnlyList<AmazonOrderId>> ClaimUnfinishedAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var claimed = new List<(AmazonOrderId Id, long Deadline)>();
        await ExecuteAsync(_claimSql, [("owner", owner), ("max", max), ("lease", lease)], async command =>
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                claimed.Add((AmazonOrderId.Parse(reader.GetString(0)), reader.IsDBNull(1) ? long.MaxValue : reader.GetInt64(1)));
            }
        }, cancellationToken).ConfigureAwait(false);

        // The claim took the orders that can still be on time first and the already-late ones last; RETURNING keeps no order:
        // nearest deadline first again (the sweep moves the late ones after the others).
        return claimed.OrderBy(c => c.Deadline).ThenBy(c => c.Id).Select(c => c.Id).ToList();
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="owner"/> is blank or <paramref name="amazonOrderId"/> is the default value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lease"/> is not positive.</exception>
    public async ValueTask<bool> TryClaimAsync(string owner, AmazonOrderId amazonOrderId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        if (string.IsNullOrEmpty(amazonOrderId.Value))
        {
            throw ProblemCodes.Attach(ProblemCodes.InputOrderIdMissing, new ArgumentException("An Amazon order id is required.", nameof(amazonOrderId)));
        }

        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var rows = 0;
        await ExecuteAsync(_tryClaimSql, [("owner", owner), ("id", amazonOrderId.Value), ("lease", lease)], async command =>
            rows = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return rows == 1;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="owner"/> is blank.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="amazonOrderIds"/> is null.</exception>
    public async ValueTask ReleaseAsync(string owner, IReadOnlyCollection<AmazonOrderId> amazonOrderIds, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentNullException.ThrowIfNull(amazonOrderIds);
        cancellationToken.ThrowIfCancellationRequested();
        if (amazonOrderIds.Count == 0)
        {
            return;
        }

        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        string[] ids = [.. amazonOrderIds.Select(i => i.Value)];
        await ExecuteAsync(_releaseSql, [("owner", owner), ("ids", ids)], async command =>
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes or renews a poller lease in one statement, the database's clock deciding expiry.</summary>
    private protected override async Task<bool> TakeLeaseAsync(string name, string owner, TimeSpan duration, bool renewOnly, CancellationToken cancellationToken)
    {
        var rows = 0;
        await ExecuteAsync(renewOnly ? _renewLeaseSql : _takeLeaseSql, [("name", name), ("owner", owner), ("duration", duration)], async command =>
            rows = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return rows == 1;
    }

    /// <inheritdoc />
    private protected override async Task PrepareAsync(TContext context, CancellationToken cancellationToken)
    {
        if (context.Database.ProviderName != PostgreSqlProvider)
        {
            throw ProblemCodes.Attach(ProblemCodes.StoreProviderNotPostgreSql, new InvalidOperationException(
                $"The claiming EF Core order store needs PostgreSQL (the {PostgreSqlProvider} provider); {typeof(TContext).Name} uses {context.Database.ProviderName}."));
        }

        await base.PrepareAsync(context, cancellationToken).ConfigureAwait(false);

        // The table and column names as the host's model maps them.
        var entity = context.Model.FindEntityType(typeof(AmazonFulfillmentOrderRecord))!;
        var tableName = entity.GetTableName()!;
        var schema = entity.GetSchema();
        var storeObject = StoreObjectIdentifier.Table(tableName, schema);
        var sql = context.GetService<ISqlGenerationHelper>();
        var table = sql.DelimitIdentifier(tableName, schema);
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(storeObject)!);
        var id = Column(nameof(AmazonFulfillmentOrderRecord.Id));
        var hasWork = Column(nameof(AmazonFulfillmentOrderRecord.HasWork));
        var shipBy = Column(nameof(AmazonFulfillmentOrderRecord.ShipBy));
        var claimedBy = Column(nameof(AmazonFulfillmentOrderRecord.ClaimedBy));
        var claimedUntil = Column(nameof(AmazonFulfillmentOrderRecord.ClaimedUntil));

        _claimSql =
            $"""
            WITH candidates AS (
                SELECT {id} FROM {table}
                WHERE {hasWork} AND ({claimedUntil} IS NULL OR {claimedUntil} <= clock_timestamp())
                ORDER BY ({shipBy} IS NOT NULL AND {shipBy} < (extract(epoch FROM clock_timestamp()) * 1000)::bigint), {shipBy} NULLS LAST, {id} COLLATE "C"
                LIMIT @max
                FOR UPDATE SKIP LOCKED)
            UPDATE {table} AS o SET {claimedBy} = @owner, {claimedUntil} = clock_timestamp() + @lease
            FROM candidates WHERE o.{id} = candidates.{id}
            RETURNING o.{id}, o.{shipBy}
            """;
        _tryClaimSql =
            $"""
            UPDATE {table} SET {claimedBy} = @owner, {claimedUntil} = clock_timestamp() + @lease
            WHERE {id} = @id AND ({claimedBy} = @owner OR {claimedUntil} IS NULL OR {claimedUntil} <= clock_timestamp())
            """;
        _releaseSql = $"UPDATE {table} SET {claimedBy} = NULL, {claimedUntil} = NULL WHERE {claimedBy} = @owner AND {id} = ANY(@ids)";

        var leaseEntity = context.Model.FindEntityType(typeof(AmazonFulfillmentLeaseRecord))!;
        var leaseTable = StoreObjectIdentifier.Table(leaseEntity.GetTableName()!, leaseEntity.GetSchema());
        var leases = sql.DelimitIdentifier(leaseEntity.GetTableName()!, leaseEntity.GetSchema());
        string LeaseColumn(string property) => sql.DelimitIdentifier(leaseEntity.FindProperty(property)!.GetColumnName(leaseTable)!);
        var name = LeaseColumn(nameof(AmazonFulfillmentLeaseRecord.Name));
        var owner = LeaseColumn(nameof(AmazonFulfillmentLeaseRecord.Owner));
        var expiresAt = LeaseColumn(nameof(AmazonFulfillmentLeaseRecord.ExpiresAt));
        _takeLeaseSql =
            $"""
            INSERT INTO {leases} AS l ({name}, {owner}, {expiresAt}) VALUES (@name, @owner, clock_timestamp() + @duration)
            ON CONFLICT ({name}) DO UPDATE SET {owner} = EXCLUDED.{owner}, {expiresAt} = EXCLUDED.{expiresAt}
            WHERE l.{owner} = EXCLUDED.{owner} OR l.{expiresAt} <= clock_timestamp()
            """;
        _renewLeaseSql = $"UPDATE {leases} SET {expiresAt} = clock_timestamp() + @duration WHERE {name} = @name AND {owner} = @owner AND {expiresAt} > clock_timestamp()";
    }

    private async Task ExecuteAsync(string sql, (string Name, object Value)[] parameters, Func<DbCommand, Task> run, CancellationToken cancellationToken)
    {
        await using var lease = Rent();
        var database = lease.Context.Database;
        await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            await run(command).ConfigureAwait(false);
        }
        finally
        {
            await database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }
}
