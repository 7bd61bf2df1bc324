using AmazonFulfillment;
using AmazonFulfillment.Configuration;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Amazon sales channel.</summary>
public static class AmazonFulfillmentServiceCollectionExtensions
{
    /// <summary>
    /// Registers the runtime, the order settings (validated at start-up, every problem in one message), the
    /// in-memory store as a replaceable default, and <see cref="TimeProvider.System"/> unless a
    /// <see cref="TimeProvider"/> is registered. The host registers <see cref="IAmazonOrdersPort"/>,
    /// <see cref="ICommerceOrdersPort"/> and <see cref="ICustomersPort"/>; a missing one fails at start naming it.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configureSettings">Sets the order settings (at least <see cref="OrderSettings.StoreView"/>).</param>
    /// <param name="configureRuntime">Sets retry and parallelism options; optional.</param>
    /// <returns>The same services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configureSettings"/> is null.</exception>
    public static IServiceCollection AddAmazonFulfillment(
        this IServiceCollection services,
        Action<OrderSettings> configureSettings,
        Action<FulfillmentRuntimeOptions>? configureRuntime = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configureSettings);

        services.AddOptions<OrderSettings>().Configure(configureSettings).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OrderSettings>, OrderSettingsValidator>());

        var runtime = services.AddOptions<FulfillmentRuntimeOptions>();
        if (configureRuntime is not null)
        {
            runtime.Configure(configureRuntime);
        }

        runtime.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FulfillmentRuntimeOptions>, RuntimeRegistrationValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IOrderStore, InMemoryOrderStore>();
        services.TryAddSingleton(sp =>
        {
            var missing = MissingPorts(sp);
            if (missing.Count > 0)
            {
                throw ProblemCodes.Attach(ProblemCodes.SettingsPortsMissing, new InvalidOperationException(string.Join(" ", missing)));
            }

            return new FulfillmentRuntime(
                sp.GetRequiredService<IAmazonOrdersPort>(),
                sp.GetRequiredService<ICommerceOrdersPort>(),
                sp.GetRequiredService<ICustomersPort>(),
                sp.GetRequiredService<IOrderStore>(),
                sp.GetRequiredService<IOptionsMonitor<OrderSettings>>(),
                sp.GetRequiredService<IOptions<FulfillmentRuntimeOptions>>().Value,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILogger<FulfillmentRuntime>>());
        });
        return services;
    }

    /// <summary>
    /// Adds an Amazon store (a seller account on a marketplace) with its own order settings, besides the default store whose
    /// settings <see cref="AddAmazonFulfillment"/> sets. The settings are the named <see cref="OrderSettings"/> <paramref name="name"/>,
    /// validated at start-up like the default ones; orders observed with <see cref="AmazonOrderSnapshot.AmazonStore"/> =
    /// <paramref name="name"/> are decided with them.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The store's name, as the poller or host sets it on each snapshot.</param>
    /// <param name="configureSettings">Sets the store's order settings (at least <see cref="OrderSettings.StoreView"/>).</param>
    /// <returns>The same services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configureSettings"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid store name, or is the default store's.</exception>
    public static IServiceCollection AddAmazonStore(this IServiceCollection services, string name, Action<OrderSettings> configureSettings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configureSettings);
        AmazonStores.Require(name, nameof(name));
        if (name == AmazonStores.Default)
        {
            throw ProblemCodes.Attach(ProblemCodes.AmazonStoreNameInvalid, new ArgumentException(
                $"'{AmazonStores.Default}' is the default store; its settings are the ones AddAmazonFulfillment sets. Give this store another name.", nameof(name)));
        }

        services.AddOptions<OrderSettings>(name).Configure(configureSettings).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OrderSettings>, OrderSettingsValidator>());
        services.Configure<FulfillmentRuntimeOptions>(options =>
        {
            if (!options.AmazonStores.Contains(name))
            {
                options.AmazonStores.Add(name);
            }
        });
        return services;
    }

    internal static List<string> MissingPorts(IServiceProvider services)
    {
        var missing = new List<string>();
        Check<IAmazonOrdersPort>("the Amazon port (SP-API Orders: getOrderItems, confirmShipment, cancel)");
        Check<ICommerceOrdersPort>("the Commerce orders port (create, complete, cancel)");
        Check<ICustomersPort>("the customers port (find by email, create)");
        Check<IOrderStore>("the order store");
        return missing;

        void Check<T>(string what)
        {
            if (services.GetService(typeof(T)) is null)
            {
                missing.Add($"No {typeof(T).Name} is registered: register {what} before starting the host.");
            }
        }
    }
}
