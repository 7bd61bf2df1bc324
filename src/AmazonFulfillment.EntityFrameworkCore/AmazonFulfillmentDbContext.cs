using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace AmazonFulfillment.EntityFrameworkCore;

/// <summary>
/// The store's own context, for a host that has no <see cref="DbContext"/> of its own: only the two Amazon fulfillment tables,
/// named by <see cref="EntityFrameworkCoreOrderStoreOptions"/>. Registered by <c>AddAmazonFulfillmentEntityFrameworkCore(db => ...)</c>.
/// </summary>
public sealed class AmazonFulfillmentDbContext : DbContext
{
    private readonly EntityFrameworkCoreOrderStoreOptions _tables;

    /// <summary>Creates the context.</summary>
    /// <param name="options">The database options (provider, connection).</param>
    /// <param name="storeOptions">The store options, which name the tables.</param>
    /// <exception cref="ArgumentNullException"><paramref name="storeOptions"/> is null.</exception>
    public AmazonFulfillmentDbContext(DbContextOptions<AmazonFulfillmentDbContext> options, IOptions<EntityFrameworkCoreOrderStoreOptions> storeOptions)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(storeOptions);
        _tables = storeOptions.Value;
    }

    /// <inheritdoc />
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);

        // The model depends on the table names, so they are part of its cache key.
        optionsBuilder.ReplaceService<IModelCacheKeyFactory, TablesModelCacheKeyFactory>();
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.AddAmazonFulfillment(_tables.Schema, _tables.OrdersTable, _tables.CursorsTable);

    private sealed class TablesModelCacheKeyFactory : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) =>
            context is AmazonFulfillmentDbContext own
                ? (context.GetType(), own._tables.Schema, own._tables.OrdersTable, own._tables.CursorsTable, designTime)
                : (context.GetType(), designTime);
    }
}
