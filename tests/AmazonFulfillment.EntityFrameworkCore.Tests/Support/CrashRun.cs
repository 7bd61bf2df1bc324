using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AmazonFulfillment.CrashHost;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Testing.SellingPartner;
using AmazonFulfillment.Verification.Guarantees;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AmazonFulfillment.EntityFrameworkCore.Tests.Support;

/// <summary>The database a crash run's hosts share: a SQLite file, or a schema on the PostgreSQL server.</summary>
/// <param name="Kind"><c>Sqlite</c> or <c>PostgreSql</c>.</param>
/// <param name="Connection">The connection string.</param>
/// <param name="Schema">The PostgreSQL schema, or <see langword="null"/>.</param>
internal sealed record CrashStore(string Kind, string Connection, string? Schema)
{
    public bool IsPostgreSql => Kind == "PostgreSql";
}

/// <summary>What the store and the outside world held right after a kill.</summary>
/// <param name="Startup">How long the host took to start working.</param>
/// <param name="Calls">The calls to Amazon and Commerce it made before the kill was decided.</param>
/// <param name="Jitter">How long after that it was killed.</param>
/// <param name="Unfinished">Orders with unfinished work in the store (decided, not yet done).</param>
/// <param name="NotImported">Amazon orders without a Commerce order yet.</param>
/// <param name="Unconfirmed">Merchant-fulfilled lines Amazon does not hold as shipped yet.</param>
internal sealed record KillReport(TimeSpan Startup, int Calls, TimeSpan Jitter, int Unfinished, int NotImported, int Unconfirmed)
{
    /// <summary>Gets whether the kill interrupted work: something was left to do.</summary>
    public bool MidWork => Unfinished > 0 || NotImported > 0 || Unconfirmed > 0;
}

/// <summary>
/// A crash run: the fake Amazon (SP-API over HTTP) and a fake Commerce (over HTTP) in this process, the crash host as a child
/// process over a shared database, killed with SIGKILL at seeded random moments and restarted. Before each start a batch of
/// orders arrives on Amazon; after each kill the guarantees oracle judges the store's orders against what Amazon and Commerce
/// hold (Amazon's record is mirrored into the oracle's <see cref="InMemoryAmazon"/> call by call, accepted confirmations and
/// item reads, in the order Amazon received them).
/// </summary>
internal sealed partial class CrashRun : IAsyncDisposable
{
    /// <summary>The host's parallelism (the runtime's default <c>MaxParallelOrders</c>): the calls a kill may leave unsaved.</summary>
    private const int ParallelOrders = 4;

    private const int BatchSize = 6;

    /// <summary>The orders on a page of the fake Amazon's order search.</summary>
    private const int PageSize = 10;

    /// <summary>One kill in this many comes right after the start, during the resume of the work the last host left.</summary>
    private const int StartupKillOdds = 5;

    /// <summary>How long the host may make no call before it counts as idle (killed then anyway).</summary>
    private static readonly TimeSpan IdleAfter = TimeSpan.FromSeconds(1.5);
    private static readonly string[] Skus = ["CRASH-SKU-A", "CRASH-SKU-B", "CRASH-SKU-C"];

    private readonly CrashStore _store;
    private readonly Random _random;
    private readonly ServiceProvider _services;
    private readonly InMemoryAmazon _mirror = new();
    private readonly List<GuaranteeViolation> _violations = [];
    private int _mirrored;
    private int _nextOrder = 1;

    private CrashRun(CrashStore store, int seed, FakeAmazon amazon, FakeCommerceServer commerce, ServiceProvider services)
    {
        _store = store;
        _random = new Random(seed);
        Amazon = amazon;
        Commerce = commerce;
        _services = services;
        Oracle = new GuaranteeOracle(_mirror, commerce.Commerce, commerce.Customers, new OrderSettings { StoreView = "default", CustomerCreation = CustomerCreation.CreateAccount });
    }

    public FakeAmazon Amazon { get; }

    public FakeCommerceServer Commerce { get; }

    public GuaranteeOracle Oracle { get; }

    public IOrderStore Store => _services.GetRequiredService<IOrderStore>();

    public IReadOnlyList<GuaranteeViolation> Violations => _violations;

    public List<KillReport> Kills { get; } = [];

    /// <summary>Starts the fakes and creates the store's tables (as a host's migrations would, before any host runs).</summary>
    public static async Task<CrashRun> StartAsync(CrashStore store, int seed)
    {
        var amazon = await FakeAmazon.StartAsync(new FakeAmazonOptions { EnforceRateLimits = false, OrdersPageSize = PageSize });
        var commerce = new InMemoryCommerce();
        foreach (var sku in Skus)
        {
            commerce.SetProduct(Sku.Parse(sku));
        }

        var server = await FakeCommerceServer.StartAsync(commerce, new InMemoryCustomers());
        var services = new ServiceCollection();
        services.AddAmazonFulfillmentEntityFrameworkCore(
            db => _ = store.IsPostgreSql ? db.UseNpgsql(store.Connection) : db.UseSqlite(store.Connection),
            o => o.Schema = store.Schema);
        var provider = services.BuildServiceProvider();
        await ((EntityFrameworkCoreOrderStore<AmazonFulfillmentDbContext>)provider.GetRequiredService<IOrderStore>()).EnsureReadyAsync();
        return new CrashRun(store, seed, amazon, server, provider);
    }

    /// <summary>
    /// One round: a batch of orders arrives on Amazon, a host starts, works, and is killed at a random moment of its work. The moment
    /// is chosen by progress, not time, so that kills spread over the work whatever the machine's speed: right after the host says
    /// it is working (resuming the last host's work) one time in <see cref="StartupKillOdds"/>, else once Amazon and Commerce
    /// together have received a random number of calls from it (up to about what the work left takes), plus a few random milliseconds.
    /// </summary>
    public async Task<KillReport> KillRoundAsync()
    {
        PlaceBatch();
        var target = _random.Next(StartupKillOdds) == 0 ? 0 : 1 + _random.Next(await CallsLeftAsync());
        var jitter = TimeSpan.FromMilliseconds(_random.Next(target == 0 ? 300 : 30));
        var startup = Stopwatch.StartNew();
        var calls = 0;
        using (var host = ChildProcess.Start(ChildProcess.CrashHost, Arguments("Busy"), out var output))
        {
            try
            {
                await WaitForLineAsync(host, output, CrashProtocol.WorkingLine, TimeSpan.FromMinutes(1));
                startup.Stop();
                calls = await WaitForCallsAsync(host, output, target);
                await Task.Delay(jitter);
                Assert.False(host.HasExited, $"The crash host ended by itself before its kill:\n{output}");
                host.Kill(); // SIGKILL: no shutdown, no flush, no finally
                await host.WaitForExitAsync();
            }
            finally
            {
                if (!host.HasExited)
                {
                    host.Kill();
                }
            }
        }

        Oracle.HostStopped(ParallelOrders);
        var report = await ReportAsync(startup.Elapsed, calls, jitter);
        Kills.Add(report);
        await CheckAsync(quiet: false);
        return report;
    }

    /// <summary>The final host: runs until nothing is left, then the oracle judges the settled channel.</summary>
    public async Task<string> FinishAsync()
    {
        var (exitCode, output) = await ChildProcess.RunAsync(ChildProcess.CrashHost, Arguments("Final"), TimeSpan.FromMinutes(2));
        Assert.True(exitCode == 0 && output.Contains(CrashProtocol.DoneLine, StringComparison.Ordinal), $"The final run did not finish its work (exit {exitCode}):\n{output}");
        await CheckAsync(quiet: true);
        return output;
    }

    /// <summary>Every stored order of the run (every order Amazon holds that the store tracks).</summary>
    public async Task<IReadOnlyList<StoredOrder>> StoredOrdersAsync()
    {
        var stored = new List<StoredOrder>();
        foreach (var order in Amazon.Orders)
        {
            if (await Store.LoadAsync(AmazonOrderId.Parse(order.AmazonOrderId)) is { } found)
            {
                stored.Add(found);
            }
        }

        return stored;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Commerce.DisposeAsync();
        await Amazon.DisposeAsync();
    }

    private async Task CheckAsync(bool quiet)
    {
        MirrorAmazon();
        _violations.AddRange(Oracle.Check(await StoredOrdersAsync(), quiet));
    }

    private async Task<KillReport> ReportAsync(TimeSpan startup, int calls, TimeSpan jitter)
    {
        var (unfinished, notImported, unconfirmed) = await LeftAsync();
        return new KillReport(startup, calls, jitter, unfinished, notImported, unconfirmed);
    }

    /// <summary>About how many calls to Amazon and Commerce the work left takes: a poll (a token, and per page a search and a
    /// restricted data token), per order not imported yet a customer found or created and an order, per line a confirmation.</summary>
    private async Task<int> CallsLeftAsync()
    {
        var (_, notImported, unconfirmed) = await LeftAsync();
        return 1 + (2 * ((Amazon.Orders.Count / PageSize) + 1)) + (3 * notImported) + unconfirmed;
    }

    /// <summary>What is left to do: orders with unfinished work in the store, Amazon orders without a Commerce order, and
    /// merchant-fulfilled lines Amazon does not hold as shipped.</summary>
    private async Task<(int Unfinished, int NotImported, int Unconfirmed)> LeftAsync()
    {
        var unfinished = (await Store.ListUnfinishedAsync()).Count;
        var orders = Amazon.Orders;
        var notImported = orders.Count(o => Commerce.Commerce.Find(AmazonOrderId.Parse(o.AmazonOrderId)) is null);
        var unconfirmed = orders.Where(o => o.MerchantFulfilled).Sum(o => o.Items.Count(i => i.QuantityShipped < i.QuantityOrdered));
        return (unfinished, notImported, unconfirmed);
    }

    /// <summary>
    /// A batch of orders arrives: merchant-fulfilled and Unshipped with one or two lines (half with a buyer email, shared by
    /// several orders, so customers are found as well as created), and one fulfilled by Amazon. They changed three minutes ago,
    /// inside the next window the poller reads (which ends two minutes before now).
    /// </summary>
    private void PlaceBatch()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-3);
        for (var i = 0; i < BatchSize; i++)
        {
            var n = _nextOrder++;
            var id = string.Create(CultureInfo.InvariantCulture, $"903-{n:D7}-{n * 7919 % 10_000_000:D7}");
            var fba = i == BatchSize - 1;
            var lines = fba ? 1 : 1 + _random.Next(2);
            var items = Enumerable.Range(0, lines)
                .Select(line => new FakeOrderItem(string.Create(CultureInfo.InvariantCulture, $"{n:D10}{line + 1:D4}"), Skus[_random.Next(Skus.Length)], 1 + _random.Next(3), 9.99m)
                {
                    QuantityShipped = 0,
                })
                .ToList();
            if (fba)
            {
                items = [.. items.Select(item => item with { QuantityShipped = item.QuantityOrdered })];
            }

            Amazon.PlaceOrder(
                new FakeOrder(id, fba ? "Shipped" : "Unshipped", !fba, items)
                {
                    BuyerEmail = _random.Next(2) == 0 ? string.Create(CultureInfo.InvariantCulture, $"buyer{n % 5}@marketplace.amazon.example") : null,
                },
                at);
        }
    }

    private string[] Arguments(string mode)
    {
        var amazon = Amazon.Options;
        List<string> args =
        [
            $"--Mode={mode}",
            $"--Store:Kind={_store.Kind}",
            $"--Store:Connection={_store.Connection}",
            $"--Amazon:Endpoint={Amazon.Endpoint}",
            $"--Amazon:SellerId={amazon.SellerId}",
            $"--Amazon:ClientId={amazon.ClientId}",
            $"--Amazon:ClientSecret={amazon.ClientSecret}",
            $"--Amazon:RefreshToken={amazon.RefreshToken}",
            $"--Amazon:MarketplaceId={amazon.MarketplaceId}",
            $"--Commerce:Endpoint={Commerce.Endpoint}",
        ];
        if (_store.Schema is { } schema)
        {
            args.Add($"--Store:Schema={schema}");
        }

        return [.. args];
    }

    /// <summary>Mirrors what Amazon received since the last check into the oracle's Amazon: accepted confirmations and item reads.</summary>
    private void MirrorAmazon()
    {
        var requests = Amazon.Requests;
        for (; _mirrored < requests.Count; _mirrored++)
        {
            var request = requests[_mirrored];
            switch (request.Operation)
            {
                case "getOrderItems" when request.Status == 200 && !request.Query.ContainsKey("NextToken"):
                    _ = _mirror.GetOrderItemsAsync(OrderIdOf(request));
                    break;
                case "confirmShipment":
                    Assert.False(request.Status is >= 400 and < 500, $"Amazon refused a confirmation (HTTP {request.Status}): {request.Body}");
                    if (request.Status == 204)
                    {
                        var (package, marketplace) = PackageOf(request);
                        _ = _mirror.ConfirmShipmentAsync(package, marketplace);
                    }

                    break;
                case "createFeed":
                    Assert.Fail("The crash host cancels nothing, yet Amazon received a feed.");
                    break;
            }
        }
    }

    private static AmazonOrderId OrderIdOf(FakeAmazonRequest request) => AmazonOrderId.Parse(V0OrderPath().Match(request.Path).Groups[1].Value);

    private static (ShipmentPackage Package, MarketplaceId Marketplace) PackageOf(FakeAmazonRequest request)
    {
        var body = JsonNode.Parse(request.Body!)!.AsObject();
        var detail = body["packageDetail"]!.AsObject();
        var package = ShipmentPackage.TryCreate(
            OrderIdOf(request).Value,
            (string?)detail["packageReferenceId"],
            (string?)detail["carrierCode"],
            (string?)detail["carrierName"],
            (string?)detail["shippingMethod"],
            (string?)detail["trackingNumber"],
            DateTimeOffset.Parse((string)detail["shipDate"]!, CultureInfo.InvariantCulture),
            detail["orderItems"]!.AsArray().Select(i => new PackageItem(OrderItemId.Parse((string?)i!["orderItemId"]), (int)i["quantity"]!))).OrThrow();
        return (package, MarketplaceId.Parse((string?)body["marketplaceId"]));
    }

    /// <summary>Waits until Amazon and Commerce have received <paramref name="target"/> calls since now, or the host is idle; answers how many they received.</summary>
    private async Task<int> WaitForCallsAsync(Process host, StringBuilder output, int target)
    {
        int CallsNow() => Amazon.Requests.Count + Commerce.Calls;
        var before = CallsNow();
        var seen = before;
        var quiet = Stopwatch.StartNew();
        while (seen - before < target && quiet.Elapsed < IdleAfter)
        {
            Assert.False(host.HasExited, $"The crash host ended by itself before its kill:\n{output}");
            await Task.Delay(2);
            var now = CallsNow();
            if (now != seen)
            {
                seen = now;
                quiet.Restart();
            }
        }

        return seen - before;
    }

    private static async Task WaitForLineAsync(Process host, StringBuilder output, string line, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (!Contains(output, line))
        {
            Assert.False(host.HasExited, $"The crash host ended before it worked (exit {(host.HasExited ? host.ExitCode : 0)}):\n{output}");
            Assert.True(waited.Elapsed < timeout, $"The crash host did not start working within {timeout}:\n{output}");
            await Task.Delay(5);
        }
    }

    private static bool Contains(StringBuilder output, string line)
    {
        lock (output)
        {
            return output.ToString().Contains(line, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("^/orders/v0/orders/([^/]+)/")]
    private static partial Regex V0OrderPath();
}
