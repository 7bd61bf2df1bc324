using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.SellingPartner;
using Npgsql;
using NpgsqlTypes;

namespace AmazonFulfillment.PostgreSql;

public sealed partial class PostgreSqlOrderStore
{
    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="feed"/> is null.</exception>
    /// <exception cref="ArgumentException">The feed has no seller, no feed id or no orders.</exception>
    public async ValueTask SaveSubmittedFeedAsync(SubmittedFeed feed, CancellationToken cancellationToken = default)
    {
        SubmittedFeed.ThrowIfInvalid(feed);
        await SchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(
            $"""
            INSERT INTO {_feedOrders} (feed_id, amazon_order_id, seller_id, message_id, reason, submitted_at)
            SELECT $1, o.id, $2, o.message_id, o.reason, $3 FROM unnest($4::text[], $5::integer[], $6::text[]) AS o (id, message_id, reason)
            ON CONFLICT (feed_id, amazon_order_id) DO UPDATE SET
                seller_id = EXCLUDED.seller_id, message_id = EXCLUDED.message_id, reason = EXCLUDED.reason, submitted_at = EXCLUDED.submitted_at
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = feed.FeedId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = feed.SellerId });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = feed.SubmittedAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. feed.Orders.Select(o => o.AmazonOrderId.Value)] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. feed.Orders.Select(o => o.MessageId)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. feed.Orders.Select(o => o.Reason)] });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="sellerId"/> is blank.</exception>
    public async ValueTask<SubmittedFeed?> FindSubmittedFeedAsync(string sellerId, AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sellerId);
        await SchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(
            $"""
            SELECT feed_id, amazon_order_id, message_id, reason, submitted_at FROM {_feedOrders}
            WHERE feed_id = (
                SELECT feed_id FROM {_feedOrders} WHERE seller_id = $1 AND amazon_order_id = $2
                ORDER BY submitted_at DESC, feed_id DESC LIMIT 1)
            ORDER BY message_id
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sellerId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = amazonOrderId.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        string? feedId = null;
        var submittedAt = default(DateTimeOffset);
        var orders = ImmutableArray.CreateBuilder<SubmittedFeedOrder>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            feedId = reader.GetString(0);
            submittedAt = new DateTimeOffset(reader.GetFieldValue<DateTime>(4), TimeSpan.Zero);
            orders.Add(new SubmittedFeedOrder(AmazonOrderId.Parse(reader.GetString(1)), reader.GetInt32(2), reader.GetString(3)));
        }

        return feedId is null ? null : new SubmittedFeed(sellerId, feedId, orders.ToImmutable(), submittedAt);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="feedId"/> is blank.</exception>
    public async ValueTask ForgetSubmittedOrderAsync(string feedId, AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feedId);
        await SchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand($"DELETE FROM {_feedOrders} WHERE feed_id = $1 AND amazon_order_id = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = feedId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = amazonOrderId.Value });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="feedId"/> is blank.</exception>
    public async ValueTask ForgetSubmittedFeedAsync(string feedId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feedId);
        await SchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand($"DELETE FROM {_feedOrders} WHERE feed_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = feedId });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
