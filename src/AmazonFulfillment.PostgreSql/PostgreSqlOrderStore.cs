using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.SellingPartner;
using AmazonFulfillment.Storage;
using Npgsql;
using NpgsqlTypes;

namespace AmazonFulfillment.PostgreSql;

/// <summary>
/// An <see cref="IOrderStore"/> in PostgreSQL, shared by every host of the sales channel. Each tracked order is one
/// row: its state as a jsonb document and a <c>version</c> that a save must match (optimistic concurrency), plus
/// a <c>has_work</c> flag under a partial index for the sweeps. As an <see cref="IOrderClaims"/> it leases orders
/// with unfinished work to one host at a time (<c>FOR UPDATE SKIP LOCKED</c>), so that several hosts split the
/// sweeps and a stopped host's leases expire and are taken over. As an <see cref="IPollingCursorStore"/> it keeps the order
/// pollers' cursors in a second table, <c>{table}_cursors</c>. As an <see cref="IPollerLeaseStore"/> it keeps the pollers' leases
/// (one poller per seller across hosts) in <c>{table}_leases</c>, the database's clock deciding expiry; as an
/// <see cref="ISubmittedFeedStore"/> it keeps the submitted cancellation feeds in <c>{table}_feed_orders</c>, so that a restarted
/// host reads the report of a feed submitted before. Thread-safe.
/// </summary>
public sealed partial class PostgreSqlOrderStore : IOrderStore, IOrderClaims, IPollingCursorStore, IShipByIndex, IPollerLeaseStore, ISubmittedFeedStore, IDisposable, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgreSqlOrderStoreOptions _options;
    private readonly string _table;
    private readonly string _index;
    private readonly string _shipByIndex;
    private readonly string _cursors;
    private readonly string _leases;
    private readonly string _feedOrders;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly bool _ownsDataSource;
    private volatile bool _schemaReady;

    /// <summary>Creates a store over a data source (one per host, as Npgsql recommends).</summary>
    /// <param name="dataSource">The PostgreSQL data source; the caller owns it.</param>
    /// <param name="options">The table and schema options; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public PostgreSqlOrderStore(NpgsqlDataSource dataSource, PostgreSqlOrderStoreOptions? options = null)
        : this(dataSource, options, ownsDataSource: false)
    {
    }

    internal PostgreSqlOrderStore(NpgsqlDataSource dataSource, PostgreSqlOrderStoreOptions? options, bool ownsDataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _options = options ?? new PostgreSqlOrderStoreOptions();
        Problems.ThrowIfAny(_options.Validate(), "PostgreSQL order store options", nameof(options), ProblemCodes.SettingsOptionsInvalid);

        _dataSource = dataSource;
        _table = _options.TableName;
        _index = _table.Split('.')[^1] + "_has_work";
        _shipByIndex = _table.Split('.')[^1] + "_ship_by";
        _cursors = _table + "_cursors";
        _leases = _table + "_leases";
        _feedOrders = _table + "_feed_orders";
        _schemaReady = !_options.EnsureSchemaOnFirstUse;
        _ownsDataSource = ownsDataSource;
    }

    /// <summary>Gets the table the orders are kept in.</summary>
    public string TableName => _table;

    /// <summary>
    /// Creates the table and its index if they do not exist. Safe to run at the same time from every host at
    /// start-up: the hosts take turns under a transaction-scoped advisory lock.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the schema exists.</returns>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand(SchemaSql(), connection, transaction))
        {
            command.Parameters.AddWithValue("lock", "amazonfulfillment.schema:" + _table);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _schemaReady = true;
    }

    /// <inheritdoc />
    public async ValueTask<StoredOrder?> LoadAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await SchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand($"SELECT version, document::text FROM {_table} WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = amazonOrderId.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new StoredOrder(OrderDocumentSerializer.Deserialize(reader.GetString(1)), reader.GetInt64(0));
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="order"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedVersion"/> is negative.</exception>
    public async ValueTask<long?> SaveAsync(FulfillmentOrder order, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        cancellationToken.ThrowIfCancellationRequested();
        await SchemaAsync(cancellationToken).ConfigureAwait(false);
        var sql = expectedVersion == 0
            ? $"INSERT INTO {_table} (id, version, state, has_work, document, ship_by, updated_at) VALUES ($1, 1, $3, $4, $5, $6, now()) ON CONFLICT (id) DO NOTHING"
            : $"UPDATE {_table} SET version = version + 1, state = $3, has_work = $4, document = $5, ship_by = $6, updated_at = now() WHERE id = $1 AND version = $2";
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = order.Id.Value });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedVersion });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = order.State.ToString() });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = order.HasUnfinishedWork });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = OrderDocumentSerializer.Serialize(order), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = order.ShipByDeadline is { } deadline ? deadline.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var rows = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return rows == 1 ? expectedVersion + 1 : null;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<AmazonOrderId>> ListUnfinishedAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await SchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand($"SELECT id FROM {_table} WHERE has_work ORDER BY ship_by NULLS LAST, id");
        return await ReadIdsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is below 1.</exception>
    public async ValueTask<IReadOnlyList<AmazonOrderId>> ListShipByAsync(DateTimeOffset deadlineBefore, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        cancellationToken.ThrowIfCancellationRequested();
        await SchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand($"SELECT id FROM {_table} WHERE ship_by <= $1 ORDER BY ship_by, id LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = deadlineBefore.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        return await ReadIdsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Disposes the data source when the store created it (registration by connection string); otherwise does nothing.</summary>
    public void Dispose()
    {
        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }

        _schemaGate.Dispose();
    }

    /// <summary>Disposes the data source when the store created it (registration by connection string); otherwise does nothing.</summary>
    /// <returns>A task that completes when disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }

        _schemaGate.Dispose();
    }

    /// <summary>The same test as the in-memory store's list of unfinished orders.</summary>

    private static async Task<List<AmazonOrderId>> ReadIdsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var ids = new List<AmazonOrderId>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(AmazonOrderId.Parse(reader.GetString(0)));
        }

        return ids;
    }

    private async ValueTask SchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_schemaReady)
            {
                await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    // COLLATE "C" makes ORDER BY id the ordinal order AmazonOrderId sorts by, and lets the partial index serve it.
    private string SchemaSql() =>
        $"""
        SELECT pg_advisory_xact_lock(hashtext(@lock));
        CREATE TABLE IF NOT EXISTS {_table} (
            id            text COLLATE "C" PRIMARY KEY,
            version       bigint NOT NULL,
            state         text NOT NULL,
            has_work      boolean NOT NULL,
            document      jsonb NOT NULL,
            claimed_by    text NULL,
            claimed_until timestamptz NULL,
            updated_at    timestamptz NOT NULL DEFAULT now());
        CREATE INDEX IF NOT EXISTS {_index} ON {_table} (id) WHERE has_work;
        ALTER TABLE {_table} ADD COLUMN IF NOT EXISTS ship_by timestamptz NULL;
        CREATE INDEX IF NOT EXISTS {_shipByIndex} ON {_table} (ship_by, id) WHERE ship_by IS NOT NULL;
        CREATE TABLE IF NOT EXISTS {_cursors} (
            name         text COLLATE "C" PRIMARY KEY,
            watermark    timestamptz NULL,
            window_start timestamptz NULL,
            window_end   timestamptz NULL,
            page_token   text NULL,
            saved_at     timestamptz NOT NULL);
        CREATE TABLE IF NOT EXISTS {_leases} (
            name       text COLLATE "C" PRIMARY KEY,
            owner      text NOT NULL,
            expires_at timestamptz NOT NULL);
        CREATE TABLE IF NOT EXISTS {_feedOrders} (
            feed_id         text COLLATE "C" NOT NULL,
            amazon_order_id text COLLATE "C" NOT NULL,
            seller_id       text NOT NULL,
            message_id      integer NOT NULL,
            reason          text NOT NULL,
            submitted_at    timestamptz NOT NULL,
            PRIMARY KEY (feed_id, amazon_order_id));
        CREATE INDEX IF NOT EXISTS {_table.Split('.')[^1]}_feed_orders_by_order ON {_feedOrders} (seller_id, amazon_order_id);
        """;
}
