// A Generic Host worker that runs an Amazon sales channel: it polls a fake SP-API (getOrders pages in the real
// JSON shape), feeds the runtime, records the shipments the "warehouse" makes in Commerce, and runs the sync sweep.
//
//   dotnet run --project samples/AmazonFulfillment.WorkerSample             # polls every 30 seconds until Ctrl+C
//   dotnet run --project samples/AmazonFulfillment.WorkerSample -- --once   # three cycles, then exits (0 when every order completed)
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Testing;
using AmazonFulfillment.WorkerSample;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var once = args.Contains("--once", StringComparer.Ordinal);
var builder = Host.CreateApplicationBuilder(args.Where(a => a != "--once").ToArray());
builder.Logging.AddFilter("AmazonFulfillment", LogLevel.Information);

// Amazon: a real host registers its SP-API client here. This sample's port talks to an in-process fake SP-API.
builder.Services.AddSingleton<FakeSellingPartnerApi>();
builder.Services.AddSingleton<IAmazonOrdersPort, SellingPartnerAmazonPort>();

// Commerce and customers: a real host registers adapters over its own order and customer services.
// The sample uses the in-memory backends of AmazonFulfillment.Testing.
builder.Services.AddSingleton(_ =>
{
    var commerce = new InMemoryCommerce();
    commerce.SetProduct(Sku.Parse("NABetaASINB00551Q3CS"));
    commerce.SetProduct(Sku.Parse("NABetaASINB00551Q3CT"), StockStatus.NotManaged);
    commerce.SetProduct(Sku.Parse("NABetaASINB00551Q3CU"), StockStatus.OutOfStock); // sold through FBA: Amazon's stock, not ours
    return commerce;
});
builder.Services.AddSingleton<ICommerceOrdersPort>(sp => sp.GetRequiredService<InMemoryCommerce>());
builder.Services.AddSingleton<InMemoryCustomers>();
builder.Services.AddSingleton<ICustomersPort>(sp => sp.GetRequiredService<InMemoryCustomers>());

// No IOrderStore is registered, so the in-memory default is used: fine for one process that may forget its state.
builder.Services.AddAmazonFulfillment(settings =>
{
    settings.StoreView = "default";
    settings.CustomerCreation = CustomerCreation.CreateAccount;
});

builder.Services.AddSingleton(new WorkerOptions { Cycles = once ? 3 : null, Interval = once ? TimeSpan.Zero : TimeSpan.FromSeconds(30) });
builder.Services.AddHostedService<FulfillmentWorker>();

using var host = builder.Build();
await host.RunAsync();
return Environment.ExitCode;
