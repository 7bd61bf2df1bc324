using System.Collections.Immutable;
using System.Globalization;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Workflows;
using Microsoft.Extensions.Logging;

namespace AmazonFulfillment.Tests.Support;

/// <summary>Orders, packages and channels the runtime tests share: two lines (A ×2, B ×1) on every order.</summary>
internal static class RuntimeScenario
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly Sku SkuA = Sku.Parse("SKU-A");
    public static readonly Sku SkuB = Sku.Parse("SKU-B");
    public static readonly OrderItemId LineA = OrderItemId.Parse("10001");
    public static readonly OrderItemId LineB = OrderItemId.Parse("10002");

    public static AmazonOrderId Id(int n) =>
        AmazonOrderId.Parse(string.Create(CultureInfo.InvariantCulture, $"902-{n:D7}-{n:D7}"));

    /// <summary>A channel whose catalog knows both SKUs.</summary>
    public static InMemoryFulfillment Channel(Action<OrderSettings>? configure = null, FulfillmentRuntimeOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        var settings = new OrderSettings { StoreView = "default" };
        configure?.Invoke(settings);
        var h = new InMemoryFulfillment(settings, T0, options, loggerFactory);
        h.Commerce.SetProduct(SkuA);
        h.Commerce.SetProduct(SkuB);
        return h;
    }

    public static ImmutableArray<AmazonOrderItem> Items(int shippedA = 0, int shippedB = 0, Sku? skuA = null) =>
    [
        new AmazonOrderItem(LineA, skuA ?? SkuA, 2, shippedA, Money.Of(40m, "USD")),
        new AmazonOrderItem(LineB, SkuB, 1, shippedB, Money.Of(15m, "USD")),
    ];

    /// <summary>Makes Amazon know the order's lines.</summary>
    public static AmazonOrderId Known(this InMemoryFulfillment h, int n, int shippedA = 0, int shippedB = 0)
    {
        var id = Id(n);
        h.Amazon.SetOrderItems(id, Items(shippedA, shippedB));
        return id;
    }

    /// <summary>An observation; <paramref name="minute"/> orders observations by <c>LastUpdateDate</c>.</summary>
    public static AmazonOrderSnapshot Snapshot(
        AmazonOrderId id,
        AmazonOrderStatus status,
        int minute,
        FulfillmentChannel channel = FulfillmentChannel.Merchant,
        BuyerInfo? buyer = null,
        ShippingAddress? address = null) =>
        new(
            id,
            status,
            channel,
            T0,
            T0.AddMinutes(minute),
            marketplaceId: MarketplaceId.Parse("ATVPDKIKX0DER"),
            orderTotal: status is AmazonOrderStatus.Pending or AmazonOrderStatus.PendingAvailability ? null : Money.Of(55m, "USD"),
            buyer: buyer,
            shippingAddress: address);

    public static ShipmentPackage Package(AmazonOrderId id, long reference, params PackageItem[] items) =>
        ShipmentPackage.Create(id, PackageReferenceId.From(reference), "UPS", null, null, "1Z999AA1" + reference.ToString("D10", CultureInfo.InvariantCulture), T0, items);

    /// <summary>Package 1 ships both units of line A, package 2 the unit of line B.</summary>
    public static ShipmentPackage First(AmazonOrderId id) => Package(id, 1, new PackageItem(LineA, 2));

    public static ShipmentPackage Second(AmazonOrderId id) => Package(id, 2, new PackageItem(LineB, 1));

    /// <summary>The whole merchant-fulfilled life of an order: placed, verified, two packages, Amazon reports Shipped.</summary>
    public static IReadOnlyList<OrderInput> Lifecycle(AmazonOrderId id, BuyerInfo? buyer = null, ShippingAddress? address = null) =>
    [
        new AmazonOrderObserved(Snapshot(id, AmazonOrderStatus.Pending, 1)),
        new AmazonOrderObserved(Snapshot(id, AmazonOrderStatus.Unshipped, 2, buyer: buyer, address: address)),
        new ShipmentRecorded(First(id)),
        new ShipmentRecorded(Second(id)),
        new AmazonOrderObserved(Snapshot(id, AmazonOrderStatus.Shipped, 3, buyer: buyer, address: address)),
    ];

    public static async Task RunAsync(this FulfillmentRuntime runtime, IEnumerable<OrderInput> inputs)
    {
        foreach (var input in inputs)
        {
            await runtime.ProcessAsync(input);
        }
    }

    /// <summary>The tracked state that must not depend on faults, restarts or interleavings.</summary>
    public static string Summary(FulfillmentOrder? o) => o is null
        ? "untracked"
        : string.Join(
            " | ",
            o.State,
            o.AmazonStatus,
            o.LastUpdateDate.ToString("O", CultureInfo.InvariantCulture),
            o.CommerceOrder?.ToString() ?? "no commerce order",
            o.Customer?.ToString() ?? "no customer",
            string.Join(", ", o.Items.Select(i => $"{i.OrderItemId}:{i.QuantityOrdered}/{i.ShippedByCommerce}/{i.ShippedOutside}")),
            string.Join(", ", o.Packages.Select(p => $"{p.Package.PackageReferenceId}:{p.Confirmation}")),
            "outbox " + string.Join(",", o.Outbox.Select(e => e.Effect.IdempotencyKey + (e.Held ? "(held)" : string.Empty))),
            "failures " + o.Failures.Length,
            o.Error ?? "no error",
            "attempts " + o.ImportAttempts);

    /// <summary>What the fakes hold: Commerce orders, customers, Amazon confirmations and cancellations.</summary>
    public static string World(this InMemoryFulfillment h) => string.Join(
        " | ",
        "commerce " + string.Join(", ", h.Commerce.Orders.Select(o => $"{o.AmazonOrderId}:{o.Status}:{o.Request.CustomerId ?? "guest"}")),
        "customers " + string.Join(", ", h.Customers.Customers.Select(c => c.CustomerId)),
        "confirmations " + string.Join(", ", h.Amazon.Confirmations.Select(c => $"{c.Package.AmazonOrderId}/{c.Package.PackageReferenceId}")),
        "cancellations " + string.Join(", ", h.Amazon.Cancellations.Select(c => c.AmazonOrderId)));

    public static FulfillmentOrder? Tracked(this InMemoryFulfillment h, AmazonOrderId id) =>
        h.OrderStore.All().SingleOrDefault(s => s.Order.Id == id)?.Order;

    public static long Version(this InMemoryFulfillment h, AmazonOrderId id) =>
        h.OrderStore.All().SingleOrDefault(s => s.Order.Id == id)?.Version ?? 0;

    /// <summary>Another runtime over the same fakes and store, as a second process would be.</summary>
    public static FulfillmentRuntime Worker(this InMemoryFulfillment h) =>
        new(h.Amazon, h.Commerce, h.Customers, h.Store, h.Settings, h.Options, h.Clock);
}
