// The host the crash tests start and kill (tests/AmazonFulfillment.EntityFrameworkCore.Tests, CrashTests): an Amazon sales
// channel as a merchant runs it, with nothing kept in the process. Amazon is the SP-API client against a fake Amazon over
// HTTP, Commerce and its customers are a fake Commerce over HTTP (both served by the test process, so what they received
// survives a kill), and the tracked orders are in the EF Core store (a SQLite file, or a PostgreSQL schema).
//
// Each cycle polls Amazon's orders into the runtime (until a window is read), plays the warehouse (every Commerce order's
// unshipped lines are shipped, one package per line, under a package id derived from the order and line, as a Commerce
// shipment id would be), and runs the sync sweep. Mode Busy cycles until killed; mode Final cycles until nothing is left
// (a window read, no unfinished work, every line shipped and every package confirmed) and exits 0, or 1 at its deadline.
//
//   dotnet AmazonFulfillment.CrashHost.dll --Mode=Busy --Store:Kind=Sqlite "--Store:Connection=Data Source=orders.db"
//     --Amazon:Endpoint=http://127.0.0.1:1234 --Amazon:SellerId=... --Amazon:ClientId=... --Amazon:ClientSecret=...
//     --Amazon:RefreshToken=... --Amazon:MarketplaceId=... --Commerce:Endpoint=http://127.0.0.1:5678
using AmazonFulfillment.CrashHost;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.SellingPartner.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Settings from the command line only (no appsettings file to watch: the host starts often).
var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
builder.Configuration.AddCommandLine(args);
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Error);
var config = builder.Configuration;
var options = CrashHostOptions.From(config);

var amazon = config.GetSection("Amazon");
builder.Services.AddSellingPartnerClient(client =>
{
    client.SellerId = amazon["SellerId"]!;
    client.ClientId = amazon["ClientId"]!;
    client.ClientSecret = amazon["ClientSecret"]!;
    client.RefreshToken = amazon["RefreshToken"]!;
    client.Endpoint = new Uri(amazon["Endpoint"]!);
    client.TokenEndpoint = new Uri(client.Endpoint, "/auth/o2/token");
    client.MarketplaceIds.Add(amazon["MarketplaceId"]!);
    client.HasRestrictedDataRole = true; // buyer emails: customers are resolved and created in Commerce
    client.RequestTimeout = TimeSpan.FromSeconds(10);
    foreach (var operation in SellingPartnerOperations.DocumentedRateLimits.Keys)
    {
        client.RateLimits[operation] = new SellingPartnerRateLimit(1000, 1000); // the fake's plans are as generous: the test is about crashes
    }
});
builder.Services.AddSellingPartnerOrderPoller(poller =>
{
    poller.RunAsHostedService = false; // the cycle polls

    // Every process this test starts is the same host restarted: it takes its own poller lease back at once, instead of
    // waiting for the lease its killed predecessor held to lapse.
    poller.LeaseOwner = "crash-host";
});

builder.Services.AddSingleton(_ => new HttpCommerce(new HttpClient { BaseAddress = new Uri(config["Commerce:Endpoint"]!), Timeout = TimeSpan.FromSeconds(10) }));
builder.Services.AddSingleton<ICommerceOrdersPort>(sp => sp.GetRequiredService<HttpCommerce>());
builder.Services.AddSingleton<ICustomersPort>(sp => sp.GetRequiredService<HttpCommerce>());

var connection = config["Store:Connection"]!;
if (string.Equals(config["Store:Kind"], "PostgreSql", StringComparison.OrdinalIgnoreCase))
{
    builder.Services.AddAmazonFulfillmentEntityFrameworkCore(db => db.UseNpgsql(connection), store => store.Schema = config["Store:Schema"]);
}
else
{
    builder.Services.AddAmazonFulfillmentEntityFrameworkCore(db => db.UseSqlite(connection));
}

builder.Services.AddAmazonFulfillment(
    settings =>
    {
        settings.StoreView = "default";
        settings.CustomerCreation = CustomerCreation.CreateAccount;
    },
    runtime =>
    {
        runtime.RetryBaseDelay = TimeSpan.FromMilliseconds(50);
        runtime.RetryMaxDelay = TimeSpan.FromMilliseconds(500);
        runtime.ClaimLease = TimeSpan.FromSeconds(2); // a killed host's claims (PostgreSQL) lapse soon, so its successor takes the work over
    });
builder.Services.AddSingleton(options);
builder.Services.AddSingleton<CrashHostCycle>();

using var host = builder.Build();
using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};
return await host.Services.GetRequiredService<CrashHostCycle>().RunAsync(stopping.Token);
