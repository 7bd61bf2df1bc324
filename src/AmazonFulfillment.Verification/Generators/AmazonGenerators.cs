using System.Collections.Immutable;
using System.Globalization;
using AmazonFulfillment.Domain;
using FsCheck;
using FsCheck.Fluent;

namespace AmazonFulfillment.Verification.Generators;

/// <summary>
/// FsCheck generators of realistic Amazon data: order ids in Amazon's 3-7-7 format, seller SKUs, 14-digit
/// order item ids, money from SP-API's decimal strings, every order status, both fulfilment channels, and
/// whole order snapshots. Every value they produce is valid; combine them with your own for bad input.
/// </summary>
public static class AmazonGenerators
{
    private static readonly string[] MarketplacePrefixes = ["026", "028", "111", "112", "113", "114", "171", "202", "203", "204", "205", "206", "249", "302", "303", "304", "305", "306", "402", "403", "404", "405", "406", "407", "408", "701", "702", "902", "903"];
    private static readonly string[] SkuStems = ["MUG", "TSHIRT", "BOOK", "CABLE-USB", "LAMP", "B07XJ8C8F5", "SKU", "KIT_A", "Gift.Card", "DE-SOCKS"];
    private static readonly string[] Currencies = ["EUR", "USD", "GBP", "JPY", "SEK", "PLN"];

    /// <summary>Gets Amazon order ids: three groups of 3, 7 and 7 digits, such as <c>902-1845936-5435065</c>.</summary>
    public static Gen<AmazonOrderId> OrderIds { get; } =
        from prefix in Gen.Elements(MarketplacePrefixes)
        from a in Gen.Choose(0, 9_999_999)
        from b in Gen.Choose(0, 9_999_999)
        select AmazonOrderId.Parse(string.Create(CultureInfo.InvariantCulture, $"{prefix}-{a:D7}-{b:D7}"));

    /// <summary>Gets seller SKUs: a stem, a separator and a number or size, up to 40 printable characters.</summary>
    public static Gen<Sku> Skus { get; } =
        from stem in Gen.Elements(SkuStems)
        from sep in Gen.Elements("-", "_", ".", string.Empty)
        from n in Gen.Choose(0, 99_999)
        from size in Gen.Elements(string.Empty, "-S", "-M", "-XL", "-red")
        select Sku.Parse(string.Create(CultureInfo.InvariantCulture, $"{stem}{sep}{n}{size}"));

    /// <summary>Gets order item ids: 14 digits, as Amazon writes them.</summary>
    public static Gen<OrderItemId> OrderItemIds { get; } =
        from hi in Gen.Choose(1_000_000, 9_999_999)
        from lo in Gen.Choose(0, 9_999_999)
        select OrderItemId.Parse(string.Create(CultureInfo.InvariantCulture, $"{hi:D7}{lo:D7}"));

    /// <summary>Gets SP-API money amounts as the decimal strings Amazon sends (such as <c>"11.01"</c>, <c>"0.00"</c>, <c>"1200"</c> for JPY).</summary>
    public static Gen<(string Amount, string Currency)> MoneyTexts { get; } =
        from currency in Gen.Elements(Currencies)
        from units in Gen.Frequency((8, Gen.Choose(0, 500)), (1, Gen.Choose(500, 100_000)))
        from cents in Gen.Choose(0, 99)
        select (currency == "JPY"
            ? units.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{units}.{cents:D2}"), currency);

    /// <summary>Gets money values parsed from <see cref="MoneyTexts"/>.</summary>
    public static Gen<Money> Money { get; } =
        MoneyTexts.Select(t => Domain.Money.TryParse(t.Amount, t.Currency).Value);

    /// <summary>Gets every Amazon order status, the common ones more often.</summary>
    public static Gen<AmazonOrderStatus> Statuses { get; } = Gen.Frequency(
        (2, Gen.Constant(AmazonOrderStatus.Pending)),
        (1, Gen.Constant(AmazonOrderStatus.PendingAvailability)),
        (4, Gen.Constant(AmazonOrderStatus.Unshipped)),
        (2, Gen.Constant(AmazonOrderStatus.PartiallyShipped)),
        (3, Gen.Constant(AmazonOrderStatus.Shipped)),
        (1, Gen.Constant(AmazonOrderStatus.InvoiceUnconfirmed)),
        (2, Gen.Constant(AmazonOrderStatus.Canceled)),
        (1, Gen.Constant(AmazonOrderStatus.Unfulfillable)));

    /// <summary>Gets fulfilment channels: merchant-fulfilled (MFN) three times as often as FBA.</summary>
    public static Gen<FulfillmentChannel> Channels { get; } =
        Gen.Frequency((3, Gen.Constant(FulfillmentChannel.Merchant)), (1, Gen.Constant(FulfillmentChannel.Amazon)));

    /// <summary>Gets purchase dates in late 2025, whole seconds, UTC.</summary>
    public static Gen<DateTimeOffset> PurchaseDates { get; } =
        Gen.Choose(0, 60 * 24 * 60).Select(m => new DateTimeOffset(2025, 11, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(m));

    /// <summary>Gets 1-3 order lines with distinct item ids; shipped quantities are zero.</summary>
    public static Gen<ImmutableArray<AmazonOrderItem>> Items { get; } =
        from count in Gen.Choose(1, 3)
        from ids in Gen.ArrayOf(OrderItemIds, count)
        from skus in Gen.ArrayOf(Skus, count)
        from quantities in Gen.ArrayOf(Gen.Frequency((5, Gen.Constant(1)), (3, Gen.Choose(2, 5))), count)
        from prices in Gen.ArrayOf(Money.Select(m => (Money?)m), count)
        where ids.Distinct().Count() == count
        select Enumerable.Range(0, count)
            .Select(i => new AmazonOrderItem(ids[i], skus[i], quantities[i], 0, prices[i]))
            .ToImmutableArray();

    /// <summary>Gets single observations of any status and channel, with or without lines.</summary>
    public static Gen<AmazonOrderSnapshot> Snapshots { get; } =
        from id in OrderIds
        from status in Statuses
        from channel in Channels
        from placed in PurchaseDates
        from minutes in Gen.Choose(0, 60 * 24 * 10)
        from items in Gen.OneOf(Gen.Constant<ImmutableArray<AmazonOrderItem>?>(null), Items.Select(i => (ImmutableArray<AmazonOrderItem>?)i))
        select new AmazonOrderSnapshot(id, status, channel, placed, placed.AddMinutes(minutes), marketplaceId: MarketplaceId.Parse("ATVPDKIKX0DER"), items: items);
}
