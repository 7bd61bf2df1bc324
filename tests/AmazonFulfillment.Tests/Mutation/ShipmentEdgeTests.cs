using AmazonFulfillment.Domain;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;
using static AmazonFulfillment.Domain.AmazonOrderStatus;

namespace AmazonFulfillment.Tests.Mutation;

/// <summary>
/// Shipments and cancellations at their limits (docs/rules.md section 3 and 3a): the clock skew and remaining quantity boundaries,
/// quantities Amazon reports shipped outside Commerce, work dropped when Amazon cancels, corrections of a refused
/// package, and retries while import is off.
/// </summary>
public class ShipmentEdgeTests
{
    [Fact]
    public void ShipDate_UpToTheClockSkewAhead_Accepted()
    {
        var b = OrderBuilder.Mfn(s => s.ShipDateClockSkew = TimeSpan.FromMinutes(5)).In(OrderState.Unshipped);

        b.Apply(new ShipmentRecorded(PackageAt(b, 1, b.Now.AddMinutes(5).AddTicks(1))));
        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Equal("shipDate", b.Last.Refusal!.Field);

        b.Apply(new ShipmentRecorded(PackageAt(b, 1, b.Now.AddMinutes(5))));
        Assert.Equal(DecisionKind.Applied, b.Last.Kind);
    }

    [Fact]
    public void Quantity_ExactlyWhatRemains_Accepted()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);

        b.Ship(1, (SpApi.ItemId, 2));

        Assert.Equal(DecisionKind.Applied, b.Last.Kind);
        Assert.Equal(OrderState.PartiallyShipped, b.Order!.State);
        Assert.Equal(0, b.Order.Items.Single(i => i.OrderItemId.Value == SpApi.ItemId).Remaining);
        b.Ship(2, (SpApi.ItemId, 1));
        Assert.Equal("items.quantity", b.Last.Refusal!.Field);
    }

    [Fact]
    public void AmazonReportsMoreShippedThanCommerce_TheRestCountsAsShippedOutside()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(1, (SpApi.ItemId, 1));

        b.Apply(new AmazonOrderObserved(WithItems(b, PartiallyShipped, (SpApi.ItemId, SpApi.Sku, 2, 2), (SpApi.SecondItemId, SpApi.SecondSku, 1, 0))));

        var first = b.Order!.Items.Single(i => i.OrderItemId.Value == SpApi.ItemId);
        Assert.Equal(1, first.ShippedByCommerce);
        Assert.Equal(1, first.ShippedOutside);
        Assert.Equal(1, b.Order.Items.Single(i => i.OrderItemId.Value == SpApi.SecondItemId).Remaining);
        Assert.Equal(OrderState.PartiallyShipped, b.Order.State);
    }

    [Fact]
    public void AmazonLagsBehindCommerce_NothingCountsAsShippedOutside()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(1, (SpApi.ItemId, 1));

        b.Apply(new AmazonOrderObserved(WithItems(b, PartiallyShipped, (SpApi.ItemId, SpApi.Sku, 2, 0), (SpApi.SecondItemId, SpApi.SecondSku, 1, 0))));

        var first = b.Order!.Items.Single(i => i.OrderItemId.Value == SpApi.ItemId);
        Assert.Equal(1, first.ShippedByCommerce);
        Assert.Equal(0, first.ShippedOutside);
        Assert.Equal(1, first.Remaining);
    }

    [Fact]
    public void FirstSeenPartiallyShipped_ShippedQuantitiesOutsideAndCommerceProcessing()
    {
        var b = OrderBuilder.Mfn();

        b.Apply(new AmazonOrderObserved(WithItems(b, PartiallyShipped, (SpApi.ItemId, SpApi.Sku, 2, 1), (SpApi.SecondItemId, SpApi.SecondSku, 1, 0)))).RunEffects(out var ran);

        var first = b.Order!.Items.Single(i => i.OrderItemId.Value == SpApi.ItemId);
        Assert.Equal(0, first.ShippedByCommerce);
        Assert.Equal(1, first.ShippedOutside);
        Assert.Equal(OrderState.PartiallyShipped, b.Order.State);
        Assert.DoesNotContain(ran, e => e is FetchOrderItems);
        Assert.Contains(ran, e => e is MarkCommerceOrderProcessing);
        Assert.Equal(CommerceStatuses.Processing, b.Order.CommerceOrder!.Status);
        Assert.Empty(b.Produced.OfType<ConfirmShipment>());
    }

    [Fact]
    public void AmazonCancelsAfterCommerceShipped_ConfirmationsDroppedAndEveryPackageNamed()
    {
        var b = OrderBuilder.Mfn(s => s.ReadOnly = true).In(OrderState.Unshipped).Ship(3, (SpApi.ItemId, 1)).Ship(12, (SpApi.SecondItemId, 1));
        Assert.Equal(2, b.Pending<ConfirmShipment>().Count());

        b.Observe(Canceled);

        Assert.Equal(OrderState.Canceled, b.Order!.State);
        Assert.Empty(b.Pending<ConfirmShipment>());
        Assert.All(b.Order.Packages, p => Assert.Equal(ConfirmationState.Dropped, p.Confirmation));
        Assert.All(b.Order.Packages, p => Assert.False(string.IsNullOrWhiteSpace(p.FailureReason)));
        Assert.Contains("3, 12", b.Order.Error, StringComparison.Ordinal);
        Assert.Single(b.Pending<CancelCommerceOrder>());
    }

    [Fact]
    public void AmazonCancelsBeforeAnyShipment_NoError()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);

        b.Observe(Canceled);

        Assert.Equal(OrderState.Canceled, b.Order!.State);
        Assert.Null(b.Order.Error);
        Assert.Single(b.Pending<CancelCommerceOrder>());
    }

    [Theory]
    [InlineData("NoInventory", "NoInventory")]
    [InlineData(" noinventory ", "NoInventory")]
    [InlineData("SHIPPINGADDRESSUNDELIVERABLE", "ShippingAddressUndeliverable")]
    public void MerchantCancelReason_OneOfAmazonsReasons_SentInAmazonsSpelling(string given, string sent)
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);

        b.Apply(new MerchantCancelRequested(b.Id, given));

        Assert.Equal(DecisionKind.Applied, b.Last.Kind);
        Assert.Equal(sent, b.Order!.MerchantCancelReason);
        Assert.Equal(sent, Assert.Single(b.Pending<CancelOnAmazon>()).Reason);
    }

    [Theory]
    [InlineData("OutOfStock")]
    [InlineData("Customer asked")]
    [InlineData("NoInventoryX")]
    public void MerchantCancelReason_NotOneOfAmazonsReasons_RefusedNamingTheField(string given)
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);
        var before = b.Order;

        b.Apply(new MerchantCancelRequested(b.Id, given));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Equal("reason", b.Last.Refusal!.Field);
        Assert.Contains("NoInventory", b.Last.Refusal.Reason, StringComparison.Ordinal);
        Assert.Same(before, b.Order);
    }

    [Fact]
    public void MerchantCancel_BuyerCanceledWithoutTheBuyersRequest_Refused_WithTheRequest_Sent()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);

        b.Apply(new MerchantCancelRequested(b.Id, "BuyerCanceled"));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Equal("reason", b.Last.Refusal!.Field);
        Assert.Contains("no buyer request", b.Last.Refusal.Reason, StringComparison.Ordinal);

        var unshipped = OrderBuilder.Mfn().In(OrderState.Unshipped);
        var requested = unshipped.With(unshipped.Order! with { CancellationRequested = true });
        requested.Apply(new MerchantCancelRequested(requested.Id, "BuyerCanceled"));
        Assert.Equal(DecisionKind.Applied, requested.Last.Kind);
        Assert.Equal("BuyerCanceled", Assert.Single(requested.Pending<CancelOnAmazon>()).Reason);
    }

    [Fact]
    public void MerchantCancelReasonWithControlCharacters_Refused()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);

        b.Apply(new MerchantCancelRequested(b.Id, "No\ninventory"));

        Assert.Equal("reason", b.Last.Refusal!.Field);
    }

    [Fact]
    public void MerchantCancel_AskedTwice_SecondIgnoredWhileAmazonAnswers()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);

        b.Apply(new MerchantCancelRequested(b.Id, "NoInventory")).Apply(new MerchantCancelRequested(b.Id, "NoInventory"));

        Assert.Equal(DecisionKind.Ignored, b.Last.Kind);
        Assert.Single(b.Pending<CancelOnAmazon>());
        Assert.Equal("NoInventory", b.Order!.MerchantCancelReason);
    }

    [Fact]
    public void RefusedPackage_CorrectionMayNotChangeItems()
    {
        var b = RefusedPackage();

        b.Ship(1, (SpApi.ItemId, 2));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Equal("items", b.Last.Refusal!.Field);
        Assert.Equal(ConfirmationState.Failed, b.Order!.Packages.Single().Confirmation);
    }

    [Fact]
    public void RefusedPackage_CorrectionShippedInTheFuture_Refused()
    {
        var b = RefusedPackage();

        b.Apply(new ShipmentRecorded(PackageAt(b, 1, b.Now.AddDays(1))));

        Assert.Equal("shipDate", b.Last.Refusal!.Field);
    }

    [Fact]
    public void RefusedPackage_CorrectedWithNewTracking_PendingAgainAndErrorCleared()
    {
        var b = RefusedPackage();
        Assert.Contains("package 1", b.Order!.Error, StringComparison.Ordinal);
        Assert.Contains("Invalid tracking number.", b.Order.Error, StringComparison.Ordinal);

        b.Apply(new ShipmentRecorded(PackageAt(b, 1, b.Now.AddMinutes(-1))));

        Assert.Equal(DecisionKind.Applied, b.Last.Kind);
        Assert.Equal(ConfirmationState.Pending, b.Order!.Packages.Single().Confirmation);
        Assert.Null(b.Order.Error);
        Assert.Equal("1Z000000000000000C", Assert.Single(b.Pending<ConfirmShipment>()).Package.TrackingNumber);
    }

    [Fact]
    public void TwoRefusedPackages_ErrorNamesBoth()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(1, (SpApi.ItemId, 1)).Ship(2, (SpApi.SecondItemId, 1));
        foreach (var c in b.Pending<ConfirmShipment>().ToList())
        {
            b.Apply(new EffectFailed(b.Id, c.IdempotencyKey, $"Bad tracking {c.Package.PackageReferenceId}."));
        }

        Assert.Contains("package 1: Bad tracking 1.", b.Order!.Error, StringComparison.Ordinal);
        Assert.Contains("package 2: Bad tracking 2.", b.Order.Error, StringComparison.Ordinal);
        Assert.Equal(ChannelStatus.Error, b.Order.ChannelStatus);

        b.Apply(new RetryRequested(b.Id));

        Assert.Equal(2, b.Pending<ConfirmShipment>().Count());
        Assert.All(b.Order!.Packages, p => Assert.Equal(ConfirmationState.Pending, p.Confirmation));
        Assert.Null(b.Order.Error);
    }

    [Theory]
    [InlineData(FulfillmentChannel.Merchant, "ImportOrders")]
    [InlineData(FulfillmentChannel.Amazon, "ImportFbaOrders")]
    public void BlockedImport_RetryWhileImportOff_RefusedNamingTheSetting(FulfillmentChannel channel, string setting)
    {
        var b = OrderBuilder.For(channel).In(OrderState.Blocked);
        b.Settings.ImportOrders = channel == FulfillmentChannel.Amazon;
        b.Settings.ImportFbaOrders = false;

        b.Apply(new RetryRequested(b.Id));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.StartsWith(setting + " is off", b.Last.Refusal!.Reason, StringComparison.Ordinal);
        Assert.Equal(OrderState.Blocked, b.Order!.State);
    }

    [Fact]
    public void BlockedImport_MerchantRetry_CountsAsAnAttemptButNotAnAutomaticOne()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Blocked);
        var automatic = b.Order!.AutomaticImportAttempts;
        var attempts = b.Order.ImportAttempts;

        b.Apply(new RetryRequested(b.Id));

        Assert.Equal(OrderState.Importing, b.Order!.State);
        Assert.Equal(attempts + 1, b.Order.ImportAttempts);
        Assert.Equal(automatic, b.Order.AutomaticImportAttempts);
        Assert.Null(b.Order.Error);
    }

    [Fact]
    public void BlockedImport_SyncRetriesUntilTheCapExactly()
    {
        var b = OrderBuilder.Mfn(s => s.MaxImportAttempts = 2).In(OrderState.Blocked);
        Assert.Equal(1, b.Order!.AutomaticImportAttempts);
        b.CommerceRefusal = "Out of stock.";

        b.Apply(new SyncCycleEnded(b.Id)).RunEffects();
        Assert.Equal(2, b.Order!.AutomaticImportAttempts);
        Assert.Equal(OrderState.Blocked, b.Order.State);

        b.Apply(new SyncCycleEnded(b.Id));
        Assert.NotEqual(DecisionKind.Applied, b.Last.Kind);
        Assert.Equal(2, b.Order!.AutomaticImportAttempts);
    }

    private static OrderBuilder RefusedPackage()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(1, (SpApi.ItemId, 1));
        var confirm = b.Pending<ConfirmShipment>().Single();
        b.Apply(new EffectFailed(b.Id, confirm.IdempotencyKey, "Invalid tracking number."));
        Assert.Equal(ConfirmationState.Failed, b.Order!.Packages.Single().Confirmation);
        return b;
    }

    private static ShipmentPackage PackageAt(OrderBuilder b, long id, DateTimeOffset shipDate) => ShipmentPackage.Create(
        b.Id, PackageReferenceId.From(id), "UPS", null, "UPS Ground", "1Z000000000000000C", shipDate, [new PackageItem(OrderItemId.Parse(SpApi.ItemId), 1)]);

    private static AmazonOrderSnapshot WithItems(OrderBuilder b, AmazonOrderStatus status, params (string Id, string Sku, int Ordered, int Shipped)[] lines) => new(
        b.Id, status, b.Channel, OrderBuilder.PurchaseDate, (b.Order?.LastUpdateDate ?? OrderBuilder.PurchaseDate).AddMinutes(10),
        MarketplaceId.Parse(SpApi.MarketplaceUs), SpApi.Money("29.99"), b.Buyer, SpApi.Address,
        lines.Select(l => new AmazonOrderItem(OrderItemId.Parse(l.Id), Sku.Parse(l.Sku), l.Ordered, l.Shipped, SpApi.Money("10.00"))));
}
