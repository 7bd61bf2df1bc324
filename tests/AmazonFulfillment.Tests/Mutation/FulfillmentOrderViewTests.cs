using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Tests.Support;

namespace AmazonFulfillment.Tests.Mutation;

/// <summary>
/// What a tracked order shows (docs/rules.md section 2 and 3): the channel status of each state, visibility in Orders once it left
/// Pending, Error while Amazon refused a package, and the work the sweep must still do.
/// </summary>
public class FulfillmentOrderViewTests
{
    private static readonly AmazonOrderId Id = AmazonOrderId.Parse(SpApi.MfnOrderId);

    [Theory]
    [InlineData(OrderState.Pending, AmazonOrderStatus.Pending, ChannelStatus.Pending)]
    [InlineData(OrderState.Pending, AmazonOrderStatus.PendingAvailability, ChannelStatus.PendingAvailability)]
    [InlineData(OrderState.Blocked, AmazonOrderStatus.Unshipped, ChannelStatus.Error)]
    [InlineData(OrderState.Unfulfillable, AmazonOrderStatus.Unfulfillable, ChannelStatus.Error)]
    [InlineData(OrderState.Unshipped, AmazonOrderStatus.Unshipped, ChannelStatus.Unshipped)]
    [InlineData(OrderState.PartiallyShipped, AmazonOrderStatus.PartiallyShipped, ChannelStatus.PartiallyShipped)]
    [InlineData(OrderState.Shipped, AmazonOrderStatus.Shipped, ChannelStatus.Shipped)]
    [InlineData(OrderState.Canceled, AmazonOrderStatus.Canceled, ChannelStatus.Canceled)]
    [InlineData(OrderState.Importing, AmazonOrderStatus.Unshipped, ChannelStatus.Unshipped)]
    [InlineData(OrderState.Importing, AmazonOrderStatus.PartiallyShipped, ChannelStatus.PartiallyShipped)]
    [InlineData(OrderState.Importing, AmazonOrderStatus.Shipped, ChannelStatus.Shipped)]
    [InlineData(OrderState.Importing, AmazonOrderStatus.InvoiceUnconfirmed, ChannelStatus.Shipped)]
    public void ChannelStatus_OfEachState(OrderState state, AmazonOrderStatus amazon, ChannelStatus expected)
    {
        Assert.Equal(expected, Order(state, amazon).ChannelStatus);
    }

    [Theory]
    [InlineData(OrderState.Untracked, false)]
    [InlineData(OrderState.Pending, false)]
    [InlineData(OrderState.Importing, true)]
    [InlineData(OrderState.Blocked, true)]
    [InlineData(OrderState.Unshipped, true)]
    [InlineData(OrderState.Canceled, true)]
    public void VisibleInOrders_OnceItLeftPending(OrderState state, bool visible)
    {
        Assert.Equal(visible, Order(state, AmazonOrderStatus.Unshipped).VisibleInOrders);
    }

    [Theory]
    [InlineData(OrderState.Unshipped, ChannelStatus.Error)]
    [InlineData(OrderState.PartiallyShipped, ChannelStatus.Error)]
    [InlineData(OrderState.Shipped, ChannelStatus.Error)]
    [InlineData(OrderState.Canceled, ChannelStatus.Canceled)]
    public void RefusedConfirmation_ShowsErrorUnlessCanceled(OrderState state, ChannelStatus expected)
    {
        var refused = Order(state, AmazonOrderStatus.Shipped) with { Packages = [new PackageRecord(Package(), ConfirmationState.Failed, "Invalid tracking number.")] };
        var confirmed = Order(state, AmazonOrderStatus.Shipped) with { Packages = [new PackageRecord(Package(), ConfirmationState.Confirmed)] };

        Assert.True(refused.HasRefusedConfirmation);
        Assert.Equal(expected, refused.ChannelStatus);
        Assert.False(confirmed.HasRefusedConfirmation);
        Assert.NotEqual(ChannelStatus.Error, confirmed.ChannelStatus);
    }

    [Fact]
    public void UnfinishedWork_AnOutboxEffectOrABlockedImport()
    {
        var idle = Order(OrderState.Unshipped, AmazonOrderStatus.Unshipped);
        var held = idle with { Outbox = [new PendingEffect(new ConfirmShipment(Package()), Held: true)] };
        var runnable = idle with { Outbox = [new PendingEffect(new CompleteCommerceOrder(Id))] };

        Assert.False(idle.HasUnfinishedWork);
        Assert.False(idle.HasRunnableWork);
        Assert.True(held.HasUnfinishedWork);
        Assert.False(held.HasRunnableWork);
        Assert.True(runnable.HasUnfinishedWork);
        Assert.True(runnable.HasRunnableWork);
        Assert.True(Order(OrderState.Blocked, AmazonOrderStatus.Unshipped).HasUnfinishedWork);
        Assert.False(Order(OrderState.Blocked, AmazonOrderStatus.Unshipped).HasRunnableWork);
    }

    [Fact]
    public void CancellationPending_WhileAmazonIsAskedAndTheOrderIsNotCanceled()
    {
        var asking = Order(OrderState.Unshipped, AmazonOrderStatus.Unshipped) with { Outbox = [new PendingEffect(new CancelOnAmazon(Id, "NoInventory"))] };

        Assert.True(asking.CancellationPending);
        Assert.False((asking with { State = OrderState.Canceled }).CancellationPending);
        Assert.False(Order(OrderState.Unshipped, AmazonOrderStatus.Unshipped).CancellationPending);
    }

    [Fact]
    public void ItemsShipped_CountsCommerceAndOutside()
    {
        var sku = Sku.Parse(SpApi.Sku);
        TrackedItem Line(string id, int ordered, int byCommerce, int outside) => new(OrderItemId.Parse(id), sku, ordered, byCommerce, outside, null, false);
        var none = Order(OrderState.Unshipped, AmazonOrderStatus.Unshipped);

        Assert.False(none.AllItemsShipped); // lines unknown
        Assert.False(none.AnyItemShipped);
        Assert.False((none with { Items = [Line(SpApi.ItemId, 2, 0, 0)] }).AnyItemShipped);
        Assert.True((none with { Items = [Line(SpApi.ItemId, 2, 1, 0)] }).AnyItemShipped);
        Assert.True((none with { Items = [Line(SpApi.ItemId, 2, 0, 1)] }).AnyItemShipped);
        Assert.False((none with { Items = [Line(SpApi.ItemId, 2, 1, 0)] }).AllItemsShipped);
        Assert.True((none with { Items = [Line(SpApi.ItemId, 2, 1, 1), Line(SpApi.SecondItemId, 1, 1, 0)] }).AllItemsShipped);
        Assert.False((none with { Items = [Line(SpApi.ItemId, 2, 1, 1), Line(SpApi.SecondItemId, 1, 0, 0)] }).AllItemsShipped);
        Assert.Equal(1, Line(SpApi.ItemId, 4, 2, 1).Remaining);
    }

    private static FulfillmentOrder Order(OrderState state, AmazonOrderStatus amazon) => new()
    {
        Id = Id,
        Channel = FulfillmentChannel.Merchant,
        State = state,
        AmazonStatus = amazon,
        LastUpdateDate = OrderBuilder.PurchaseDate.AddMinutes(1),
        PurchaseDate = OrderBuilder.PurchaseDate,
        Items = ImmutableArray<TrackedItem>.Empty,
    };

    private static ShipmentPackage Package() => ShipmentPackage.Create(
        Id, PackageReferenceId.From(1), "UPS", null, null, "1Z9999999999999999", OrderBuilder.PurchaseDate, [new PackageItem(OrderItemId.Parse(SpApi.ItemId), 1)]);
}
