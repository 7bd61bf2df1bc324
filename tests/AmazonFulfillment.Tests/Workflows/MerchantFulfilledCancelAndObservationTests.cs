using AmazonFulfillment.Domain;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;
using static AmazonFulfillment.Domain.AmazonOrderStatus;

namespace AmazonFulfillment.Tests.Workflows;

/// <summary>docs/rules.md section 3, rules beyond the happy path: cancellations, Unfulfillable, and how observations are ordered.</summary>
public class MerchantFulfilledCancelAndObservationTests
{
    [Fact]
    public void Observe_AmazonCancelsUnshipped_CommerceOrderCancelledNothingSentToAmazon()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);

        b.Observe(Canceled);

        Assert.Equal(OrderState.Canceled, b.Order!.State);
        Assert.Equal(ChannelStatus.Canceled, b.Order.ChannelStatus);
        Assert.IsType<CancelCommerceOrder>(Assert.Single(b.Last.NewEffects));
        b.RunEffects();
        Assert.Equal(CommerceStatuses.Canceled, b.Order!.CommerceOrder!.Status);
        Assert.DoesNotContain(b.Produced, e => e.ChangesAmazon);
    }

    [Fact]
    public void Observe_AmazonCancelsWhileCreationPending_CreationBecomesCancellation()
    {
        var b = OrderBuilder.Mfn().Observe(Unshipped);
        b.Apply(b.OutcomeOf(b.Pending<FetchOrderItems>().Single()));
        var create = b.Pending<CreateCommerceOrder>().Single();

        b.Observe(Canceled);

        Assert.Equal(OrderState.Canceled, b.Order!.State);
        Assert.IsType<CancelCommerceOrder>(Assert.Single(b.Order.Outbox).Effect);

        // The creation's response arrives late: the order is recorded, and the one pending cancellation covers it.
        b.Apply(b.OutcomeOf(create));
        Assert.Equal(DecisionKind.Applied, b.Last.Kind);
        Assert.Equal(OrderState.Canceled, b.Order!.State);
        Assert.NotNull(b.Order.CommerceOrder);
        Assert.IsType<CancelCommerceOrder>(Assert.Single(b.Order.Outbox).Effect);
    }

    [Fact]
    public void Observe_AmazonCancelsWhileFetchingItems_NoCommerceOrderToCancel()
    {
        var b = OrderBuilder.Mfn().Observe(Unshipped);

        b.Observe(Canceled);

        Assert.Equal(OrderState.Canceled, b.Order!.State);
        Assert.Empty(b.Order.Outbox);
    }

    [Fact]
    public void Observe_AmazonCancelsBlockedOrder_CanceledAndErrorCleared()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Blocked);

        b.Observe(Canceled);

        Assert.Equal(OrderState.Canceled, b.Order!.State);
        Assert.Null(b.Order.Error);
        Assert.Empty(b.Order.Outbox);
    }

    [Theory]
    [InlineData(Pending)]
    [InlineData(null)]
    public void Observe_CanceledFirstSeen_TrackedWithoutCommerceOrder(AmazonOrderStatus? before)
    {
        var b = OrderBuilder.Mfn();
        if (before is { } status)
        {
            b.Observe(status);
        }

        b.Observe(Canceled);

        Assert.Equal(OrderState.Canceled, b.Order!.State);
        Assert.Equal(ChannelStatus.Canceled, b.Order.ChannelStatus);
        Assert.Null(b.Order.CommerceOrder);
        Assert.Empty(b.Order.Outbox);
    }

    [Fact]
    public void Observe_BuyerRequestedCancel_FlaggedAndMerchantDecides()
    {
        var b = OrderBuilder.Mfn();
        b.BuyerRequestedCancel = true;

        b.Observe(Unshipped).RunEffects();

        Assert.True(b.Order!.CancellationRequested);
        Assert.Equal(OrderState.Unshipped, b.Order.State);
        Assert.DoesNotContain(b.Produced, e => e is CancelOnAmazon or CancelCommerceOrder);
    }

    [Fact]
    public void MerchantCancel_WhileUnshipped_AsksAmazonFirstThenCancelsInCommerce()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);

        b.Apply(new MerchantCancelRequested(b.Id, "NoInventory"));

        // Amazon is asked first; nothing happens in Commerce until Amazon accepts.
        Assert.Equal(OrderState.Unshipped, b.Order!.State);
        Assert.True(b.Order.CancellationPending);
        Assert.Equal("NoInventory", b.Order.MerchantCancelReason);
        Assert.IsType<CancelOnAmazon>(Assert.Single(b.Last.NewEffects));
        Assert.Contains(b.Last.NewEffects, e => e is CancelOnAmazon { Reason: "NoInventory" });
        b.RunEffects();
        Assert.True(b.Order!.CanceledOnAmazon);
        Assert.Equal(OrderState.Canceled, b.Order.State);
        Assert.Equal(ChannelStatus.Canceled, b.Order.ChannelStatus);
        Assert.Equal(CommerceStatuses.Canceled, b.Order.CommerceOrder!.Status);
    }

    [Fact]
    public void MerchantCancel_BuyerRequestedCancel_Accepted()
    {
        var b = OrderBuilder.Mfn();
        b.BuyerRequestedCancel = true;
        b.Observe(Unshipped).RunEffects();

        b.Apply(new MerchantCancelRequested(b.Id, "BuyerCanceled")).RunEffects();

        Assert.Equal(OrderState.Canceled, b.Order!.State);
    }

    [Theory]
    [InlineData(OrderState.Pending)]
    [InlineData(OrderState.Importing)]
    [InlineData(OrderState.Blocked)]
    [InlineData(OrderState.PartiallyShipped)]
    [InlineData(OrderState.Shipped)]
    [InlineData(OrderState.Canceled)]
    [InlineData(OrderState.Unfulfillable)]
    public void MerchantCancel_OutsideUnshipped_RefusedAndNothingChanges(OrderState state)
    {
        var b = OrderBuilder.Mfn().In(state);
        var before = b.Order;

        b.Apply(new MerchantCancelRequested(b.Id, "NoInventory"));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Same(before, b.Order);
        Assert.False(string.IsNullOrWhiteSpace(b.Last.Refusal!.Reason));
    }

    [Fact]
    public void MerchantCancel_WhilePartiallyShipped_Refused()
    {
        var b = OrderBuilder.Mfn().In(OrderState.PartiallyShipped);

        b.Apply(new MerchantCancelRequested(b.Id, "NoInventory"));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Contains("Unshipped", b.Last.Refusal!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MerchantCancel_UnknownOrder_Refused()
    {
        var b = OrderBuilder.Mfn();

        b.Apply(new MerchantCancelRequested(b.Id, "NoInventory"));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Null(b.Order);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("No\ninventory")]
    public void MerchantCancel_BadReason_RefusedNamingField(string reason)
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);
        var before = b.Order;

        b.Apply(new MerchantCancelRequested(b.Id, reason));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Equal("reason", b.Last.Refusal!.Field);
        Assert.Same(before, b.Order);
    }

    [Fact]
    public void Observe_Unfulfillable_TrackedNeverImported()
    {
        var b = OrderBuilder.Mfn().Observe(Pending).Observe(Unfulfillable);

        Assert.Equal(OrderState.Unfulfillable, b.Order!.State);
        Assert.Null(b.Order.CommerceOrder);
        Assert.Empty(b.Order.Outbox);
        Assert.Contains("Unfulfillable", b.Order.Error, StringComparison.Ordinal);

        b.Observe(Shipped).Apply(new SyncCycleEnded(b.Id));
        Assert.Equal(OrderState.Unfulfillable, b.Order!.State);
        Assert.Empty(b.Produced);
    }

    [Fact]
    public void Observe_InvoiceUnconfirmed_CountsAsShipped()
    {
        var b = OrderBuilder.Mfn().In(OrderState.PartiallyShipped);

        b.Observe(InvoiceUnconfirmed).RunEffects();

        Assert.Equal(OrderState.Shipped, b.Order!.State);
        Assert.Equal(ChannelStatus.Shipped, b.Order.ChannelStatus);
        Assert.Equal(CommerceStatuses.Complete, b.Order.CommerceOrder!.Status);
    }

    [Fact]
    public void Observe_AmazonReportsPartiallyShippedUnknownToCommerce_LearnsLinesOnce()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);

        b.Observe(PartiallyShipped);

        Assert.Equal(OrderState.PartiallyShipped, b.Order!.State);
        Assert.Equal(PartiallyShipped, Assert.IsType<FetchOrderItems>(Assert.Single(b.Last.NewEffects)).ForStatus);
        b.RunEffects().Observe(PartiallyShipped);
        Assert.Empty(b.Last.NewEffects);
        Assert.Equal(1, b.Order!.Items[0].ShippedOutside);
    }

    [Fact]
    public void Observe_SameObservationTwice_NoOp()
    {
        var b = OrderBuilder.Mfn().Observe(Unshipped);
        var once = b.Order;

        b.Apply(b.Inputs[0]);

        Assert.Equal(DecisionKind.Ignored, b.Last.Kind);
        Assert.Same(once, b.Order);
        Assert.Empty(b.Last.NewEffects);
    }

    [Fact]
    public void Observe_OlderThanLastApplied_ChangesNothing()
    {
        var b = OrderBuilder.Mfn().Observe(Pending, OrderBuilder.PurchaseDate.AddMinutes(10));
        var before = b.Order;

        b.Observe(Unshipped, OrderBuilder.PurchaseDate.AddMinutes(5));

        Assert.Equal(DecisionKind.Ignored, b.Last.Kind);
        Assert.Same(before, b.Order);
    }

    [Theory]
    [InlineData(Pending)]
    [InlineData(PendingAvailability)]
    [InlineData(Unshipped)]
    public void Observe_NewerButLowerStatus_StatusNeverRegresses(AmazonOrderStatus lower)
    {
        var b = OrderBuilder.Mfn().In(OrderState.PartiallyShipped);
        var before = b.Order;

        b.Observe(lower);

        Assert.Equal(DecisionKind.Ignored, b.Last.Kind);
        Assert.Same(before, b.Order);
        Assert.Equal(PartiallyShipped, b.Order!.AmazonStatus);
    }

    [Fact]
    public void Observe_ChannelChanges_RefusedNamingField()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);
        var before = b.Order;
        var fba = new AmazonOrderSnapshot(b.Id, Shipped, FulfillmentChannel.Amazon, OrderBuilder.PurchaseDate, OrderBuilder.PurchaseDate.AddDays(1));

        b.Apply(new AmazonOrderObserved(fba));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Equal("FulfillmentChannel", b.Last.Refusal!.Field);
        Assert.Same(before, b.Order);
    }
}
