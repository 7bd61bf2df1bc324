using AmazonFulfillment;
using AmazonFulfillment.Ports;
using AmazonFulfillment.PostgreSql;
using AmazonFulfillment.SellingPartner;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the PostgreSQL order store for the Amazon sales channel. Every registration also makes the store the
/// <see cref="IPollerLeaseStore"/> (one SP-API order poller per seller across hosts) and the <see cref="ISubmittedFeedStore"/>
/// (cancellation feeds that survive a restart), replacing any registered before.
/// </summary>
public static class PostgreSqlServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="PostgreSqlOrderStore"/> over a data source built from <paramref name="connectionString"/>
    /// (owned and disposed by the container) as the <see cref="IOrderStore"/>. It replaces any store registered
    /// before, so it may be called before or after <c>AddAmazonFulfillment</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <returns>The same services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is null or blank.</exception>
    public static IServiceCollection AddAmazonFulfillmentPostgreSql(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return Register(services, _ => NpgsqlDataSource.Create(connectionString), owned: true, static _ => { });
    }

    /// <summary>
    /// Registers a <see cref="PostgreSqlOrderStore"/> over the host's <paramref name="dataSource"/> (the caller keeps
    /// owning it) as the <see cref="IOrderStore"/>, replacing any store registered before.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="dataSource">The data source.</param>
    /// <returns>The same services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="dataSource"/> is null.</exception>
    public static IServiceCollection AddAmazonFulfillmentPostgreSql(this IServiceCollection services, NpgsqlDataSource dataSource) =>
        AddAmazonFulfillmentPostgreSql(services, dataSource, static _ => { });

    /// <summary>
    /// Registers a <see cref="PostgreSqlOrderStore"/> over the host's <paramref name="dataSource"/> (the caller keeps
    /// owning it) with options, as the <see cref="IOrderStore"/>, replacing any store registered before.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="dataSource">The data source.</param>
    /// <param name="configure">Sets the store options (table name, schema creation).</param>
    /// <returns>The same services, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddAmazonFulfillmentPostgreSql(this IServiceCollection services, NpgsqlDataSource dataSource, Action<PostgreSqlOrderStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, _ => dataSource, owned: false, configure);
    }

    private static IServiceCollection Register(IServiceCollection services, Func<IServiceProvider, NpgsqlDataSource> dataSource, bool owned, Action<PostgreSqlOrderStoreOptions> configure)
    {
        // The options pattern, validated when the host starts (one message listing every problem), as for the order settings.
        services.AddOptions<PostgreSqlOrderStoreOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlOrderStoreOptions>, PostgreSqlOrderStoreOptionsValidator>());
        services.Replace(ServiceDescriptor.Singleton(sp => new PostgreSqlOrderStore(dataSource(sp), sp.GetRequiredService<IOptions<PostgreSqlOrderStoreOptions>>().Value, ownsDataSource: owned)));
        services.Replace(ServiceDescriptor.Singleton<IOrderStore>(sp => sp.GetRequiredService<PostgreSqlOrderStore>()));
        services.Replace(ServiceDescriptor.Singleton<IPollerLeaseStore>(sp => sp.GetRequiredService<PostgreSqlOrderStore>()));
        services.Replace(ServiceDescriptor.Singleton<ISubmittedFeedStore>(sp => sp.GetRequiredService<PostgreSqlOrderStore>()));
        return services;
    }
}

/// <summary>Validates <see cref="PostgreSqlOrderStoreOptions"/> when the host starts: one failure listing every problem.</summary>
internal sealed class PostgreSqlOrderStoreOptionsValidator : IValidateOptions<PostgreSqlOrderStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlOrderStoreOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(Problems.Message("PostgreSQL order store options", problems, ProblemCodes.SettingsOptionsInvalid));
    }
}
