using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Testing.SellingPartner;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AmazonFulfillment.SellingPartner.Client.Tests.Support;

/// <summary>A fake Amazon on loopback and a host wired to it: the client, the port, the runtime, the poller, in-memory Commerce.</summary>
internal sealed class Harness : IAsyncDisposable
{
    private static int _orders;

    private Harness(FakeAmazon amazon, ServiceProvider services, LogCapture logs)
    {
        Amazon = amazon;
        Services = services;
        Logs = logs;
    }

    public FakeAmazon Amazon { get; }

    public ServiceProvider Services { get; }

    public LogCapture Logs { get; }

    public SellingPartnerClient Client => Services.GetRequiredService<SellingPartnerClient>();

    public SellingPartnerOrdersPort Port => Services.GetRequiredService<SellingPartnerOrdersPort>();

    public FulfillmentRuntime Runtime => Services.GetRequiredService<FulfillmentRuntime>();

    public InMemoryCommerce Commerce => Services.GetRequiredService<InMemoryCommerce>();

    public IOrderStore Store => Services.GetRequiredService<IOrderStore>();

    public SellingPartnerOrderPoller Poller => Services.GetRequiredService<SellingPartnerOrderPoller>();

    public static async Task<Harness> StartAsync(
        Action<FakeAmazonOptions>? fake = null,
        Action<SellingPartnerClientOptions>? client = null,
        TimeProvider? time = null,
        IOrderStore? store = null,
        Action<OrderSettings>? settings = null)
    {
        var fakeOptions = new FakeAmazonOptions();
        fake?.Invoke(fakeOptions);
        var amazon = await FakeAmazon.StartAsync(fakeOptions, time);
        var logs = new LogCapture();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        if (store is not null)
        {
            services.AddSingleton(store);
        }

        services.AddSellingPartnerClient(o =>
        {
            o.SellerId = fakeOptions.SellerId;
            o.ClientId = fakeOptions.ClientId;
            o.ClientSecret = fakeOptions.ClientSecret;
            o.RefreshToken = fakeOptions.RefreshToken;
            o.Endpoint = amazon.Endpoint;
            o.TokenEndpoint = amazon.TokenEndpoint;
            o.MarketplaceIds.Add(fakeOptions.MarketplaceId);
            o.CancellationBatchWindow = TimeSpan.FromMilliseconds(200);
            o.RequestTimeout = TimeSpan.FromSeconds(5);
            client?.Invoke(o);
        });
        services.AddSellingPartnerOrderPoller(o => o.RunAsHostedService = false);
        var commerce = new InMemoryCommerce();
        for (var i = 0; i < 5; i++)
        {
            commerce.SetProduct(Sku.Parse($"SKU-{i}"), StockStatus.NotManaged);
        }

        services.AddSingleton(commerce);
        services.AddSingleton<ICommerceOrdersPort>(commerce);
        services.AddSingleton<ICustomersPort, InMemoryCustomers>();
        services.AddAmazonFulfillment(
            s =>
            {
                s.StoreView = "default";
                settings?.Invoke(s);
            },
            r =>
            {
                r.RetryBaseDelay = TimeSpan.FromMilliseconds(50);
                r.RetryMaxDelay = TimeSpan.FromMilliseconds(500);
            });
        return new Harness(amazon, services.BuildServiceProvider(), logs);
    }

    /// <summary>A fresh order id, unique across the test run.</summary>
    public static string NewOrderId() => $"902-{Interlocked.Increment(ref _orders):D7}-{Environment.ProcessId % 10_000_000:D7}";

    /// <summary>An MFN order with one line per quantity given, placed ten minutes ago so that a window ending two minutes ago sees it.</summary>
    public FakeOrder Place(string status = "Unshipped", bool merchant = true, params int[] quantities)
    {
        var id = NewOrderId();
        var lines = (quantities.Length == 0 ? [1] : quantities)
            .Select((q, i) => new FakeOrderItem($"{id.Replace("-", string.Empty, StringComparison.Ordinal)[..10]}{i:D4}", $"SKU-{i % 5}", q, 10m + i))
            .ToList();
        return Amazon.PlaceOrder(new FakeOrder(id, status, merchant, lines), DateTimeOffset.UtcNow.AddMinutes(-10));
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Amazon.DisposeAsync();
    }
}
