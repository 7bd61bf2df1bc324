using AmazonFulfillment.Domain;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;
using static AmazonFulfillment.Domain.AmazonOrderStatus;

namespace AmazonFulfillment.Tests.Workflows;

/// <summary>docs/rules.md section 4: FBA orders are ignored until Shipped, then imported complete; nothing goes back to Amazon.</summary>
public class AmazonFulfilledWorkflowTests
{
    [Theory]
    [InlineData(PendingAvailability)]
    [InlineData(Pending)]
    [InlineData(Unshipped)]
    [InlineData(PartiallyShipped)]
    [InlineData(Canceled)]
    [InlineData(Unfulfillable)]
    public void Observe_FbaBeforeShipped_NotTracked(AmazonOrderStatus status)
    {
        var b = OrderBuilder.Fba().Observe(status);

        Assert.Equal(DecisionKind.Ignored, b.Last.Kind);
        Assert.Null(b.Order);
        Assert.Empty(b.Last.NewEffects);
    }

    [Fact]
    public void Observe_FbaCanceledBeforeShipping_NeverSeen()
    {
        var b = OrderBuilder.Fba().Observe(Pending).Observe(Unshipped).Observe(Canceled);

        Assert.Null(b.Order);
        Assert.Empty(b.Produced);
    }

    [Theory]
    [InlineData(Shipped)]
    [InlineData(InvoiceUnconfirmed)]
    public void Observe_FbaShipped_ImportedCompleteWithoutReservingOrCheckingStock(AmazonOrderStatus status)
    {
        var b = OrderBuilder.Fba(s => { s.ReserveInventory = true; s.NewOrderStatus = "pending"; }).Observe(Pending).Observe(status);

        Assert.Equal(OrderState.Importing, b.Order!.State);
        b.RunEffects(out var ran);

        var request = ran.OfType<CreateCommerceOrder>().Single().Request;
        Assert.Equal(CommerceStatuses.Complete, request.InitialStatus);
        Assert.False(request.ReserveInventory);
        Assert.False(request.RequireStock);
        Assert.Equal(FulfillmentChannel.Amazon, request.Channel);
        Assert.Equal(OrderState.Shipped, b.Order!.State);
        Assert.Equal(ChannelStatus.Shipped, b.Order.ChannelStatus);
        Assert.Equal(CommerceStatuses.Complete, b.Order.CommerceOrder!.Status);
        Assert.DoesNotContain(b.Produced, e => e.ChangesAmazon);
        Assert.Empty(b.Order.Outbox);
    }

    [Fact]
    public void Create_FbaUnknownSku_BlocksLikeMfnAndRetryImports()
    {
        var b = OrderBuilder.Fba();
        b.CommerceRefusal = "SKU NABetaASINB00551Q3CS is unknown to Commerce.";
        b.Observe(Shipped).RunEffects();

        Assert.Equal(OrderState.Blocked, b.Order!.State);
        Assert.Equal(ChannelStatus.Error, b.Order.ChannelStatus);
        Assert.Equal(b.CommerceRefusal, b.Order.Error);

        b.CommerceRefusal = null;
        b.Apply(new RetryRequested(b.Id)).RunEffects();
        Assert.Equal(OrderState.Shipped, b.Order!.State);
    }

    [Fact]
    public void Settings_ImportFbaOrdersOff_TrackedShippedWithoutCommerceOrder()
    {
        var b = OrderBuilder.Fba(s => s.ImportFbaOrders = false).Observe(Shipped);

        Assert.Equal(OrderState.Shipped, b.Order!.State);
        Assert.Equal(ChannelStatus.Shipped, b.Order.ChannelStatus);
        Assert.Null(b.Order.CommerceOrder);
        Assert.Empty(b.Produced);
    }

    [Fact]
    public void Settings_ImportFbaOrdersOff_MfnStillImported()
    {
        var b = OrderBuilder.Mfn(s => s.ImportFbaOrders = false).Observe(Unshipped).RunEffects();

        Assert.Equal(OrderState.Unshipped, b.Order!.State);
        Assert.NotNull(b.Order.CommerceOrder);
    }

    [Fact]
    public void Ship_FbaOrder_Refused()
    {
        var b = OrderBuilder.Fba().In(OrderState.Shipped);
        var before = b.Order;

        b.Ship(1, (SpApi.ItemId, 1));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Same(before, b.Order);
    }

    [Fact]
    public void MerchantCancel_FbaOrder_Refused()
    {
        var b = OrderBuilder.Fba().In(OrderState.Shipped);
        var before = b.Order;

        b.Apply(new MerchantCancelRequested(b.Id, "NoInventory"));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Same(before, b.Order);
    }

    [Fact]
    public void Customer_FbaWithoutEmail_PlacedAsGuest()
    {
        var b = OrderBuilder.Fba(s => s.CustomerCreation = CustomerCreation.CreateAccount);
        b.Buyer = null;

        b.Observe(Shipped).RunEffects();

        Assert.Equal(OrderState.Shipped, b.Order!.State);
        Assert.Equal(CustomerRef.Guest, b.Order.Customer);
    }

    [Theory]
    [InlineData(Canceled)]
    [InlineData(Unfulfillable)]
    [InlineData(Unshipped)]
    public void Observe_FbaAfterShipped_LaterStatusesIgnored(AmazonOrderStatus status)
    {
        var b = OrderBuilder.Fba().In(OrderState.Shipped);
        var before = b.Order;

        b.Observe(status);

        Assert.Equal(DecisionKind.Ignored, b.Last.Kind);
        Assert.Same(before, b.Order);
    }
}
