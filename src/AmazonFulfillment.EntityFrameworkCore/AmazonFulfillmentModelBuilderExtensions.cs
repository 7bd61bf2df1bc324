using AmazonFulfillment;
using AmazonFulfillment.EntityFrameworkCore;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Maps the Amazon sales channel's tables into a host's <see cref="DbContext"/>.</summary>
public static class AmazonFulfillmentModelBuilderExtensions
{
    /// <summary>
    /// Maps the tracked orders (<see cref="AmazonFulfillmentOrderRecord"/>), the pollers' cursors
    /// (<see cref="AmazonFulfillmentCursorRecord"/>), the pollers' leases (<see cref="AmazonFulfillmentLeaseRecord"/>, table
    /// <c>{ordersTable}_leases</c>) and the submitted cancellation feeds (<see cref="AmazonFulfillmentFeedOrderRecord"/>, table
    /// <c>{ordersTable}_feed_orders</c>) into the model: call it from the host context's <c>OnModelCreating</c>, then add
    /// a migration (<c>dotnet ef migrations add AmazonFulfillment</c>) as for any other table. Columns are snake_case
    /// (<c>id</c>, <c>version</c>, <c>state</c>, <c>has_work</c>, <c>ship_by</c>, <c>document</c>, <c>claimed_by</c>, <c>claimed_until</c>,
    /// <c>updated_at</c>); <c>version</c> is the concurrency token; an index over (<c>has_work</c>, <c>id</c>) serves the sweeps.
    /// </summary>
    /// <param name="modelBuilder">The host's model builder.</param>
    /// <param name="schema">The schema of the tables, or <see langword="null"/> for the provider's default.</param>
    /// <param name="ordersTable">The orders table.</param>
    /// <param name="cursorsTable">The cursors table.</param>
    /// <returns>The same model builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="modelBuilder"/> is null.</exception>
    /// <exception cref="ArgumentException">A table name is blank, or both are the same.</exception>
    public static ModelBuilder AddAmazonFulfillment(
        this ModelBuilder modelBuilder,
        string? schema = null,
        string ordersTable = EntityFrameworkCoreOrderStoreOptions.DefaultOrdersTable,
        string cursorsTable = EntityFrameworkCoreOrderStoreOptions.DefaultCursorsTable)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var problems = EntityFrameworkCoreOrderStoreOptions.TableProblems(schema, ordersTable, cursorsTable);
        Problems.ThrowIfAny(problems, "Amazon fulfillment tables", nameof(ordersTable), ProblemCodes.SettingsOptionsInvalid);

        MapOrders(modelBuilder, schema, ordersTable);
        MapCursors(modelBuilder, schema, cursorsTable);
        MapLeases(modelBuilder, schema, ordersTable);
        MapFeedOrders(modelBuilder, schema, ordersTable);
        return modelBuilder;
    }

    /// <summary>The tracked orders: one row per order, with the sweeps' and ship-by indexes.</summary>
    private static void MapOrders(ModelBuilder modelBuilder, string? schema, string ordersTable)
    {
        modelBuilder.Entity<AmazonFulfillmentOrderRecord>(order =>
        {
            order.ToTable(ordersTable, schema);
            order.HasKey(o => o.Id);
            order.Property(o => o.Id).HasColumnName("id").HasMaxLength(64).ValueGeneratedNever();
            order.Property(o => o.Version).HasColumnName("version").IsConcurrencyToken();
            order.Property(o => o.State).HasColumnName("state").HasMaxLength(32);
            order.Property(o => o.HasWork).HasColumnName("has_work");
            order.Property(o => o.Document).HasColumnName("document");
            order.Property(o => o.ClaimedBy).HasColumnName("claimed_by").HasMaxLength(256);
            order.Property(o => o.ClaimedUntil).HasColumnName("claimed_until");
            order.Property(o => o.UpdatedAt).HasColumnName("updated_at");
            order.Property(o => o.ShipBy).HasColumnName("ship_by");
            order.HasIndex(o => new { o.HasWork, o.Id }).HasDatabaseName(ordersTable + "_has_work");
            order.HasIndex(o => new { o.ShipBy, o.Id }).HasDatabaseName(ordersTable + "_ship_by");
        });
    }

    /// <summary>The order pollers' cursors.</summary>
    private static void MapCursors(ModelBuilder modelBuilder, string? schema, string cursorsTable)
    {
        modelBuilder.Entity<AmazonFulfillmentCursorRecord>(cursor =>
        {
            cursor.ToTable(cursorsTable, schema);
            cursor.HasKey(c => c.Name);
            cursor.Property(c => c.Name).HasColumnName("name").HasMaxLength(200).ValueGeneratedNever();
            cursor.Property(c => c.Watermark).HasColumnName("watermark");
            cursor.Property(c => c.WindowStart).HasColumnName("window_start");
            cursor.Property(c => c.WindowEnd).HasColumnName("window_end");
            cursor.Property(c => c.PageToken).HasColumnName("page_token");
            cursor.Property(c => c.SavedAt).HasColumnName("saved_at");
        });
    }

    /// <summary>The order pollers' leases, in <c>{ordersTable}_leases</c>.</summary>
    private static void MapLeases(ModelBuilder modelBuilder, string? schema, string ordersTable)
    {
        modelBuilder.Entity<AmazonFulfillmentLeaseRecord>(lease =>
        {
            lease.ToTable(ordersTable + "_leases", schema);
            lease.HasKey(l => l.Name);
            lease.Property(l => l.Name).HasColumnName("name").HasMaxLength(200).ValueGeneratedNever();
            lease.Property(l => l.Owner).HasColumnName("owner").HasMaxLength(256);
            lease.Property(l => l.ExpiresAt).HasColumnName("expires_at");
        });
    }

    /// <summary>The submitted cancellation feeds' orders, in <c>{ordersTable}_feed_orders</c>.</summary>
    private static void MapFeedOrders(ModelBuilder modelBuilder, string? schema, string ordersTable)
    {
        modelBuilder.Entity<AmazonFulfillmentFeedOrderRecord>(feed =>
        {
            feed.ToTable(ordersTable + "_feed_orders", schema);
            feed.HasKey(f => new { f.FeedId, f.AmazonOrderId });
            feed.Property(f => f.FeedId).HasColumnName("feed_id").HasMaxLength(64).ValueGeneratedNever();
            feed.Property(f => f.AmazonOrderId).HasColumnName("amazon_order_id").HasMaxLength(64).ValueGeneratedNever();
            feed.Property(f => f.SellerId).HasColumnName("seller_id").HasMaxLength(64);
            feed.Property(f => f.MessageId).HasColumnName("message_id");
            feed.Property(f => f.Reason).HasColumnName("reason").HasMaxLength(64);
            feed.Property(f => f.SubmittedAt).HasColumnName("submitted_at");
            feed.HasIndex(f => new { f.SellerId, f.AmazonOrderId }).HasDatabaseName(ordersTable + "_feed_orders_by_order");
        });
    }
}
