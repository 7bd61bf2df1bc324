// A Generic Host worker that runs an Amazon sales channel over HTTP: the SP-API client polls orders into the runtime,
// the Amazon port confirms shipments and cancels through the Feeds API, and the "warehouse" ships in Commerce.
//
// By default it talks to a fake Amazon on a loopback port (AmazonFulfillment.Testing.SellingPartner) that plays a short
// script of orders. With credentials configured (user secrets, environment or appsettings, section "SellingPartner":
// SellerId, ClientId, ClientSecret, RefreshToken, Region, MarketplaceIds) the same code talks to that seller's account,
// and only reads: the sample's warehouse never ships or cancels real orders.
//
//   dotnet run --project samples/AmazonFulfillment.WorkerSample             # polls every 30 seconds until Ctrl+C
//   dotnet run --project samples/AmazonFulfillment.WorkerSample -- --once   # three cycles, then exits (0 when the outcome is right)
//
// The tracked orders are kept in a SQLite file (AmazonFulfillment.EntityFrameworkCore), so a restart resumes the work that
// was decided but not done and never imports an order twice. Configuration section "OrderStore": Path (default: the
// application's data folder, such as ~/.local/share/AmazonFulfillment.WorkerSample/orders.db) and Kind ("Sqlite", or
// "InMemory" for a store that forgets everything at exit).
//
// The library's metrics (and, on request, its spans) go through the OpenTelemetry SDK. By default the metrics are printed on
// the console every Telemetry:ExportInterval (default 60 seconds) and once more at exit; Telemetry:ConsoleTraces=true prints
// the spans too. With an OTLP endpoint (Telemetry:OtlpEndpoint, such as http://localhost:4317, or the standard
// OTEL_EXPORTER_OTLP_ENDPOINT and its companions) both metrics and spans go there instead:
//
//   dotnet run --project samples/AmazonFulfillment.WorkerSample -- --once --Telemetry:ConsoleTraces=true
//   dotnet run --project samples/AmazonFulfillment.WorkerSample -- --Telemetry:OtlpEndpoint=http://localhost:4317
using AmazonFulfillment.Diagnostics;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.SellingPartner.Client;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Testing.SellingPartner;
using AmazonFulfillment.WorkerSample;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

var once = args.Contains("--once", StringComparer.Ordinal);
var builder = Host.CreateApplicationBuilder(args.Where(a => a != "--once").ToArray());
builder.Logging.AddFilter("AmazonFulfillment", LogLevel.Information);
builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);

// Amazon: a real seller account when credentials are configured, otherwise the fake Amazon over HTTP.
var account = builder.Configuration.GetSection("SellingPartner");
var real = !string.IsNullOrWhiteSpace(account["ClientId"]) && !string.IsNullOrWhiteSpace(account["ClientSecret"]) && !string.IsNullOrWhiteSpace(account["RefreshToken"]);
await using var fake = real ? null : await FakeAmazon.StartAsync();
if (fake is not null)
{
    FakeAmazonScript.Install(fake);
    builder.Services.AddSingleton(fake);
}

builder.Services.AddSellingPartnerClient(options =>
{
    if (fake is null)
    {
        account.Bind(options);
        return;
    }

    options.SellerId = fake.Options.SellerId;
    options.ClientId = fake.Options.ClientId;
    options.ClientSecret = fake.Options.ClientSecret;
    options.RefreshToken = fake.Options.RefreshToken;
    options.Endpoint = fake.Endpoint;
    options.TokenEndpoint = fake.TokenEndpoint;
    options.MarketplaceIds.Add(fake.Options.MarketplaceId);
    options.CancellationBatchWindow = TimeSpan.FromMilliseconds(500);
});
builder.Services.AddSellingPartnerOrderPoller(poller =>
{
    poller.Interval = TimeSpan.FromSeconds(30);
    poller.RunAsHostedService = !once; // with --once the worker polls itself, so that its three cycles are deterministic
});

// Commerce and customers: a real host registers adapters over its own order and customer services.
// The sample uses the in-memory backends of AmazonFulfillment.Testing.
builder.Services.AddSingleton(_ =>
{
    var commerce = new InMemoryCommerce();
    commerce.SetProduct(Sku.Parse("NABetaASINB00551Q3CS"));
    commerce.SetProduct(Sku.Parse("NABetaASINB00551Q3CT"), StockStatus.NotManaged);
    commerce.SetProduct(Sku.Parse("NABetaASINB00551Q3CU"), StockStatus.OutOfStock); // sold through FBA: Amazon's stock, not ours
    commerce.SetProduct(Sku.Parse(FakeAmazonScript.BackorderedSku), StockStatus.NotManaged);
    return commerce;
});
builder.Services.AddSingleton<ICommerceOrdersPort>(sp => sp.GetRequiredService<InMemoryCommerce>());
builder.Services.AddSingleton<InMemoryCustomers>();
builder.Services.AddSingleton<ICustomersPort>(sp => sp.GetRequiredService<InMemoryCustomers>());

// The order store: a SQLite file through EF Core (orders, their outbox and the poller's cursor survive a restart), unless
// OrderStore:Kind is InMemory (the library's default, which forgets everything at exit). Several hosts need PostgreSQL.
var store = builder.Configuration.GetSection("OrderStore");
var storeDescription = "in memory (forgotten at exit)";
if (!string.Equals(store["Kind"], "InMemory", StringComparison.OrdinalIgnoreCase))
{
    var path = Path.GetFullPath(store["Path"] is { Length: > 0 } configured
        ? configured
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "AmazonFulfillment.WorkerSample", "orders.db"));
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    builder.Services.AddAmazonFulfillmentEntityFrameworkCore(db => db.UseSqlite($"Data Source={path}"));
    storeDescription = $"SQLite file {path}";
}

builder.Services.AddAmazonFulfillment(settings =>
{
    settings.StoreView = "default";
    settings.CustomerCreation = CustomerCreation.CreateAccount;
});

builder.Services.AddSingleton(new WorkerOptions
{
    Cycles = once ? 3 : null,
    Interval = once ? TimeSpan.Zero : TimeSpan.FromSeconds(30),
    PollEachCycle = once,
    FakeAmazon = fake is not null,
});
builder.Services.AddHostedService<FulfillmentWorker>();
var telemetry = WorkerTelemetry.Add(builder);

using var host = builder.Build();
var client = host.Services.GetRequiredService<SellingPartnerClient>();
Console.WriteLine(fake is null
    ? $"Talking to the seller's Amazon account: {client.Options}"
    : $"Talking to the fake Amazon at {fake.Endpoint} ({client.Options})");
Console.WriteLine($"Tracked orders are kept {storeDescription}");
Console.WriteLine($"Telemetry (meters {FulfillmentTelemetry.Name} and {WorkerTelemetry.ClientMeter}): {telemetry}");
await host.StartAsync();
await host.WaitForShutdownAsync();

// The metrics' last export, while the poller still reports its lag: disposing the host would dispose the poller first.
host.Services.GetRequiredService<MeterProvider>().Dispose();
return Environment.ExitCode;
