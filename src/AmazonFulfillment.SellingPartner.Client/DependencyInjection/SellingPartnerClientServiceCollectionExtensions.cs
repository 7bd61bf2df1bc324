using AmazonFulfillment.Ports;
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
    /// <see cref="IAmazonOrdersPort"/> unless one is registered already.
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
        services.TryAddSingleton(sp => new SellingPartnerOrdersPort(
            sp.GetRequiredService<SellingPartnerClient>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<SellingPartnerOrdersPort>>()));
        services.TryAddSingleton<IAmazonOrdersPort>(sp => sp.GetRequiredService<SellingPartnerOrdersPort>());
        return services;
    }

    /// <summary>
    /// Registers <see cref="SellingPartnerOrderPoller"/> and runs it as a hosted service (unless
    /// <see cref="SellingPartnerPollerOptions.RunAsHostedService"/> is off). Needs <see cref="AddSellingPartnerClient"/> and
    /// <c>AddAmazonFulfillment</c>.
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

        options.Validate(o => o.Validate().Count == 0, "Invalid order poller options: check Interval, PageTokenLifetime, LagWarningThreshold and Window.").ValidateOnStart();
        services.TryAddSingleton<SellingPartnerOrderPoller>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SellingPartnerOrderPoller>(sp => sp.GetRequiredService<SellingPartnerOrderPoller>()));
        return services;
    }
}
