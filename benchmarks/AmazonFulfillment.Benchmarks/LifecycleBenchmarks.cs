using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Testing;
using BenchmarkDotNet.Attributes;

namespace AmazonFulfillment.Benchmarks;

/// <summary>
/// N orders from first observation to complete, through the whole runtime over the in-memory ports (no
/// faults) and the in-memory store, against the same port calls made by hand with no library.
/// Fresh ports and store for every invocation (set up outside the measurement).
/// </summary>
[MemoryDiagnoser]
public class LifecycleBenchmarks
{
    private Lifecycle[] _merchant = [];
    private Lifecycle[] _amazon = [];
    private InMemoryAmazon _amazonPort = null!;
    private InMemoryCommerce _commerce = null!;
    private InMemoryCustomers _customers = null!;
    private InMemoryOrderStore _store = null!;
    private FulfillmentRuntime _runtime = null!;
    private string _running = string.Empty;

    /// <summary>Gets or sets whether only a small size runs (<c>--quick</c>, to prove the benchmarks still run).</summary>
    public static bool Quick { get; set; }

    /// <summary>Gets the sizes: 1,000 and 100,000 orders; 100 in quick mode.</summary>
    public static IEnumerable<int> Sizes => Quick ? [100] : [1_000, 100_000];

    /// <summary>Gets or sets how many orders one invocation takes through their life.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Orders { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _merchant = Lifecycle.Many(Orders, FulfillmentChannel.Merchant);
        _amazon = Lifecycle.Many(Orders, FulfillmentChannel.Amazon);
        if (!Quick)
        {
            WarmUp();
        }
    }

    /// <summary>
    /// One invocation per iteration leaves little time for tiered compilation at the small size, so every method
    /// first runs a few thousand orders outside the measurement (the baseline too), then the JIT gets time to finish.
    /// </summary>
    private void WarmUp()
    {
        var (merchant, amazon) = (_merchant, _amazon);
        _merchant = merchant[..Math.Min(1_000, merchant.Length)];
        _amazon = amazon[..Math.Min(1_000, amazon.Length)];
        for (var round = 0; round < 3; round++)
        {
            SetupDirect();
            DirectPortCalls().GetAwaiter().GetResult();
            SetupMerchant();
            MerchantFulfilled().GetAwaiter().GetResult();
            SetupAmazon();
            AmazonFulfilled().GetAwaiter().GetResult();
            Thread.Sleep(300);
        }

        (_merchant, _amazon) = (merchant, amazon);
    }

    [IterationSetup(Target = nameof(MerchantFulfilled))]
    public void SetupMerchant() => Fresh(_merchant, nameof(MerchantFulfilled));

    [IterationSetup(Target = nameof(AmazonFulfilled))]
    public void SetupAmazon() => Fresh(_amazon, nameof(AmazonFulfilled));

    [IterationSetup(Target = nameof(DirectPortCalls))]
    public void SetupDirect() => Fresh(_merchant, nameof(DirectPortCalls));

    /// <summary>The floor: the port calls the runtime makes for a merchant-fulfilled order, sequenced by hand.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> DirectPortCalls()
    {
        var settings = Lifecycle.Settings;
        var done = 0;
        foreach (var order in _merchant)
        {
            var items = await _amazonPort.GetOrderItemsAsync(order.Id).ConfigureAwait(false);
            var lines = ImmutableArray.CreateBuilder<CommerceOrderLine>(items.Value.Length);
            foreach (var item in items.Value)
            {
                lines.Add(new CommerceOrderLine(item.Sku, item.QuantityOrdered, item.ItemPrice?.PerUnit(item.QuantityOrdered)));
            }

            var created = await _commerce.CreateOrderAsync(new CommerceOrderRequest
            {
                AmazonOrderId = order.Id,
                Channel = FulfillmentChannel.Merchant,
                StoreView = settings.StoreView!,
                InitialStatus = settings.NewOrderStatus,
                ReserveInventory = settings.ReserveInventory,
                RequireStock = true,
                Buyer = order.Unshipped.Buyer,
                ShippingAddress = order.Unshipped.ShippingAddress,
                Lines = lines.MoveToImmutable(),
                Total = order.Unshipped.OrderTotal,
                PurchaseDate = order.Unshipped.PurchaseDate,
            }).ConfigureAwait(false);
            var confirmed1 = await _amazonPort.ConfirmShipmentAsync(order.Package1, order.Unshipped.MarketplaceId).ConfigureAwait(false);
            var confirmed2 = await _amazonPort.ConfirmShipmentAsync(order.Package2, order.Unshipped.MarketplaceId).ConfigureAwait(false);
            var completed = await _commerce.CompleteOrderAsync(order.Id).ConfigureAwait(false);
            if (items.IsSuccess && created.IsSuccess && confirmed1.IsSuccess && confirmed2.IsSuccess && completed.IsSuccess)
            {
                done++;
            }
        }

        return done;
    }

    /// <summary>The runtime: Pending, Unshipped (import), two packages shipped from Commerce, each confirmed, the Commerce order completed.</summary>
    [Benchmark]
    public async Task<int> MerchantFulfilled()
    {
        var done = 0;
        foreach (var order in _merchant)
        {
            await _runtime.ObserveAsync(order.Pending).ConfigureAwait(false);
            await _runtime.ObserveAsync(order.Unshipped).ConfigureAwait(false);
            await _runtime.RecordShipmentAsync(order.Package1).ConfigureAwait(false);
            var last = await _runtime.RecordShipmentAsync(order.Package2).ConfigureAwait(false);
            if (last.Order is { State: OrderState.Shipped, HasRunnableWork: false })
            {
                done++;
            }
        }

        return done;
    }

    /// <summary>The runtime: Pending (not tracked), then Shipped (import as a complete Commerce order).</summary>
    [Benchmark]
    public async Task<int> AmazonFulfilled()
    {
        var done = 0;
        foreach (var order in _amazon)
        {
            await _runtime.ObserveAsync(order.Pending).ConfigureAwait(false);
            var last = await _runtime.ObserveAsync(order.Shipped).ConfigureAwait(false);
            if (last.Order is { State: OrderState.Shipped, HasRunnableWork: false })
            {
                done++;
            }
        }

        return done;
    }

    /// <summary>Checks outside the measurement that every order reached its end: the work measured is the whole work.</summary>
    [IterationCleanup]
    public void Check()
    {
        var commerce = _commerce.Orders;
        var complete = commerce.Count(o => o.Status == CommerceStatuses.Complete);
        var confirmations = _amazonPort.Confirmations.Count;
        var expectedConfirmations = _running == nameof(AmazonFulfilled) ? 0 : 2 * Orders;
        var storeOk = _running == nameof(DirectPortCalls) ? _store.Count == 0 : _store.Count == Orders;
        if (complete != Orders || confirmations != expectedConfirmations || !storeOk)
        {
            throw new InvalidOperationException(
                $"{_running}: {complete} of {Orders} Commerce orders complete, {confirmations} of {expectedConfirmations} packages confirmed, {_store.Count} orders stored.");
        }
    }

    /// <summary>Tracks N merchant-fulfilled orders to complete and returns the bytes the store holds per order (a diagnostic, not a benchmark).</summary>
    /// <param name="orders">How many orders.</param>
    /// <returns>Bytes retained per tracked order.</returns>
    public static async Task<double> MemoryPerTrackedOrderAsync(int orders)
    {
        Quick = true; // no warm-up needed: this counts bytes, not time
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var bench = new LifecycleBenchmarks { Orders = orders };
        bench.Setup();
        bench._amazon = [];
        bench.SetupMerchant();
        await bench.MerchantFulfilled().ConfigureAwait(false);
        var store = bench._store;

        // Keep only the store and what its orders reference (buyer, address, lines, packages): drop the inputs,
        // the runtime and the fake backends, whose own records are not the library's.
        bench._merchant = [];
        bench._runtime = null!;
        bench._amazonPort = null!;
        bench._commerce = null!;
        bench._customers = null!;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(store);
        return (after - before) / (double)store.Count;
    }

    private void Fresh(Lifecycle[] orders, string running)
    {
        _running = running;
        var faults = new FaultInjector();
        _amazonPort = new InMemoryAmazon(faults);
        _commerce = new InMemoryCommerce(faults);
        _customers = new InMemoryCustomers(faults);
        _commerce.SetProduct(Lifecycle.SkuA);
        _commerce.SetProduct(Lifecycle.SkuB);
        foreach (var order in orders)
        {
            _amazonPort.SetOrderItems(order.Id, order.Channel == FulfillmentChannel.Amazon ? order.ShippedItems : order.Items);
        }

        _store = new InMemoryOrderStore();
        _runtime = new FulfillmentRuntime(_amazonPort, _commerce, _customers, _store, new SettingsMonitor<OrderSettings>(Lifecycle.Settings), timeProvider: new VirtualTimeProvider(Lifecycle.Start));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
