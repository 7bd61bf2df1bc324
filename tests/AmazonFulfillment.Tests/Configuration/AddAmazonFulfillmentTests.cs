using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static AmazonFulfillment.Tests.Support.RuntimeScenario;

namespace AmazonFulfillment.Tests.Configuration;

/// <summary>AddAmazonFulfillment: registration, replaceable defaults, and start-up validation.</summary>
public class AddAmazonFulfillmentTests
{
    private static (ServiceCollection Services, InMemoryAmazon Amazon, InMemoryCommerce Commerce, FaultInjector Faults) Host(bool amazon = true, bool commerce = true, bool customers = true)
    {
        var faults = new FaultInjector();
        var fakes = (Amazon: new InMemoryAmazon(faults), Commerce: new InMemoryCommerce(faults), Customers: new InMemoryCustomers(faults));
        fakes.Commerce.SetProduct(SkuA);
        fakes.Commerce.SetProduct(SkuB);
        var services = new ServiceCollection();
        if (amazon)
        {
            services.AddSingleton<IAmazonOrdersPort>(fakes.Amazon);
        }

        if (commerce)
        {
            services.AddSingleton<ICommerceOrdersPort>(fakes.Commerce);
        }

        if (customers)
        {
            services.AddSingleton<ICustomersPort>(fakes.Customers);
        }

        return (services, fakes.Amazon, fakes.Commerce, faults);
    }

    private static void Start(IServiceProvider provider) => provider.GetRequiredService<IStartupValidator>().Validate();

    [Fact]
    public async Task AddAmazonFulfillment_PortsRegistered_ResolvesRuntimeThatRunsALifecycle()
    {
        var (services, amazon, commerce, _) = Host();
        services.AddAmazonFulfillment(s => s.StoreView = "default");
        using var provider = services.BuildServiceProvider();
        Start(provider);

        var runtime = provider.GetRequiredService<FulfillmentRuntime>();
        var id = Id(1);
        amazon.SetOrderItems(id, Items());
        await runtime.RunAsync(Lifecycle(id));

        Assert.Same(runtime, provider.GetRequiredService<FulfillmentRuntime>());
        Assert.IsType<InMemoryOrderStore>(provider.GetRequiredService<IOrderStore>());
        Assert.Equal(CommerceStatuses.Complete, Assert.Single(commerce.Orders).Status);
        Assert.Equal("default", commerce.Orders[0].Request.StoreView);
        Assert.Equal(2, amazon.Confirmations.Count);
    }

    [Fact]
    public async Task AddAmazonStore_TwoStores_EachOrderDecidedWithItsStoresSettings_ReadOnlyHoldsOnlyItsOwn()
    {
        var (services, amazon, commerce, _) = Host();
        services.AddAmazonFulfillment(s => s.StoreView = "us_en");
        services.AddAmazonStore("amazon.de", s =>
        {
            s.StoreView = "de_de";
            s.OrderNumberSource = OrderNumberSource.Amazon;
            s.ReadOnly = true;
        });
        using var provider = services.BuildServiceProvider();
        Start(provider);
        var runtime = provider.GetRequiredService<FulfillmentRuntime>();
        var us = Id(1);
        var de = Id(2);
        amazon.SetOrderItems(us, Items());
        amazon.SetOrderItems(de, Items());

        await runtime.ObserveAsync(Snapshot(us, AmazonOrderStatus.Unshipped, 1));
        await runtime.ObserveAsync(Snapshot(de, AmazonOrderStatus.Unshipped, 1) with { AmazonStore = "amazon.de" });
        await runtime.RecordShipmentAsync(First(us));
        await runtime.RecordShipmentAsync(First(de));
        var unknown = await runtime.ObserveAsync(Snapshot(Id(3), AmazonOrderStatus.Unshipped, 1) with { AmazonStore = "amazon.fr" });

        Assert.Equal(["us_en", "de_de"], commerce.Orders.Select(o => o.Request.StoreView));
        Assert.Null(commerce.Orders[0].Request.OrderNumber);
        Assert.Equal(de.Value, commerce.Orders[1].Request.OrderNumber);
        Assert.Equal(us, Assert.Single(amazon.Confirmations).Package.AmazonOrderId); // amazon.de is read-only, amazon.com is not
        Assert.Equal(DecisionKind.Refused, unknown.Kind);
        Assert.Equal("AmazonStore", unknown.Refusal!.Field);
        await Assert.ThrowsAsync<ArgumentException>(() => runtime.SyncStoreAsync("amazon.fr"));
    }

    [Fact]
    public void AddAmazonStore_InvalidSettingsOrName_FailsAtStartNamingTheStore()
    {
        var (services, _, _, _) = Host();
        services.AddAmazonFulfillment(s => s.StoreView = "us_en");
        services.AddAmazonStore("amazon.de", s => s.MaxImportAttempts = 0);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => Start(provider));
        Assert.Contains("store 'amazon.de'", error.Message, StringComparison.Ordinal);
        Assert.Contains("StoreView", error.Message, StringComparison.Ordinal);
        Assert.Contains($"({ProblemCodes.SettingsOrderSettingsInvalid})", error.Message, StringComparison.Ordinal);
        Assert.Equal(ProblemCodes.AmazonStoreNameInvalid, ProblemCodes.Of(Assert.Throws<ArgumentException>(() => services.AddAmazonStore(" ", _ => { }))));
        Assert.Equal(ProblemCodes.AmazonStoreNameInvalid, ProblemCodes.Of(Assert.Throws<ArgumentException>(() => services.AddAmazonStore(AmazonStores.Default, _ => { }))));
    }

    [Fact]
    public async Task AddAmazonFulfillment_StoreRegisteredBefore_RegisteredStoreWins()
    {
        var (services, amazon, _, _) = Host();
        var store = new InMemoryOrderStore();
        services.AddSingleton<IOrderStore>(store);
        services.AddAmazonFulfillment(s => s.StoreView = "default");
        using var provider = services.BuildServiceProvider();

        var id = Id(1);
        amazon.SetOrderItems(id, Items());
        await provider.GetRequiredService<FulfillmentRuntime>().ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));

        Assert.Same(store, provider.GetRequiredService<IOrderStore>());
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task AddAmazonFulfillment_TimeProviderRegistered_RuntimeUsesIt()
    {
        var (services, amazon, _, faults) = Host();
        var clock = new VirtualTimeProvider(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
        services.AddSingleton<TimeProvider>(clock);
        services.AddAmazonFulfillment(s => s.StoreView = "default");
        using var provider = services.BuildServiceProvider();
        var runtime = provider.GetRequiredService<FulfillmentRuntime>();
        var id = Id(1);
        amazon.SetOrderItems(id, Items());
        await runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        faults.Add("amazon", "ConfirmShipment", FaultMode.Throttled, 2);

        // Shipped in 2099: in the past only by the registered clock; the throttling backoff advances it without sleeping.
        var package = ShipmentPackage.Create(id, PackageReferenceId.From(1), "UPS", null, null, "1Z999AA10000000001", new DateTimeOffset(2099, 6, 1, 0, 0, 0, TimeSpan.Zero), [new PackageItem(LineA, 2)]);
        var result = await runtime.RecordShipmentAsync(package);

        Assert.Equal(DecisionKind.Applied, result.Kind);
        Assert.Equal(ConfirmationState.Confirmed, Assert.Single(result.Order!.Packages).Confirmation);
        Assert.True(clock.GetUtcNow() > new DateTimeOffset(2100, 1, 1, 0, 0, 1, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(false, true, true, nameof(IAmazonOrdersPort))]
    [InlineData(true, false, true, nameof(ICommerceOrdersPort))]
    [InlineData(true, true, false, nameof(ICustomersPort))]
    public void Start_MissingPort_FailsNamingThePortType(bool amazon, bool commerce, bool customers, string missing)
    {
        var (services, _, _, _) = Host(amazon, commerce, customers);
        services.AddAmazonFulfillment(s => s.StoreView = "default");
        using var provider = services.BuildServiceProvider();

        var startup = Assert.ThrowsAny<Exception>(() => Start(provider));
        var options = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FulfillmentRuntimeOptions>>().Value);
        var resolve = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<FulfillmentRuntime>());

        Assert.Contains(missing, startup.Message, StringComparison.Ordinal);
        Assert.Contains(missing, options.Message, StringComparison.Ordinal);
        Assert.Contains(missing, resolve.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_AllPortsMissing_OneFailureNamingEach()
    {
        var (services, _, _, _) = Host(false, false, false);
        services.AddAmazonFulfillment(s => s.StoreView = "default");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => Start(provider));

        Assert.Contains(nameof(IAmazonOrdersPort), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ICommerceOrdersPort), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ICustomersPort), error.Message, StringComparison.Ordinal);
        Assert.Contains($"({ProblemCodes.SettingsPortsMissing})", Assert.Single(error.Failures), StringComparison.Ordinal);
        Assert.Equal(ProblemCodes.SettingsPortsMissing, ProblemCodes.Of(Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<FulfillmentRuntime>())));
    }

    [Fact]
    public void Start_StoreViewMissingAndMaxImportAttemptsZero_OneMessageListingBoth()
    {
        var (services, _, _, _) = Host();
        services.AddAmazonFulfillment(s => s.MaxImportAttempts = 0);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => Start(provider));

        var message = Assert.Single(error.Failures);
        Assert.Contains("StoreView", message, StringComparison.Ordinal);
        Assert.Contains("MaxImportAttempts", message, StringComparison.Ordinal);
        Assert.EndsWith($"({ProblemCodes.SettingsOrderSettingsInvalid})", message, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<OrderSettings>>().Value);
    }

    [Fact]
    public void Start_InvalidRuntimeOptions_FailsNamingThem()
    {
        var (services, _, _, _) = Host();
        services.AddAmazonFulfillment(s => s.StoreView = "default", r => r.MaxEffectAttempts = 0);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => Start(provider));

        Assert.Contains("MaxEffectAttempts", error.Message, StringComparison.Ordinal);
        Assert.Contains($"({ProblemCodes.SettingsOptionsInvalid})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAmazonFulfillment_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddAmazonFulfillment(s => s.StoreView = "default"));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddAmazonFulfillment(null!));
    }

    [Fact]
    public void AddAmazonFulfillment_CalledTwice_OneValidatorAndOneRuntime()
    {
        var (services, _, _, _) = Host();
        services.AddAmazonFulfillment(s => s.StoreView = "default");
        services.AddAmazonFulfillment(s => s.StoreView = "default");
        using var provider = services.BuildServiceProvider();
        Start(provider);

        Assert.Single(provider.GetServices<IValidateOptions<OrderSettings>>());
        Assert.Single(provider.GetServices<FulfillmentRuntime>());
    }
}
