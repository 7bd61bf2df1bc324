using System.Globalization;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Benchmarks;

/// <summary>
/// The inputs of one order's life, built once and reused: what Amazon reports and what the merchant ships.
/// Merchant-fulfilled: Pending → Unshipped (import: items, Commerce order) → package 1 (partially shipped)
/// → package 2 (shipped, Commerce order completed) → both packages confirmed.
/// Amazon-fulfilled: Pending (not tracked) → Shipped (import: items, Commerce order created complete).
/// </summary>
internal sealed class Lifecycle
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly Sku SkuA = Sku.Parse("SKU-A");
    public static readonly MarketplaceId Marketplace = MarketplaceId.Parse("ATVPDKIKX0DER");
    public static readonly Sku SkuB = Sku.Parse("SKU-B");

    private static readonly BuyerInfo Buyer = new("buyer@example.com", "A Buyer");
    private static readonly ShippingAddress Address = new("A Buyer", "1 Main St", null, null, "Seattle", "WA", "98101", "US", null);

    private Lifecycle(int index, FulfillmentChannel channel)
    {
        Channel = channel;
        Id = AmazonOrderId.Parse(string.Create(CultureInfo.InvariantCulture, $"{111 + (index / 10_000_000):D3}-{index % 10_000_000:D7}-{(index * 7) % 10_000_000:D7}"));
        var purchased = Start.AddHours(-2);
        Items =
        [
            new AmazonOrderItem(OrderItemId.Parse("10001"), SkuA, 1, 0, Money.Of(12.50m, "USD")),
            new AmazonOrderItem(OrderItemId.Parse("10002"), SkuB, 1, 0, Money.Of(7.50m, "USD")),
        ];
        ShippedItems =
        [
            new AmazonOrderItem(OrderItemId.Parse("10001"), SkuA, 1, 1, Money.Of(12.50m, "USD")),
            new AmazonOrderItem(OrderItemId.Parse("10002"), SkuB, 1, 1, Money.Of(7.50m, "USD")),
        ];
        var total = Money.Of(20m, "USD");
        Pending = new AmazonOrderSnapshot(Id, AmazonOrderStatus.Pending, channel, purchased, purchased.AddMinutes(1));
        Unshipped = new AmazonOrderSnapshot(Id, AmazonOrderStatus.Unshipped, channel, purchased, purchased.AddMinutes(30), Marketplace, total, Buyer, Address);
        Shipped = new AmazonOrderSnapshot(Id, AmazonOrderStatus.Shipped, channel, purchased, purchased.AddMinutes(60), Marketplace, total, Buyer, Address);
        Package1 = ShipmentPackage.Create(Id, PackageReferenceId.From(1), "UPS", null, null, "1Z0000000000000001", Start.AddMinutes(-30), [new PackageItem(Items[0].OrderItemId, 1)]);
        Package2 = ShipmentPackage.Create(Id, PackageReferenceId.From(2), "UPS", null, null, "1Z0000000000000002", Start.AddMinutes(-20), [new PackageItem(Items[1].OrderItemId, 1)]);
    }

    public AmazonOrderId Id { get; }

    public FulfillmentChannel Channel { get; }

    public AmazonOrderItem[] Items { get; }

    public AmazonOrderItem[] ShippedItems { get; }

    public AmazonOrderSnapshot Pending { get; }

    public AmazonOrderSnapshot Unshipped { get; }

    public AmazonOrderSnapshot Shipped { get; }

    public ShipmentPackage Package1 { get; }

    public ShipmentPackage Package2 { get; }

    public static OrderSettings Settings { get; } = new() { StoreView = "default" };

    public static Lifecycle MerchantFulfilled(int index) => new(index, FulfillmentChannel.Merchant);

    public static Lifecycle AmazonFulfilled(int index) => new(index, FulfillmentChannel.Amazon);

    public static Lifecycle[] Many(int count, FulfillmentChannel channel)
    {
        var all = new Lifecycle[count];
        for (var i = 0; i < count; i++)
        {
            all[i] = new Lifecycle(i, channel);
        }

        return all;
    }
}
