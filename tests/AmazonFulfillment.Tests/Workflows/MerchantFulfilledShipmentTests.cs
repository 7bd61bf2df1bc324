using AmazonFulfillment.Domain;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;
using static AmazonFulfillment.Domain.AmazonOrderStatus;

namespace AmazonFulfillment.Tests.Workflows;

/// <summary>docs/rules.md section 3, step 5 and the shipment rules: packages from Commerce, confirmations to Amazon.</summary>
public class MerchantFulfilledShipmentTests
{
    [Fact]
    public void Ship_SomeItems_PartiallyShippedProcessingAndPackageConfirmed()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);

        b.Ship(1, (SpApi.ItemId, 1));

        Assert.Equal(OrderState.PartiallyShipped, b.Order!.State);
        Assert.Equal(ChannelStatus.PartiallyShipped, b.Order.ChannelStatus);
        Assert.Equal(CommerceStatuses.Processing, b.Order.CommerceOrder!.Status);
        var confirm = Assert.IsType<ConfirmShipment>(Assert.Single(b.Last.NewEffects));
        Assert.Equal(PackageReferenceId.From(1), confirm.Package.PackageReferenceId);
        Assert.Equal("UPS", confirm.Package.CarrierCode);
        Assert.Equal(ConfirmationState.Pending, Assert.Single(b.Order.Packages).Confirmation);
    }

    [Fact]
    public void Ship_EveryItem_CompleteShippedAndEveryPackageConfirmed()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);

        b.Ship(1, (SpApi.ItemId, 1)).RunEffects();
        b.Ship(2, (SpApi.ItemId, 1), (SpApi.SecondItemId, 1));

        Assert.Equal(OrderState.Shipped, b.Order!.State);
        Assert.Collection(
            b.Last.NewEffects,
            e => Assert.Equal(PackageReferenceId.From(2), Assert.IsType<ConfirmShipment>(e).Package.PackageReferenceId),
            e => Assert.IsType<CompleteCommerceOrder>(e));
        b.RunEffects();
        Assert.Equal(ChannelStatus.Shipped, b.Order!.ChannelStatus);
        Assert.Equal(CommerceStatuses.Complete, b.Order.CommerceOrder!.Status);
        Assert.All(b.Order.Packages, p => Assert.Equal(ConfirmationState.Confirmed, p.Confirmation));
        Assert.Equal(2, b.Produced.OfType<ConfirmShipment>().Count());
        Assert.True(b.Order.AllItemsShipped);
    }

    [Fact]
    public void Ship_ThenAmazonReportsShipped_NothingMoreToDo()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);
        b.ShipRemaining(1).RunEffects();

        b.Observe(Shipped);

        Assert.Equal(DecisionKind.Applied, b.Last.Kind);
        Assert.Equal(OrderState.Shipped, b.Order!.State);
        Assert.Empty(b.Last.NewEffects);
        Assert.Empty(b.Order.Outbox);
    }

    [Fact]
    public void Ship_ConfirmationFailsPermanently_FailureVisibleOnPackage()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(1, (SpApi.ItemId, 1));
        var key = b.Pending<ConfirmShipment>().Single().IdempotencyKey;

        b.Apply(new EffectFailed(b.Id, key, "Invalid Input"));

        var package = Assert.Single(b.Order!.Packages);
        Assert.Equal(ConfirmationState.Failed, package.Confirmation);
        Assert.Equal("Invalid Input", package.FailureReason);
        Assert.Equal(key, Assert.Single(b.Order.Failures).IdempotencyKey);
    }

    [Fact]
    public void Observe_FirstSeenPartiallyShipped_ImportedWithShippedOutsideRecorded()
    {
        var b = OrderBuilder.Mfn().Observe(PartiallyShipped).RunEffects();

        Assert.Equal(OrderState.PartiallyShipped, b.Order!.State);
        Assert.NotNull(b.Order.CommerceOrder);
        Assert.Equal(1, b.Order.Items[0].ShippedOutside);
        Assert.Equal(0, b.Order.Items[0].ShippedByCommerce);
        Assert.DoesNotContain(b.Produced, e => e.ChangesAmazon);
        Assert.DoesNotContain(b.Produced, e => e is CompleteCommerceOrder);
    }

    [Fact]
    public void Observe_FirstSeenPartiallyShipped_MerchantShipsOnlyTheRest()
    {
        var b = OrderBuilder.Mfn().Observe(PartiallyShipped).RunEffects();

        b.Ship(1, (SpApi.ItemId, 2));
        Assert.Equal(DecisionKind.Refused, b.Last.Kind);

        b.ShipRemaining(1);
        Assert.Equal(OrderState.Shipped, b.Order!.State);
        var confirm = Assert.Single(b.Produced.OfType<ConfirmShipment>());
        Assert.Equal(new PackageItem(OrderItemId.Parse(SpApi.ItemId), 1), confirm.Package.Items[0]);
    }

    [Theory]
    [InlineData(Shipped)]
    [InlineData(InvoiceUnconfirmed)]
    public void Observe_FirstSeenShipped_ImportedCompleteWithoutTracking(AmazonOrderStatus status)
    {
        var b = OrderBuilder.Mfn().Observe(status).RunEffects();

        Assert.Equal(OrderState.Shipped, b.Order!.State);
        Assert.Equal(CommerceStatuses.Complete, b.Order.CommerceOrder!.Status);
        Assert.All(b.Order.Items, i => Assert.Equal(i.QuantityOrdered, i.ShippedOutside));
        Assert.DoesNotContain(b.Produced, e => e.ChangesAmazon);
    }

    [Theory]
    [InlineData(Shipped)]
    [InlineData(InvoiceUnconfirmed)]
    public void Observe_ShippedOutsideCommerceLater_CompleteAndNothingSentToAmazon(AmazonOrderStatus status)
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);

        b.Observe(status);

        Assert.Equal(OrderState.Shipped, b.Order!.State);
        Assert.IsType<CompleteCommerceOrder>(Assert.Single(b.Last.NewEffects));
        b.RunEffects();
        Assert.Equal(CommerceStatuses.Complete, b.Order!.CommerceOrder!.Status);
        Assert.Equal(ChannelStatus.Shipped, b.Order.ChannelStatus);
        Assert.DoesNotContain(b.Produced, e => e.ChangesAmazon);
    }

    [Fact]
    public void Observe_ShippedTwiceWithNewerDates_CommerceOrderCompletedOnce()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);

        b.Observe(Shipped).RunEffects().Observe(InvoiceUnconfirmed).RunEffects().Observe(Shipped).RunEffects();

        Assert.Single(b.Produced.OfType<CompleteCommerceOrder>());
    }

    [Fact]
    public void Ship_UnknownOrder_Refused()
    {
        var b = OrderBuilder.Mfn();

        b.Ship(1, (SpApi.ItemId, 1));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Null(b.Order);
        Assert.Equal("amazonOrderId", b.Last.Refusal!.Field);
    }

    [Theory]
    [InlineData(OrderState.Pending)]
    [InlineData(OrderState.Importing)]
    [InlineData(OrderState.Blocked)]
    [InlineData(OrderState.Unfulfillable)]
    public void Ship_OrderNotYetInCommerce_Refused(OrderState state)
    {
        var b = OrderBuilder.Mfn().In(state);
        var before = b.Order;

        b.Ship(1, (SpApi.ItemId, 1));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Same(before, b.Order);
        Assert.Contains("not yet in Commerce", b.Last.Refusal!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Ship_CanceledOrder_Refused()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Canceled);
        var before = b.Order;

        b.Ship(1, (SpApi.ItemId, 1));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Same(before, b.Order);
        Assert.Contains("canceled", b.Last.Refusal!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Ship_UnknownOrderItem_RefusedNamingField()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);
        var before = b.Order;

        b.Ship(1, (SpApi.ConfirmShipmentItemId, 1));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Equal("items.orderItemId", b.Last.Refusal!.Field);
        Assert.Same(before, b.Order);
    }

    [Theory]
    [InlineData(OrderState.Unshipped, 3)]
    [InlineData(OrderState.PartiallyShipped, 2)]
    [InlineData(OrderState.Shipped, 1)]
    public void Ship_QuantityAboveRemaining_RefusedNamingField(OrderState state, int quantity)
    {
        var b = OrderBuilder.Mfn().In(state);
        var before = b.Order;

        b.Ship(9, (SpApi.ItemId, quantity));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Equal("items.quantity", b.Last.Refusal!.Field);
        Assert.Same(before, b.Order);
    }

    [Fact]
    public void Ship_ShipDateBeyondClockSkew_Refused()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);
        var before = b.Order;
        var package = ShipmentPackage.Create(b.Id, PackageReferenceId.From(1), "UPS", null, null, "1Z999AA10123456784", b.Now.AddMinutes(6), [new PackageItem(OrderItemId.Parse(SpApi.ItemId), 1)]);

        b.Apply(new ShipmentRecorded(package));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Equal("shipDate", b.Last.Refusal!.Field);
        Assert.Same(before, b.Order);
    }

    [Fact]
    public void Ship_ShipDateWithinClockSkew_Accepted()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);
        var package = ShipmentPackage.Create(b.Id, PackageReferenceId.From(1), "UPS", null, null, "1Z999AA10123456784", b.Now.AddMinutes(4), [new PackageItem(OrderItemId.Parse(SpApi.ItemId), 1)]);

        b.Apply(new ShipmentRecorded(package));

        Assert.Equal(DecisionKind.Applied, b.Last.Kind);
    }

    [Fact]
    public void Ship_CarrierOtherWithName_Accepted()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);
        var package = ShipmentPackage.TryCreate(b.Id.Value, "1", "Other", "Hermes", null, "H1001234567890", b.Now, [new PackageItem(OrderItemId.Parse(SpApi.ItemId), 1)]).Value;

        b.Apply(new ShipmentRecorded(package));

        Assert.Equal(DecisionKind.Applied, b.Last.Kind);
        Assert.Equal("Hermes", b.Pending<ConfirmShipment>().Single().Package.CarrierName);
    }

    [Fact]
    public void Ship_SamePackageTwice_NoOp()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(1, (SpApi.ItemId, 1));
        var before = b.Order;
        var again = b.Inputs.OfType<ShipmentRecorded>().Single();

        b.Apply(again);

        Assert.Equal(DecisionKind.Ignored, b.Last.Kind);
        Assert.Same(before, b.Order);
        Assert.Single(b.Produced.OfType<ConfirmShipment>());
    }

    [Fact]
    public void Ship_SamePackageAfterConfirmation_NoOp()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(1, (SpApi.ItemId, 1)).RunEffects();
        var before = b.Order;

        b.Apply(b.Inputs.OfType<ShipmentRecorded>().Single());

        Assert.Equal(DecisionKind.Ignored, b.Last.Kind);
        Assert.Same(before, b.Order);
    }

    [Fact]
    public void Ship_SameReferenceDifferentContent_Refused()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(1, (SpApi.ItemId, 1));
        var before = b.Order;

        b.Ship(1, (SpApi.SecondItemId, 1));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Equal("packageReferenceId", b.Last.Refusal!.Field);
        Assert.Same(before, b.Order);
    }

    [Fact]
    public void Ship_RetriedConfirmation_ReusesPackageReferenceId()
    {
        var b = OrderBuilder.Mfn(s => s.ReadOnly = true).In(OrderState.Unshipped).Ship(7, (SpApi.ItemId, 1));
        var first = b.Pending<ConfirmShipment>().Single();

        b.Settings.ReadOnly = false;
        b.Apply(new SyncCycleEnded(b.Id));

        var released = b.Pending<ConfirmShipment>().Single();
        Assert.Equal(first.IdempotencyKey, released.IdempotencyKey);
        Assert.Equal(PackageReferenceId.From(7), released.Package.PackageReferenceId);
    }

    [Fact]
    public void ItemsFetched_ListLosesUnitsCommerceShipped_RefusedOrderUnchanged()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(1, (SpApi.ItemId, 1));
        var order = b.Order! with { Outbox = [new PendingEffect(new FetchOrderItems(b.Id, AmazonOrderStatus.PartiallyShipped))] };
        var other = new AmazonOrderItem(OrderItemId.Parse("99999999999999"), Sku.Parse("OTHER-1"), 1, 0, null);

        var d = OrderWorkflow.Decide(order, new OrderItemsFetched(b.Id, AmazonOrderStatus.PartiallyShipped, [other]), b.Settings, OrderBuilder.PurchaseDate.AddDays(1));

        Assert.Equal(DecisionKind.Refused, d.Kind);
        Assert.Same(order, d.Order);
        Assert.Contains("Commerce shipped", d.Refusal!.Reason, StringComparison.Ordinal);
    }
}
