using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using AmazonFulfillment.Diagnostics;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Verification.Guarantees;
using AmazonFulfillment.Workflows;
using Npgsql;

namespace AmazonFulfillment.PostgreSql.Tests.Support;

/// <summary>What happens to an order in the scale-out stream.</summary>
internal enum Fate
{
    /// <summary>Placed, verified, shipped in two packages from Commerce, then reported Shipped.</summary>
    Lifecycle,

    /// <summary>Placed, verified, then cancelled by Amazon.</summary>
    AmazonCancels,

    /// <summary>Placed, verified, then cancelled by the merchant.</summary>
    MerchantCancels,

    /// <summary>Fulfilled by Amazon: first seen Shipped.</summary>
    Fba,

    /// <summary>An item's SKU is unknown to Commerce: the import is blocked.</summary>
    UnknownSku,
}

/// <summary>One host of the sales channel: its own store instance (and data source) and runtime over the shared fakes.</summary>
internal sealed class ScaleOutHost : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _dataSource;
    private readonly CancellationTokenSource _life = new();

    public ScaleOutHost(int number, ScaleOutWorld world, IOrderStore store, NpgsqlDataSource? dataSource)
    {
        Number = number;
        Store = store;
        _dataSource = dataSource;
        Runtime = new FulfillmentRuntime(world.Amazon, world.Commerce, world.Customers, store, world.Settings, world.Options, TimeProvider.System);
    }

    public int Number { get; }

    public IOrderStore Store { get; }

    public FulfillmentRuntime Runtime { get; }

    public bool Killed => _life.IsCancellationRequested;

    public CancellationToken Life => _life.Token;

    /// <summary>Stops the host as a crash would: its work is cancelled and its connections go away before it can release anything.</summary>
    public async Task KillAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        await _life.CancelAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        _life.Dispose();
    }
}

/// <summary>
/// The shared outside world (Amazon, Commerce, customers with scripted faults) and a stream of orders delivered to
/// several hosts, round by round (observations; shipments and cancellations; final observations), each event to
/// <c>copies</c> different hosts at once. The guarantees oracle is told what the world does (faults, Amazon's reports,
/// how many workers run at once, a host stopping) and judges the end state.
/// </summary>
internal sealed class ScaleOutWorld
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Sku SkuA = Sku.Parse("SKU-A");
    private static readonly Sku SkuB = Sku.Parse("SKU-B");
    private static readonly Sku Unknown = Sku.Parse("SKU-GONE");
    private static readonly OrderItemId LineA = OrderItemId.Parse("10001");
    private static readonly OrderItemId LineB = OrderItemId.Parse("10002");
    private static readonly MarketplaceId Marketplace = MarketplaceId.Parse("ATVPDKIKX0DER");

    private long _deliveryConflicts;

    public ScaleOutWorld(int orders, bool mixedFates, int seed = 11)
    {
        Faults = new FaultInjector();
        Amazon = new InMemoryAmazon(Faults);
        Commerce = new InMemoryCommerce(Faults);
        Customers = new InMemoryCustomers(Faults);
        Commerce.SetProduct(SkuA);
        Commerce.SetProduct(SkuB);
        Settings = new SettingsMonitor<OrderSettings>(new OrderSettings { StoreView = "default", CustomerCreation = CustomerCreation.CreateAccount });
        Oracle = new GuaranteeOracle(Amazon, Commerce, Customers, Settings.CurrentValue);
        var random = new Random(seed);
        Fates = Enumerable.Range(1, orders).ToDictionary(
            Id,
            n => !mixedFates ? Fate.Lifecycle : random.Next(20) switch
            {
                < 13 => Fate.Lifecycle,
                < 15 => Fate.AmazonCancels,
                < 17 => Fate.MerchantCancels,
                < 19 => Fate.Fba,
                _ => Fate.UnknownSku,
            });
        foreach (var (id, fate) in Fates)
        {
            Amazon.SetOrderItems(id,
            [
                new AmazonOrderItem(LineA, fate == Fate.UnknownSku ? Unknown : SkuA, 2, fate == Fate.Fba ? 2 : 0, Money.Of(40m, "USD")),
                new AmazonOrderItem(LineB, SkuB, 1, fate == Fate.Fba ? 1 : 0, Money.Of(15m, "USD")),
            ]);
        }
    }

    public FaultInjector Faults { get; }

    public InMemoryAmazon Amazon { get; }

    public InMemoryCommerce Commerce { get; }

    public InMemoryCustomers Customers { get; }

    public SettingsMonitor<OrderSettings> Settings { get; }

    /// <summary>Gets the guarantees oracle of this world.</summary>
    public GuaranteeOracle Oracle { get; }

    public FulfillmentRuntimeOptions Options { get; } = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(10),
        MaxParallelOrders = 8,
        ClaimLease = TimeSpan.FromSeconds(2),
        ClaimBatchSize = 50,
    };

    public IReadOnlyDictionary<AmazonOrderId, Fate> Fates { get; }

    public long DeliveryConflicts => Interlocked.Read(ref _deliveryConflicts);

    /// <summary>Scripts faults for the next calls of an operation, and tells the oracle.</summary>
    public void Fault(string port, string operation, FaultMode mode, int count)
    {
        Faults.Add(port, operation, mode, count);
        Oracle.FaultScripted(port, operation, mode, count);
    }

    public static AmazonOrderId Id(int n) => AmazonOrderId.Parse(string.Create(CultureInfo.InvariantCulture, $"903-{n:D7}-{n:D7}"));

    public static string Email(AmazonOrderId id) => string.Create(CultureInfo.InvariantCulture, $"buyer{int.Parse(id.Value[4..11], CultureInfo.InvariantCulture) % 97}@marketplace.amazon.example");

    /// <summary>The rounds of the stream; within a round, events of different orders and copies run concurrently.</summary>
    public IReadOnlyList<IReadOnlyList<Func<FulfillmentRuntime, CancellationToken, Task>>> Rounds()
    {
        var observe = new List<Func<FulfillmentRuntime, CancellationToken, Task>>();
        var act = new List<Func<FulfillmentRuntime, CancellationToken, Task>>();
        var close = new List<Func<FulfillmentRuntime, CancellationToken, Task>>();
        foreach (var (id, fate) in Fates)
        {
            if (fate == Fate.Fba)
            {
                observe.Add(Observe(id, AmazonOrderStatus.Shipped, 3, FulfillmentChannel.Amazon));
                continue;
            }

            observe.Add(Observe(id, AmazonOrderStatus.Pending, 1));
            observe.Add(Observe(id, AmazonOrderStatus.Unshipped, 2));
            switch (fate)
            {
                case Fate.Lifecycle:
                    act.Add((r, ct) => r.RecordShipmentAsync(Package(id, 1, LineA, 2), ct));
                    act.Add((r, ct) => r.RecordShipmentAsync(Package(id, 2, LineB, 1), ct));
                    close.Add(Observe(id, AmazonOrderStatus.Shipped, 3));
                    break;
                case Fate.MerchantCancels:
                    act.Add((r, ct) => r.CancelAsync(id, "NoInventory", ct));
                    break;
                case Fate.AmazonCancels:
                    close.Add(Observe(id, AmazonOrderStatus.Canceled, 3));
                    break;
            }
        }

        return [observe, act, close];
    }

    /// <summary>
    /// Delivers every event of a round to <paramref name="copies"/> hosts, each host working through its share
    /// <paramref name="parallel"/> at a time; <paramref name="onProgress"/> sees each host's count of events done.
    /// </summary>
    public async Task DeliverAsync(
        IReadOnlyList<Func<FulfillmentRuntime, CancellationToken, Task>> round,
        IReadOnlyList<ScaleOutHost> hosts,
        int copies,
        int parallel,
        Random random,
        Func<ScaleOutHost, int, Task>? onProgress = null)
    {
        var shares = hosts.ToDictionary(h => h, _ => new List<Func<FulfillmentRuntime, CancellationToken, Task>>());
        var live = hosts.Where(h => !h.Killed).ToList();
        Oracle.WorkersRunConcurrently(live.Count * parallel);
        foreach (var work in round.OrderBy(_ => random.Next()))
        {
            foreach (var host in live.OrderBy(_ => random.Next()).Take(Math.Min(copies, live.Count)))
            {
                shares[host].Add(work);
            }
        }

        await Task.WhenAll(live.Select(host => Task.Run(async () =>
        {
            var done = 0;
            try
            {
                await Parallel.ForEachAsync(shares[host], new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = host.Life }, async (work, ct) =>
                {
                    await RunDeliveryAsync(host, work, ct);
                    var count = Interlocked.Increment(ref done);
                    if (onProgress is not null)
                    {
                        await onProgress(host, count);
                    }
                });
            }
            catch (Exception) when (host.Killed)
            {
                // A crashed host stops wherever it was.
            }
        })));
    }

    /// <summary>The survivors sweep until no order has runnable work (claims of a killed host expire meanwhile).</summary>
    /// <returns>How many sweep rounds it took.</returns>
    public async Task<int> SettleAsync(IReadOnlyList<ScaleOutHost> hosts, TimeSpan limit)
    {
        var survivors = hosts.Where(h => !h.Killed).ToList();
        var watch = Stopwatch.StartNew();
        var sweeps = await UntilIdle.RunAsync(
            async _ =>
            {
                Oracle.WorkersRunConcurrently(survivors.Count);
                await Task.WhenAll(survivors.Select(h => Task.Run(() => h.Runtime.SyncAsync())));
                return (await UntilIdle.RunnableOrdersAsync(survivors[0].Store)).Count == 0;
            },
            int.MaxValue,
            async _ =>
            {
                Assert.True(watch.Elapsed < limit, $"Work still runnable after {watch.Elapsed} of sweeps.");
                await Task.Delay(200);
            });
        return sweeps!.Value;
    }

    private async Task RunDeliveryAsync(ScaleOutHost host, Func<FulfillmentRuntime, CancellationToken, Task> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await work(host.Runtime, ct);
                return;
            }
            catch (OrderConflictException) when (attempt < 10)
            {
                // As a host's message loop would: the delivery is retried, never dropped.
                Interlocked.Increment(ref _deliveryConflicts);
            }
        }
    }

    private Func<FulfillmentRuntime, CancellationToken, Task> Observe(AmazonOrderId id, AmazonOrderStatus status, int minute, FulfillmentChannel channel = FulfillmentChannel.Merchant) =>
        (r, ct) =>
        {
            var snapshot = new AmazonOrderSnapshot(
                id,
                status,
                channel,
                T0,
                T0.AddMinutes(minute),
                marketplaceId: Marketplace,
                orderTotal: status is AmazonOrderStatus.Pending ? null : Money.Of(55m, "USD"),
                buyer: status is AmazonOrderStatus.Pending || channel == FulfillmentChannel.Amazon ? null : new BuyerInfo(Email(id), "Buyer"));
            Oracle.Reported(snapshot);
            return r.ObserveAsync(snapshot, ct);
        };

    private static ShipmentPackage Package(AmazonOrderId id, long reference, OrderItemId line, int quantity) =>
        ShipmentPackage.Create(id, PackageReferenceId.From(reference), "UPS", null, null, "1Z" + id.Value[4..11] + reference.ToString("D9", CultureInfo.InvariantCulture), T0.AddMinutes(2), [new PackageItem(line, quantity)]);
}

/// <summary>Counts the runtime's conflicts and retries (of port calls and of store calls, from its Meter) while alive.</summary>
internal sealed class RuntimeCounters : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _conflicts;
    private long _retries;

    public RuntimeCounters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == FulfillmentTelemetry.Name && instrument.Name is "amazonfulfillment.conflicts" or "amazonfulfillment.retries" or "amazonfulfillment.order_store.retries")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "amazonfulfillment.conflicts")
            {
                Interlocked.Add(ref _conflicts, value);
            }
            else
            {
                Interlocked.Add(ref _retries, value);
            }
        });
        _listener.Start();
    }

    public long Conflicts => Interlocked.Read(ref _conflicts);

    public long Retries => Interlocked.Read(ref _retries);

    public void Dispose() => _listener.Dispose();
}
