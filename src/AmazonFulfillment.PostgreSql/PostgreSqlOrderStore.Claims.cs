using AmazonFulfillment.Domain;
using Npgsql;

namespace AmazonFulfillment.PostgreSql;

public sealed partial class PostgreSqlOrderStore
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="owner"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is below 1 or <paramref name="lease"/> is not positive.</exception>
    public async ValueTask<IReadOnlyList<AmazonOrderId>> ClaimUnfinishedAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        await SchemaAsync(cancellationToken).ConfigureAwait(false);

        // The database's clock decides expiry, so hosts with skewed clocks agree on it.
        await using var command = _dataSource.CreateCommand(
            $"""
            WITH candidates AS (
                SELECT id FROM {_table}
                WHERE has_work AND (claimed_until IS NULL OR claimed_until <= clock_timestamp())
                ORDER BY (ship_by IS NOT NULL AND ship_by < clock_timestamp()), ship_by NULLS LAST, id
                LIMIT $2
                FOR UPDATE SKIP LOCKED)
            UPDATE {_table} AS o SET claimed_by = $1, claimed_until = clock_timestamp() + $3
            FROM candidates WHERE o.id = candidates.id
            RETURNING o.id, o.ship_by
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = lease });
        // RETURNING keeps no order: nearest deadline first again, as the sweep runs them.
        var claimed = new List<(AmazonOrderId Id, DateTime Deadline)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                claimed.Add((AmazonOrderId.Parse(reader.GetString(0)), reader.IsDBNull(1) ? DateTime.MaxValue : reader.GetDateTime(1)));
            }
        }

        return claimed.OrderBy(c => c.Deadline).ThenBy(c => c.Id).Select(c => c.Id).ToList();
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="owner"/> is blank or <paramref name="amazonOrderId"/> is the default value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lease"/> is not positive.</exception>
    public async ValueTask<bool> TryClaimAsync(string owner, AmazonOrderId amazonOrderId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        if (amazonOrderId.Value.Length == 0)
        {
            throw ProblemCodes.Attach(ProblemCodes.InputOrderIdMissing, new ArgumentException("An Amazon order id is required.", nameof(amazonOrderId)));
        }

        cancellationToken.ThrowIfCancellationRequested();
        await SchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(
            $"""
            UPDATE {_table} SET claimed_by = $1, claimed_until = clock_timestamp() + $3
            WHERE id = $2 AND (claimed_by = $1 OR claimed_until IS NULL OR claimed_until <= clock_timestamp())
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = amazonOrderId.Value });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = lease });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
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

        await SchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand($"UPDATE {_table} SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = $1 AND id = ANY($2)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. amazonOrderIds.Select(i => i.Value)] });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
