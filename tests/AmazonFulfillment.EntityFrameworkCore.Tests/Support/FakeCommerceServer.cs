using System.Net;
using AmazonFulfillment.CrashHost;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AmazonFulfillment.EntityFrameworkCore.Tests.Support;

/// <summary>
/// A fake Commerce backend over HTTP for the crash host (the wire of <see cref="CommerceWire"/>), served by the test process so
/// that its orders and customers survive the host's death: <see cref="InMemoryCommerce"/> and <see cref="InMemoryCustomers"/>
/// behind a loopback Kestrel server, idempotent as the port contracts say (creation looked up by Amazon order id, customers by email).
/// </summary>
internal sealed class FakeCommerceServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private FakeCommerceServer(WebApplication app, InMemoryCommerce commerce, InMemoryCustomers customers)
    {
        _app = app;
        Commerce = commerce;
        Customers = customers;
    }

    public InMemoryCommerce Commerce { get; }

    public InMemoryCustomers Customers { get; }

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Gets how many port calls arrived so far (the pick list's reads are not port calls).</summary>
    public int Calls => Volatile.Read(ref _calls);

    public static async Task<FakeCommerceServer> StartAsync(InMemoryCommerce commerce, InMemoryCustomers customers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeCommerceServer(app, commerce, customers);
        app.MapGet(CommerceWire.Orders, () => Results.Json(commerce.Orders.Select(o => o.AmazonOrderId.Value).ToList(), CommerceWire.Json));
        Map<OrderRequestWire, CommerceOrderRef>(server, app, CommerceWire.CreateOrder, (body, ct) => commerce.CreateOrderAsync(body.ToRequest(), ct));
        MapPlain<OrderIdWire>(server, app, CommerceWire.CompleteOrder, (body, ct) => commerce.CompleteOrderAsync(AmazonOrderId.Parse(body.AmazonOrderId), ct));
        MapPlain<OrderIdWire>(server, app, CommerceWire.MarkOrderProcessing, (body, ct) => commerce.MarkOrderProcessingAsync(AmazonOrderId.Parse(body.AmazonOrderId), ct));
        MapPlain<OrderIdWire>(server, app, CommerceWire.CancelOrder, (body, ct) => commerce.CancelOrderAsync(AmazonOrderId.Parse(body.AmazonOrderId), ct));
        Map<CustomerWire, string?>(server, app, CommerceWire.FindCustomer, (body, ct) => customers.FindCustomerAsync(body.Email, ct));
        Map<CustomerWire, string>(server, app, CommerceWire.CreateCustomer, (body, ct) => customers.CreateCustomerAsync(body.Email, body.Name, ct));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void Map<TBody, TValue>(FakeCommerceServer server, WebApplication app, string path, Func<TBody, CancellationToken, ValueTask<PortResult<TValue>>> call) =>
        app.MapPost(path, async (HttpContext context) =>
        {
            Interlocked.Increment(ref server._calls);
            // Not the request's token: a host killed mid-call must not cancel a call Commerce has taken (as a real backend would not).
            var body = await context.Request.ReadFromJsonAsync<TBody>(CommerceWire.Json);
            var result = await call(body!, CancellationToken.None);
            await context.Response.WriteAsJsonAsync(ResultWire<TValue>.From(result), CommerceWire.Json);
        });

    private static void MapPlain<TBody>(FakeCommerceServer server, WebApplication app, string path, Func<TBody, CancellationToken, ValueTask<PortResult>> call) =>
        app.MapPost(path, async (HttpContext context) =>
        {
            Interlocked.Increment(ref server._calls);
            var body = await context.Request.ReadFromJsonAsync<TBody>(CommerceWire.Json);
            var result = await call(body!, CancellationToken.None);
            await context.Response.WriteAsJsonAsync(ResultWire<bool>.From(result), CommerceWire.Json);
        });
}
