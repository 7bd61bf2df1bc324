using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Verification.Conformance;

/// <summary>Fresh ids and small valid values for the conformance suites (unique per call, so shared back ends do not collide).</summary>
internal static class TestIds
{
    /// <summary>The marketplace the suites' packages are confirmed on (amazon.com).</summary>
    public static MarketplaceId Marketplace { get; } = MarketplaceId.Parse("ATVPDKIKX0DER");

    public static AmazonOrderId NewOrderId() =>
        AmazonOrderId.Parse(string.Create(CultureInfo.InvariantCulture, $"9{RandomNumberGenerator.GetInt32(10, 100)}-{RandomNumberGenerator.GetInt32(0, 10_000_000):D7}-{RandomNumberGenerator.GetInt32(0, 10_000_000):D7}"));

    public static Sku NewSku(string stem) => Sku.Parse(string.Create(CultureInfo.InvariantCulture, $"{stem}-{RandomNumberGenerator.GetInt32(0, 100_000_000)}"));

    public static ImmutableArray<AmazonOrderItem> Lines() =>
    [
        new(OrderItemId.Parse("10000000000001"), Sku.Parse("KIT-MUG-1"), 2, 0, Money.Of(19.98m, "EUR")),
        new(OrderItemId.Parse("10000000000002"), Sku.Parse("KIT-LAMP-2"), 1, 0, Money.Of(45.00m, "EUR")),
    ];

    public static ShipmentPackage Package(AmazonOrderId id, long reference, OrderItemId item) =>
        ShipmentPackage.Create(id, PackageReferenceId.From(reference), "UPS", null, "Standard", "1Z999AA1" + reference.ToString("D10", CultureInfo.InvariantCulture),
            new DateTimeOffset(2026, 1, 2, 10, 0, 0, TimeSpan.Zero), [new PackageItem(item, 1)]);

    /// <summary>A small merchant-fulfilled order in a state, with or without outbox work (a blocked one has an error and its code).</summary>
    public static FulfillmentOrder SmallOrder(AmazonOrderId id, OrderState state, bool withOutbox) => new()
    {
        Id = id,
        Channel = FulfillmentChannel.Merchant,
        State = state,
        AmazonStatus = AmazonOrderStatus.Unshipped,
        LastUpdateDate = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero),
        PurchaseDate = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Error = state == OrderState.Blocked ? "SKU unknown" : null,
        ErrorCode = state == OrderState.Blocked ? ProblemCodes.ImportRefusedByCommerce : null,
        Outbox = withOutbox ? [new PendingEffect(new FetchOrderItems(id, AmazonOrderStatus.Unshipped))] : ImmutableArray<PendingEffect>.Empty,
    };
}
