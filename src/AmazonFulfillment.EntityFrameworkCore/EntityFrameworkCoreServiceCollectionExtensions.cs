using AmazonFulfillment;
using AmazonFulfillment.EntityFrameworkCore;
using AmazonFulfillment.Ports;
using AmazonFulfillment.SellingPartner;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the EF Core order store for the Amazon sales channel. Every registration also makes the store the
/// <see cref="IPollerLeaseStore"/> (one SP-API order poller per seller across hosts) and the <see cref="ISubmittedFeedStore"/>
/// (cancellation feeds that survive a restart), replacing any registered before.
/// </summary>
public static class EntityFrameworkCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the EF Core order store over the host's own <typeparamref name="TContext"/> as the <see cref="IOrderStore"/>,
    /// replacing any store registered before (so it may be called before or after <c>AddAmazonFulfillment</c>). The context must
    /// be registered (<c>AddDbContext</c> or <c>AddDbContextFactory</c>) and map the tables with
    /// <c>modelBuilder.AddAmazonFulfillment()</c>; the tables come from the host's migrations. On PostgreSQL the store claims work
    /// for several hosts (<see cref="EntityFrameworkCorePostgreSqlOrderStore{TContext}"/>); on other providers it is for one host.
    /// </summary>
    /// <typeparam name="TContext">The host's context.</typeparam>
    /// <param name="services">The services.</param>
    /// <returns>The same services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddAmazonFulfillmentEntityFrameworkCore<TContext>(this IServiceCollection services)
        where TContext : DbContext =>
        AddAmazonFulfillmentEntityFrameworkCore<TContext>(services, static _ => { });

    /// <summary>
    /// Registers the EF Core order store over the host's own <typeparamref name="TContext"/> with options, as the <see cref="IOrderStore"/>,
    /// replacing any store registered before. See <see cref="AddAmazonFulfillmentEntityFrameworkCore{TContext}(IServiceCollection)"/>.
    /// </summary>
    /// <typeparam name="TContext">The host's context.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the store options; <see cref="EntityFrameworkCoreOrderStoreOptions.CreateTablesIfMissing"/> is off unless set here.</param>
    /// <returns>The same services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    public static IServiceCollection AddAmazonFulfillmentEntityFrameworkCore<TContext>(this IServiceCollection services, Action<EntityFrameworkCoreOrderStoreOptions> configure)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return Register<TContext>(services, ownContext: false, configure);
    }

    /// <summary>
    /// Registers the EF Core order store over a context of its own (<see cref="AmazonFulfillmentDbContext"/>), for a host with no
    /// <see cref="DbContext"/>, as the <see cref="IOrderStore"/>, replacing any store registered before. The store creates the database
    /// and its two tables on first use unless <see cref="EntityFrameworkCoreOrderStoreOptions.CreateTablesIfMissing"/> is turned off.
    /// For one host: <c>db => db.UseSqlite("Data Source=/var/lib/app/orders.db")</c>; for several, PostgreSQL (<c>UseNpgsql</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="database">Chooses the provider and connection, as for <c>AddDbContext</c>.</param>
    /// <returns>The same services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="database"/> is null.</exception>
    public static IServiceCollection AddAmazonFulfillmentEntityFrameworkCore(this IServiceCollection services, Action<DbContextOptionsBuilder> database) =>
        AddAmazonFulfillmentEntityFrameworkCore(services, database, static _ => { });

    /// <summary>
    /// Registers the EF Core order store over a context of its own with options, as the <see cref="IOrderStore"/>, replacing any store
    /// registered before. See <see cref="AddAmazonFulfillmentEntityFrameworkCore(IServiceCollection, Action{DbContextOptionsBuilder})"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="database">Chooses the provider and connection, as for <c>AddDbContext</c>.</param>
    /// <param name="configure">Sets the store options (schema, table names, table creation).</param>
    /// <returns>The same services, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddAmazonFulfillmentEntityFrameworkCore(
        this IServiceCollection services,
        Action<DbContextOptionsBuilder> database,
        Action<EntityFrameworkCoreOrderStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddDbContext<AmazonFulfillmentDbContext>(database);
        return Register<AmazonFulfillmentDbContext>(services, ownContext: true, configure);
    }

    private static IServiceCollection Register<TContext>(IServiceCollection services, bool ownContext, Action<EntityFrameworkCoreOrderStoreOptions> configure)
        where TContext : DbContext
    {
        // The options pattern, validated when the host starts (one message listing every problem), as for the order settings.
        services.AddOptions<EntityFrameworkCoreOrderStoreOptions>()
            .Configure(o => o.CreateTablesIfMissing = ownContext)
            .Configure(configure)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EntityFrameworkCoreOrderStoreOptions>, EntityFrameworkCoreOrderStoreOptionsValidator>());
        services.Replace(ServiceDescriptor.Singleton(sp => Create<TContext>(sp)));
        services.Replace(ServiceDescriptor.Singleton<IOrderStore>(sp => sp.GetRequiredService<EntityFrameworkCoreOrderStore<TContext>>()));
        services.Replace(ServiceDescriptor.Singleton<IPollerLeaseStore>(sp => sp.GetRequiredService<EntityFrameworkCoreOrderStore<TContext>>()));
        services.Replace(ServiceDescriptor.Singleton<ISubmittedFeedStore>(sp => sp.GetRequiredService<EntityFrameworkCoreOrderStore<TContext>>()));
        return services;
    }

    private static EntityFrameworkCoreOrderStore<TContext> Create<TContext>(IServiceProvider services)
        where TContext : DbContext
    {
        var options = services.GetRequiredService<IOptions<EntityFrameworkCoreOrderStoreOptions>>().Value;
        var time = services.GetService<TimeProvider>();
        var factory = services.GetService<IDbContextFactory<TContext>>();
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        Func<EntityFrameworkCoreOrderStore<TContext>.ContextLease> rent = factory is not null
            ? () => new(factory.CreateDbContext(), null)
            : () =>
            {
                var scope = scopes.CreateAsyncScope();
                return new(scope.ServiceProvider.GetRequiredService<TContext>(), scope);
            };

        string? provider;
        using (var lease = rent())
        {
            provider = lease.Context.Database.ProviderName;
        }

        return provider == EntityFrameworkCoreOrderStore<TContext>.PostgreSqlProvider
            ? new EntityFrameworkCorePostgreSqlOrderStore<TContext>(rent, options, time)
            : new EntityFrameworkCoreOrderStore<TContext>(rent, options, time);
    }
}

/// <summary>Validates <see cref="EntityFrameworkCoreOrderStoreOptions"/> when the host starts: one failure listing every problem.</summary>
internal sealed class EntityFrameworkCoreOrderStoreOptionsValidator : IValidateOptions<EntityFrameworkCoreOrderStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, EntityFrameworkCoreOrderStoreOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(Problems.Message("EF Core order store options", problems, ProblemCodes.SettingsOptionsInvalid));
    }
}
