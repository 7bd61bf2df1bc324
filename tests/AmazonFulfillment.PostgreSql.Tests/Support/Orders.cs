using System.Collections.Immutable;
using System.Globalization;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.PostgreSql.Tests.Support;

/// <summary>Tracked orders for the store tests, from a bare one to one with every field and every effect type set.</summary>
internal static class Orders
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static AmazonOrderId Id(int n) =>
        AmazonOrderId.Parse(string.Create(CultureInfo.InvariantCulture, $"902-{n:D7}-{n:D7}"));

    public static FulfillmentOrder Bare(AmazonOrderId id, OrderState state = OrderState.Pending) => new()
    {
        Id = id,
        Channel = FulfillmentChannel.Merchant,
        State = state,
        AmazonStatus = AmazonOrderStatus.Pending,
        LastUpdateDate = T0,
        PurchaseDate = T0,
    };

    public static FulfillmentOrder WithWork(AmazonOrderId id) =>
        Bare(id, OrderState.Importing) with { Outbox = [new PendingEffect(new FetchOrderItems(id, AmazonOrderStatus.Unshipped))] };

    /// <summary>An order as the workflow leaves it when Amazon first reports it Unshipped: its lines are to be fetched.</summary>
    public static FulfillmentOrder Verified(AmazonOrderId id) =>
        OrderWorkflow.Decide(
            null,
            new AmazonOrderObserved(new AmazonOrderSnapshot(id, AmazonOrderStatus.Unshipped, FulfillmentChannel.Merchant, T0, T0.AddMinutes(1), MarketplaceId.Parse("ATVPDKIKX0DER"))),
            new OrderSettings { StoreView = "default" },
            T0).Order!;

    /// <summary>Every field set, non-UTC offsets, a three-decimal currency, and one outbox effect of every type.</summary>
    public static FulfillmentOrder Full(AmazonOrderId id)
    {
        var lineA = OrderItemId.Parse("10001");
        var lineB = OrderItemId.Parse("10002");
        var buyer = new BuyerInfo("buyer@marketplace.amazon.example", "Ada Buyer");
        var address = new ShippingAddress("Ada Buyer", "1 Main St", "Apt 2", null, "Springfield", "IL", "62701", "US", "+1 555 0100");
        var plus2 = new DateTimeOffset(2026, 1, 2, 10, 30, 15, 123, TimeSpan.FromHours(2));
        var packageOne = ShipmentPackage.Create(id, PackageReferenceId.From(1), "UPS", null, "Ground", "1Z999AA10000000999", plus2, [new PackageItem(lineA, 2)]);
        var packageTwo = ShipmentPackage.Create(id, PackageReferenceId.From(9_000_000_001), ShipmentPackage.OtherCarrier, "Local Courier", null, "LC-7", T0.AddHours(5), [new PackageItem(lineB, 1), new PackageItem(lineA, 1)]);
        var request = new CommerceOrderRequest
        {
            AmazonOrderId = id,
            Channel = FulfillmentChannel.Merchant,
            StoreView = "default",
            OrderNumber = id.Value,
            InitialStatus = "pending",
            ReserveInventory = true,
            RequireStock = true,
            CustomerId = "cust-42",
            Buyer = buyer,
            ShippingAddress = address,
            Lines = [new CommerceOrderLine(Sku.Parse("SKU-A"), 3, Money.Of(13.333m, "KWD")), new CommerceOrderLine(Sku.Parse("SKU B/2"), 1, null)],
            Total = Money.Of(40.000m, "KWD"),
            PurchaseDate = plus2,
        };

        return new FulfillmentOrder
        {
            Id = id,
            Channel = FulfillmentChannel.Merchant,
            State = OrderState.PartiallyShipped,
            AmazonStatus = AmazonOrderStatus.PartiallyShipped,
            LastUpdateDate = plus2,
            PurchaseDate = T0,
            MarketplaceId = MarketplaceId.Parse("ATVPDKIKX0DER"),
            OrderTotal = Money.Of(55.10m, "USD"),
            Buyer = buyer,
            ShippingAddress = address,
            Items =
            [
                new TrackedItem(lineA, Sku.Parse("SKU-A"), 3, 2, 1, Money.Of(40.10m, "USD"), BuyerRequestedCancel: true),
                new TrackedItem(lineB, Sku.Parse("SKU B/2"), 1, 0, 0, null, BuyerRequestedCancel: false),
            ],
            ItemsFetchedFor = AmazonOrderStatus.PartiallyShipped,
            CommerceOrder = new CommerceOrderRef("c-1", "100000001", "processing"),
            Customer = new CustomerRef(CustomerKind.Account, "cust-42"),
            CancellationRequested = true,
            Error = "SKU-C is out of stock",
            ImportAttempts = 3,
            AutomaticImportAttempts = 2,
            Packages =
            [
                new PackageRecord(packageOne, ConfirmationState.Confirmed, null, T0.AddMinutes(6), Verification: PackageVerification.NotOnAmazon, Resends: 2),
                new PackageRecord(packageTwo, ConfirmationState.Failed, "InvalidInput: carrier"),
            ],
            MerchantCancelReason = "NoInventory",
            CanceledOnAmazon = true,
            Outbox =
            [
                new PendingEffect(new FetchOrderItems(id, AmazonOrderStatus.Shipped)),
                new PendingEffect(new ResolveCustomer(id, "buyer@marketplace.amazon.example", null)),
                new PendingEffect(new CreateCommerceOrder(request)),
                new PendingEffect(new CompleteCommerceOrder(id)),
                new PendingEffect(new MarkCommerceOrderProcessing(id)),
                new PendingEffect(new CancelCommerceOrder(id)),
                new PendingEffect(new ConfirmShipment(packageTwo, MarketplaceId.Parse("A1PA6795UKMFR9")), Held: true),
                new PendingEffect(new CancelOnAmazon(id, "BuyerCanceled"), Held: true),
                new PendingEffect(new VerifyShipment(id, T0.AddMinutes(36))),
            ],
            Failures = [new EffectFailure($"{id}:package:2", "InvalidInput", T0.AddMinutes(7))],
        };
    }

    /// <summary>Every type of <see cref="OrderEffect"/>, so that a new one without a round-trip test is noticed.</summary>
    public static ImmutableHashSet<Type> EffectTypes { get; } =
        typeof(OrderEffect).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(OrderEffect)) && !t.IsAbstract).ToImmutableHashSet();
}
