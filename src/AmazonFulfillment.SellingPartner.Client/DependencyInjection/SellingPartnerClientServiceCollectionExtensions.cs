using AmazonFulfillment;
using AmazonFulfillment.Ports;
using AmazonFulfillment.SellingPartner;
using AmazonFulfillment.SellingPartner.Client;
using AmazonFulfillment.SellingPartner.Client.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SP-API client, the Amazon port over it and the order poller.</summary>
public static class SellingPartnerClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SellingPartnerClient"/> (options validated at start, every problem in one message, never a
    /// credential), its HTTP clients on <see cref="IHttpClientFactory"/>, and <see cref="SellingPartnerOrdersPort"/> as the
    /// <see cref="IAmazonOrdersPort"/> unless one is registered already. The port keeps its submitted cancellation feeds in the
    /// registered <see cref="ISubmittedFeedStore"/>: the order store's own when it keeps them (the PostgreSQL and EF Core stores do),
    /// else an <see cref="InMemorySubmittedFeedStore"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options (credentials, region, marketplaces).</param>
    /// <returns>The same services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    public static IServiceCollection AddSellingPartnerClient(this IServiceCollection services, Action<SellingPartnerClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<SellingPartnerClientOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SellingPartnerClientOptions>, SellingPartnerClientOptionsValidator>());
        services.AddHttpClient(SellingPartnerTransport.HttpClientName);
        services.AddHttpClient(SellingPartnerTransport.DocumentsHttpClientName);
        services.AddHttpClient(AccessTokenSource.HttpClientName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SellingPartnerClient(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<IOptions<SellingPartnerClientOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<SellingPartnerClient>>()));

        // The order store's submitted feeds when it keeps them (PostgreSQL, EF Core), so a restart reads the reports of feeds sent before.
        services.TryAddSingleton<ISubmittedFeedStore>(sp => sp.GetService<IOrderStore>() as ISubmittedFeedStore ?? new InMemorySubmittedFeedStore());
        services.TryAddSingleton(sp => new SellingPartnerOrdersPort(
            sp.GetRequiredService<SellingPartnerClient>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<SellingPartnerOrdersPort>>(),
            sp.GetRequiredService<ISubmittedFeedStore>()));
        services.TryAddSingleton<IAmazonOrdersPort>(sp => sp.GetRequiredService<SellingPartnerOrdersPort>());
        return services;
    }

    /// <summary>
    /// Registers <see cref="SellingPartnerOrderPoller"/> and runs it as a hosted service (unless
    /// <see cref="SellingPartnerPollerOptions.RunAsHostedService"/> is off). Needs <see cref="AddSellingPartnerClient"/> and
    /// <c>AddAmazonFulfillment</c>. Its lease (one poller per seller across hosts) is the registered <see cref="IPollerLeaseStore"/>:
    /// the order store's own when it keeps leases (the PostgreSQL and EF Core stores do), else an <see cref="InMemoryPollerLeaseStore"/>
    /// shared by the pollers of this process.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the poller's options; optional.</param>
    /// <returns>The same services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddSellingPartnerOrderPoller(this IServiceCollection services, Action<SellingPartnerPollerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SellingPartnerPollerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SellingPartnerPollerOptions>, SellingPartnerPollerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // The order store's leases when it keeps them (PostgreSQL, EF Core), else one in-memory store shared by this process's pollers.
        services.TryAddSingleton<IPollerLeaseStore>(sp =>
            sp.GetService<IOrderStore>() as IPollerLeaseStore ?? new InMemoryPollerLeaseStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<SellingPartnerOrderPoller>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SellingPartnerOrderPoller>(sp => sp.GetRequiredService<SellingPartnerOrderPoller>()));
        return services;
    }
}

/// <summary>Validates <see cref="SellingPartnerPollerOptions"/> at start-up: one failure listing every problem.</summary>
internal sealed class SellingPartnerPollerOptionsValidator : IValidateOptions<SellingPartnerPollerOptions>
{
    public ValidateOptionsResult Validate(string? name, SellingPartnerPollerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(Problems.Message("order poller options", problems, ProblemCodes.SettingsOptionsInvalid));
    }
}
