using AmazonFulfillment.Domain;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;
using static AmazonFulfillment.Domain.AmazonOrderStatus;

namespace AmazonFulfillment.Tests.Workflows;

/// <summary>docs/rules.md section 5: what each order setting does to the decisions.</summary>
public class OrderSettingsWorkflowTests
{
    [Fact]
    public void Settings_ImportOrdersOff_TrackedOnlyWithoutCommerceOrderOrCustomer()
    {
        var b = OrderBuilder.Mfn(s => { s.ImportOrders = false; s.CustomerCreation = CustomerCreation.CreateAccount; });

        b.Observe(Pending).Observe(Unshipped);
        Assert.Equal(OrderState.Unshipped, b.Order!.State);
        Assert.Equal(ChannelStatus.Unshipped, b.Order.ChannelStatus);

        b.Observe(PartiallyShipped).Observe(Shipped);
        Assert.Equal(OrderState.Shipped, b.Order!.State);
        Assert.Null(b.Order.CommerceOrder);
        Assert.Empty(b.Produced);
    }

    [Theory]
    [InlineData(PartiallyShipped, OrderState.PartiallyShipped)]
    [InlineData(Shipped, OrderState.Shipped)]
    public void Settings_ImportOrdersOff_FirstSeenLateTrackedOnly(AmazonOrderStatus status, OrderState expected)
    {
        var b = OrderBuilder.Mfn(s => s.ImportOrders = false).Observe(status);

        Assert.Equal(expected, b.Order!.State);
        Assert.Empty(b.Produced);
    }

    [Fact]
    public void Settings_ImportOrdersOff_ShipmentsRefused()
    {
        var b = OrderBuilder.Mfn(s => s.ImportOrders = false).Observe(Unshipped);
        var before = b.Order;

        b.Ship(1, (SpApi.ItemId, 1));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Contains("Seller Central", b.Last.Refusal!.Reason, StringComparison.Ordinal);
        Assert.Same(before, b.Order);
    }

    [Fact]
    public void Settings_ImportOrdersOff_CancellationsRefused()
    {
        var b = OrderBuilder.Mfn(s => s.ImportOrders = false).Observe(Unshipped);
        var before = b.Order;

        b.Apply(new MerchantCancelRequested(b.Id, "NoInventory"));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Contains("Seller Central", b.Last.Refusal!.Reason, StringComparison.Ordinal);
        Assert.Same(before, b.Order);
    }

    [Fact]
    public void Settings_ImportOrdersOff_FbaTrackedOnly()
    {
        var b = OrderBuilder.Fba(s => s.ImportOrders = false).Observe(Shipped);

        Assert.Equal(OrderState.Shipped, b.Order!.State);
        Assert.Empty(b.Produced);
    }

    [Fact]
    public void Settings_StoreView_OrderCreatedInStoreView()
    {
        var b = OrderBuilder.Mfn(s => s.StoreView = "amazon_us").Observe(Unshipped).RunEffects(out var ran);

        Assert.Equal("amazon_us", ran.OfType<CreateCommerceOrder>().Single().Request.StoreView);
    }

    [Fact]
    public void Settings_OrderNumberSourceAmazon_UsesAmazonId()
    {
        var b = OrderBuilder.Mfn(s => s.OrderNumberSource = OrderNumberSource.Amazon).Observe(Unshipped).RunEffects(out var ran);

        Assert.Equal(SpApi.MfnOrderId, ran.OfType<CreateCommerceOrder>().Single().Request.OrderNumber);
        Assert.Equal(SpApi.MfnOrderId, b.Order!.CommerceOrder!.OrderNumber);
    }

    [Fact]
    public void Settings_OrderNumberSourceCommerce_CommerceAssignsNumber()
    {
        OrderBuilder.Mfn().Observe(Unshipped).RunEffects(out var ran);

        Assert.Null(ran.OfType<CreateCommerceOrder>().Single().Request.OrderNumber);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Settings_ReserveInventory_MfnReservesAsConfigured(bool reserve)
    {
        OrderBuilder.Mfn(s => s.ReserveInventory = reserve).Observe(Unshipped).RunEffects(out var ran);

        var request = ran.OfType<CreateCommerceOrder>().Single().Request;
        Assert.Equal(reserve, request.ReserveInventory);
        Assert.True(request.RequireStock);
    }

    [Fact]
    public void Settings_ReserveInventory_FbaNeverReserves()
    {
        OrderBuilder.Fba(s => s.ReserveInventory = true).Observe(Shipped).RunEffects(out var ran);

        Assert.False(ran.OfType<CreateCommerceOrder>().Single().Request.ReserveInventory);
    }

    [Fact]
    public void Settings_NewOrderStatus_InitialStatusOfMfnOrders()
    {
        var b = OrderBuilder.Mfn(s => s.NewOrderStatus = "amazon_new").Observe(Unshipped).RunEffects(out var ran);

        Assert.Equal("amazon_new", ran.OfType<CreateCommerceOrder>().Single().Request.InitialStatus);
        Assert.Equal("amazon_new", b.Order!.CommerceOrder!.Status);
    }

    [Fact]
    public void Settings_NewOrderStatusUnset_CommerceDefault()
    {
        var b = OrderBuilder.Mfn().Observe(Unshipped).RunEffects(out var ran);

        Assert.Null(ran.OfType<CreateCommerceOrder>().Single().Request.InitialStatus);
        Assert.Equal(CommerceStatuses.Pending, b.Order!.CommerceOrder!.Status);
    }

    [Fact]
    public void Settings_ReadOnly_HoldsConfirmations()
    {
        var b = OrderBuilder.Mfn(s => s.ReadOnly = true).In(OrderState.Unshipped);

        b.ShipRemaining(1).RunEffects(out var ran);

        Assert.DoesNotContain(ran, e => e.ChangesAmazon);
        var held = Assert.Single(b.Order!.Outbox);
        Assert.True(held.Held);
        Assert.IsType<ConfirmShipment>(held.Effect);
        Assert.False(b.Order.HasRunnableWork);
        Assert.Equal(ConfirmationState.Pending, b.Order.Packages[0].Confirmation);
        Assert.Equal(CommerceStatuses.Complete, b.Order.CommerceOrder!.Status);
    }

    [Fact]
    public void Settings_ReadOnly_HoldsCancellations()
    {
        var b = OrderBuilder.Mfn(s => s.ReadOnly = true).In(OrderState.Unshipped);

        b.Apply(new MerchantCancelRequested(b.Id, "NoInventory")).RunEffects(out var ran);

        // Nothing runs: Amazon's cancellation is held, and Commerce is cancelled only after Amazon accepts.
        Assert.Empty(ran);
        var held = Assert.Single(b.Order!.Outbox);
        Assert.True(held.Held);
        Assert.IsType<CancelOnAmazon>(held.Effect);
        Assert.False(b.Order.CanceledOnAmazon);
        Assert.Equal(OrderState.Unshipped, b.Order.State);
        Assert.NotEqual(CommerceStatuses.Canceled, b.Order.CommerceOrder!.Status);
    }

    [Fact]
    public void Settings_ReadOnlyStillOn_SyncKeepsEffectsHeld()
    {
        var b = OrderBuilder.Mfn(s => s.ReadOnly = true).In(OrderState.Unshipped).Ship(1, (SpApi.ItemId, 1));
        var before = b.Order;

        b.Apply(new SyncCycleEnded(b.Id));

        Assert.NotEqual(DecisionKind.Applied, b.Last.Kind);
        Assert.Same(before, b.Order);
        Assert.All(b.Order!.Outbox, e => Assert.True(e.Held));
    }

    [Fact]
    public void Settings_ReadOnlyTurnedOff_SyncReleasesHeldEffects()
    {
        var b = OrderBuilder.Mfn(s => s.ReadOnly = true).In(OrderState.Unshipped);
        b.Ship(1, (SpApi.ItemId, 1)).RunEffects();
        b.Settings.ReadOnly = false;

        b.Apply(new SyncCycleEnded(b.Id));
        Assert.Equal(DecisionKind.Applied, b.Last.Kind);
        Assert.All(b.Order!.Outbox, e => Assert.False(e.Held));

        b.RunEffects(out var ran);
        Assert.IsType<ConfirmShipment>(Assert.Single(ran));
        Assert.Equal(ConfirmationState.Confirmed, b.Order!.Packages[0].Confirmation);
    }

    [Fact]
    public void Settings_ReadOnlyTurnedOff_ReleasesHeldCancellationOfCanceledOrder()
    {
        var b = OrderBuilder.Mfn(s => s.ReadOnly = true).In(OrderState.Unshipped);
        b.Apply(new MerchantCancelRequested(b.Id, "NoInventory")).RunEffects();
        b.Settings.ReadOnly = false;

        b.Apply(new SyncCycleEnded(b.Id)).RunEffects(out var ran);

        Assert.Equal([typeof(CancelOnAmazon), typeof(CancelCommerceOrder)], ran.Select(e => e.GetType()));
        Assert.True(b.Order!.CanceledOnAmazon);
        Assert.Equal(CommerceStatuses.Canceled, b.Order.CommerceOrder!.Status);
    }

    [Fact]
    public void Settings_MaxImportAttemptsOne_NoAutomaticRetry()
    {
        var b = OrderBuilder.Mfn(s => s.MaxImportAttempts = 1);
        b.CommerceRefusal = "Product NABetaASINB00551Q3CS is out of stock.";
        b.Observe(Unshipped).RunEffects();

        b.Apply(new SyncCycleEnded(b.Id));

        Assert.Equal(DecisionKind.Ignored, b.Last.Kind);
        Assert.Equal(OrderState.Blocked, b.Order!.State);
        Assert.Single(b.Produced.OfType<CreateCommerceOrder>());
    }

    [Fact]
    public void Settings_MaxImportAttemptsDefault_ThreeAutomaticAttempts()
    {
        var b = OrderBuilder.Mfn();
        b.CommerceRefusal = "Product NABetaASINB00551Q3CS is out of stock.";
        b.Observe(Unshipped).RunEffects();

        for (var i = 0; i < 5; i++)
        {
            b.Apply(new SyncCycleEnded(b.Id)).RunEffects();
        }

        Assert.Equal(3, b.Produced.OfType<CreateCommerceOrder>().Count());
        Assert.Equal(3, b.Order!.AutomaticImportAttempts);
    }
}
