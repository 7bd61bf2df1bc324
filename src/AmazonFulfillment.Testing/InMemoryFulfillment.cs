using AmazonFulfillment.Domain;
using AmazonFulfillment.Runtime;
using Microsoft.Extensions.Logging;

namespace AmazonFulfillment.Testing;

/// <summary>
/// A whole channel in memory: fake Amazon, Commerce and customers sharing one <see cref="FaultInjector"/>,
/// a faulty-able in-memory store, a never-sleeping clock, settable settings, and the real runtime over them.
/// <see cref="Restart"/> simulates a host crash: a new runtime over the same store and fakes.
/// </summary>
public sealed class InMemoryFulfillment
{
    private readonly ILoggerFactory? _loggerFactory;

    /// <summary>Creates the channel.</summary>
    /// <param name="settings">The order settings; <c>StoreView = "default"</c> and defaults otherwise when <see langword="null"/>.</param>
    /// <param name="start">The clock's start; 2026-01-01 UTC when <see langword="null"/>.</param>
    /// <param name="options">Runtime options; defaults when <see langword="null"/>. Each Amazon store it lists starts with a copy of
    /// <paramref name="settings"/> (change one with <see cref="SettingsMonitor{T}.Set(string, T)"/>).</param>
    /// <param name="loggerFactory">Logs the runtime, when given.</param>
    public InMemoryFulfillment(OrderSettings? settings = null, DateTimeOffset? start = null, FulfillmentRuntimeOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        Faults = new FaultInjector();
        Amazon = new InMemoryAmazon(Faults);
        Commerce = new InMemoryCommerce(Faults);
        Customers = new InMemoryCustomers(Faults);
        OrderStore = new InMemoryOrderStore();
        Store = new FaultyOrderStore(OrderStore, Faults);
        Clock = new VirtualTimeProvider(start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Settings = new SettingsMonitor<OrderSettings>(settings ?? new OrderSettings { StoreView = "default" });
        Options = options ?? new FulfillmentRuntimeOptions();
        foreach (var store in Options.AmazonStores)
        {
            Settings.Set(store, Settings.CurrentValue.Clone());
        }

        _loggerFactory = loggerFactory;
        Runtime = NewRuntime();
    }

    /// <summary>Gets the shared faults and call counts.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Gets the fake Amazon.</summary>
    public InMemoryAmazon Amazon { get; }

    /// <summary>Gets the fake Commerce backend.</summary>
    public InMemoryCommerce Commerce { get; }

    /// <summary>Gets the fake customer store.</summary>
    public InMemoryCustomers Customers { get; }

    /// <summary>Gets the order store without faults (for inspection).</summary>
    public InMemoryOrderStore OrderStore { get; }

    /// <summary>Gets the order store the runtime uses (with faults).</summary>
    public FaultyOrderStore Store { get; }

    /// <summary>Gets the clock.</summary>
    public VirtualTimeProvider Clock { get; }

    /// <summary>Gets the settings.</summary>
    public SettingsMonitor<OrderSettings> Settings { get; }

    /// <summary>Gets the runtime options.</summary>
    public FulfillmentRuntimeOptions Options { get; }

    /// <summary>Gets the current runtime.</summary>
    public FulfillmentRuntime Runtime { get; private set; }

    /// <summary>Simulates a crash and restart: a new runtime over the same store and fakes (call <see cref="FulfillmentRuntime.ResumeAsync"/> to resume).</summary>
    /// <returns>The new runtime.</returns>
    public FulfillmentRuntime Restart() => Runtime = NewRuntime();

    private FulfillmentRuntime NewRuntime() =>
        new(Amazon, Commerce, Customers, Store, Settings, Options, Clock, _loggerFactory?.CreateLogger<FulfillmentRuntime>());
}
