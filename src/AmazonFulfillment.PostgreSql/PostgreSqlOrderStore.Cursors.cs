using AmazonFulfillment.Ports;
using Npgsql;
using NpgsqlTypes;

namespace AmazonFulfillment.PostgreSql;

public sealed partial class PostgreSqlOrderStore
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public async ValueTask<PollingCursor?> LoadCursorAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        await SchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand($"SELECT watermark, window_start, window_end, page_token, saved_at FROM {_cursors} WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        DateTimeOffset? At(int column) => reader.IsDBNull(column) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(column), TimeSpan.Zero);
        return new PollingCursor(At(0), At(1), At(2), reader.IsDBNull(3) ? null : reader.GetString(3), At(4)!.Value);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="cursor"/> is null.</exception>
    public async ValueTask SaveCursorAsync(string name, PollingCursor cursor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(cursor);
        await SchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(
            $"INSERT INTO {_cursors} (name, watermark, window_start, window_end, page_token, saved_at) VALUES ($1, $2, $3, $4, $5, $6) " +
            "ON CONFLICT (name) DO UPDATE SET watermark = $2, window_start = $3, window_end = $4, page_token = $5, saved_at = $6");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        foreach (var at in new[] { cursor.Watermark, cursor.WindowStart, cursor.WindowEnd })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = at is { } value ? value.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        }

        command.Parameters.Add(new NpgsqlParameter { Value = (object?)cursor.PageToken ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = cursor.SavedAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
