using AmazonFulfillment.Domain;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;
using static AmazonFulfillment.Domain.AmazonOrderStatus;

namespace AmazonFulfillment.Tests.Workflows;

/// <summary>docs/rules.md section 3, steps 1-4: an MFN order from Pending to its Commerce order.</summary>
public class MerchantFulfilledImportTests
{
    [Fact]
    public void Observe_PendingOrder_TrackedButNotVisible()
    {
        var b = OrderBuilder.Mfn().Observe(Pending);

        Assert.Equal(DecisionKind.Applied, b.Last.Kind);
        Assert.Equal(OrderState.Pending, b.Order!.State);
        Assert.Equal(ChannelStatus.Pending, b.Order.ChannelStatus);
        Assert.False(b.Order.VisibleInOrders);
        Assert.Null(b.Order.CommerceOrder);
        Assert.Empty(b.Order.Outbox);
    }

    [Fact]
    public void Observe_PendingAvailabilityPreOrder_TrackedAsPendingAvailability()
    {
        var b = OrderBuilder.Mfn().Observe(PendingAvailability);

        Assert.Equal(OrderState.Pending, b.Order!.State);
        Assert.Equal(ChannelStatus.PendingAvailability, b.Order.ChannelStatus);
        Assert.False(b.Order.VisibleInOrders);
        Assert.Empty(b.Order.Outbox);
    }

    [Fact]
    public void Observe_PendingWithoutPriceAddressOrEmail_TrackedWithoutThem()
    {
        var b = OrderBuilder.Mfn().Observe(Pending);

        Assert.Null(b.Order!.OrderTotal);
        Assert.Null(b.Order.Buyer);
        Assert.Null(b.Order.ShippingAddress);
    }

    [Fact]
    public void Observe_PendingThenUnshipped_VisibleAndFetchesItemsOnce()
    {
        var b = OrderBuilder.Mfn().Observe(Pending).Observe(Unshipped);

        Assert.Equal(OrderState.Importing, b.Order!.State);
        Assert.True(b.Order.VisibleInOrders);
        Assert.Equal(ChannelStatus.Unshipped, b.Order.ChannelStatus);
        var fetch = Assert.IsType<FetchOrderItems>(Assert.Single(b.Last.NewEffects));
        Assert.Equal(Unshipped, fetch.ForStatus);
    }

    [Fact]
    public void Create_ItemsFetched_RequestCarriesUnitPricesFromLineTotals()
    {
        var b = OrderBuilder.Mfn().Observe(Unshipped);
        b.Apply(b.OutcomeOf(b.Pending<FetchOrderItems>().Single()));

        var create = Assert.IsType<CreateCommerceOrder>(Assert.Single(b.Last.NewEffects));
        var request = create.Request;
        Assert.Equal(b.Id, request.AmazonOrderId);
        Assert.Equal(FulfillmentChannel.Merchant, request.Channel);
        Assert.Equal(2, request.Lines.Length);
        Assert.Equal(Sku.Parse(SpApi.Sku), request.Lines[0].Sku);
        Assert.Equal(2, request.Lines[0].Quantity);
        Assert.Equal(SpApi.Money("10.00"), request.Lines[0].UnitPrice);
        Assert.Equal(SpApi.Money("9.99"), request.Lines[1].UnitPrice);
        Assert.Equal(SpApi.Money("29.99"), request.Total);
        Assert.Equal(OrderBuilder.PurchaseDate, request.PurchaseDate);
        Assert.Equal(SpApi.Address, request.ShippingAddress);
        Assert.Equal(SpApi.BuyerEmail, request.Buyer!.Email);
    }

    [Fact]
    public void Create_CommerceOrderCreated_UnshippedWithOutboxEmpty()
    {
        var b = OrderBuilder.Mfn().Observe(Unshipped).RunEffects();

        Assert.Equal(OrderState.Unshipped, b.Order!.State);
        Assert.Equal(ChannelStatus.Unshipped, b.Order.ChannelStatus);
        Assert.Equal(new CommerceOrderRef("1001", "000000123", CommerceStatuses.Pending), b.Order.CommerceOrder);
        Assert.Empty(b.Order.Outbox);
        Assert.Null(b.Order.Error);
        Assert.Single(b.Produced.OfType<CreateCommerceOrder>());
    }

    [Theory]
    [InlineData("SKU NABetaASINB00551Q3CS is unknown to Commerce.")]
    [InlineData("Product NABetaASINB00551Q3CS is disabled.")]
    [InlineData("Product NABetaASINB00551Q3CS is out of stock.")]
    public void Create_CommerceRefuses_BlockedWithReasonVisible(string reason)
    {
        var b = OrderBuilder.Mfn();
        b.CommerceRefusal = reason;
        b.Observe(Unshipped).RunEffects();

        Assert.Equal(OrderState.Blocked, b.Order!.State);
        Assert.Equal(ChannelStatus.Error, b.Order.ChannelStatus);
        Assert.Equal(reason, b.Order.Error);
        Assert.Null(b.Order.CommerceOrder);
        Assert.Empty(b.Order.Outbox);
    }

    [Fact]
    public void Create_OutOfStock_BlocksWithReasonAndRetriesUpToMaxImportAttempts()
    {
        var b = OrderBuilder.Mfn(s => s.MaxImportAttempts = 3);
        b.CommerceRefusal = "Product NABetaASINB00551Q3CS is out of stock.";
        b.Observe(Unshipped).RunEffects();
        Assert.Equal(1, b.Order!.AutomaticImportAttempts);

        for (var attempt = 2; attempt <= 3; attempt++)
        {
            b.Apply(new SyncCycleEnded(b.Id));
            Assert.Equal(DecisionKind.Applied, b.Last.Kind);
            Assert.Equal(OrderState.Importing, b.Order!.State);
            Assert.IsType<CreateCommerceOrder>(Assert.Single(b.Last.NewEffects));
            b.RunEffects();
            Assert.Equal(OrderState.Blocked, b.Order!.State);
            Assert.Equal(attempt, b.Order.AutomaticImportAttempts);
            Assert.Equal(b.CommerceRefusal, b.Order.Error);
        }

        b.Apply(new SyncCycleEnded(b.Id));
        Assert.Equal(DecisionKind.Ignored, b.Last.Kind);
        Assert.Equal(OrderState.Blocked, b.Order!.State);
        Assert.Equal(b.CommerceRefusal, b.Order.Error);
        Assert.Equal(3, b.Produced.OfType<CreateCommerceOrder>().Count());
        Assert.Single(b.Produced.OfType<FetchOrderItems>());
    }

    [Fact]
    public void Retry_AfterAttemptCap_AlwaysAllowedAndNotCounted()
    {
        var b = OrderBuilder.Mfn(s => s.MaxImportAttempts = 1);
        b.CommerceRefusal = "Product NABetaASINB00551Q3CS is out of stock.";
        b.Observe(Unshipped).RunEffects();

        b.Apply(new RetryRequested(b.Id)).RunEffects();
        b.Apply(new RetryRequested(b.Id));
        Assert.Equal(DecisionKind.Applied, b.Last.Kind);
        Assert.Equal(OrderState.Importing, b.Order!.State);
        Assert.Equal(1, b.Order.AutomaticImportAttempts);
        Assert.Equal(3, b.Order.ImportAttempts);

        b.CommerceRefusal = null;
        b.RunEffects();
        Assert.Equal(OrderState.Unshipped, b.Order!.State);
        Assert.Null(b.Order.Error);
    }

    [Fact]
    public void Blocked_SameObservationRedelivered_NoOpNotARetry()
    {
        var b = OrderBuilder.Mfn();
        b.CommerceRefusal = "Product NABetaASINB00551Q3CS is out of stock.";
        b.Observe(Unshipped).RunEffects();
        var blocked = b.Order;
        var observation = b.Inputs.OfType<AmazonOrderObserved>().Single();

        b.Apply(observation);

        Assert.Equal(DecisionKind.Ignored, b.Last.Kind);
        Assert.Same(blocked, b.Order);
        Assert.Equal(1, b.Order!.AutomaticImportAttempts);
    }

    [Fact]
    public void Blocked_NewerObservation_RetriesWithoutRefetchingItems()
    {
        var b = OrderBuilder.Mfn();
        b.CommerceRefusal = "Product NABetaASINB00551Q3CS is out of stock.";
        b.Observe(Unshipped).RunEffects();

        b.Observe(Unshipped);

        Assert.Equal(OrderState.Importing, b.Order!.State);
        Assert.Equal(2, b.Order.AutomaticImportAttempts);
        Assert.IsType<CreateCommerceOrder>(Assert.Single(b.Last.NewEffects));
    }

    [Fact]
    public void Blocked_NewerObservationAtAttemptCap_StaysBlocked()
    {
        var b = OrderBuilder.Mfn(s => s.MaxImportAttempts = 1);
        b.CommerceRefusal = "Product NABetaASINB00551Q3CS is out of stock.";
        b.Observe(Unshipped).RunEffects();

        b.Observe(Unshipped);

        Assert.Equal(OrderState.Blocked, b.Order!.State);
        Assert.Empty(b.Last.NewEffects);
        Assert.Equal(1, b.Order.AutomaticImportAttempts);
    }

    [Theory]
    [InlineData(OrderState.Pending)]
    [InlineData(OrderState.Unshipped)]
    [InlineData(OrderState.Shipped)]
    [InlineData(OrderState.Canceled)]
    public void Retry_WhenNotBlocked_Refused(OrderState state)
    {
        var b = OrderBuilder.Mfn().In(state);
        var before = b.Order;

        b.Apply(new RetryRequested(b.Id));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Same(before, b.Order);
    }

    [Fact]
    public void Retry_WhileImporting_IgnoredAsImportIsUnderWay()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Importing);
        var before = b.Order;

        b.Apply(new RetryRequested(b.Id));

        Assert.Equal(DecisionKind.Ignored, b.Last.Kind);
        Assert.Same(before, b.Order);
    }

    [Fact]
    public void Customer_CreateAccount_ResolvedByEmailBeforeCreation()
    {
        var b = OrderBuilder.Mfn(s => s.CustomerCreation = CustomerCreation.CreateAccount).Observe(Unshipped).RunEffects(out var ran);

        var resolve = Assert.Single(ran.OfType<ResolveCustomer>());
        Assert.Equal(SpApi.BuyerEmail, resolve.Email);
        Assert.Equal(SpApi.BuyerName, resolve.Name);
        Assert.True(ran.ToList().IndexOf(resolve) < ran.ToList().FindIndex(e => e is CreateCommerceOrder));
        Assert.Equal("42", ran.OfType<CreateCommerceOrder>().Single().Request.CustomerId);
        Assert.Equal(new CustomerRef(CustomerKind.Account, "42"), b.Order!.Customer);
    }

    [Fact]
    public void Customer_Guest_NoCustomerCreated()
    {
        var b = OrderBuilder.Mfn().Observe(Unshipped).RunEffects(out var ran);

        Assert.DoesNotContain(ran, e => e is ResolveCustomer);
        Assert.Null(ran.OfType<CreateCommerceOrder>().Single().Request.CustomerId);
        Assert.Equal(CustomerRef.Guest, b.Order!.Customer);
    }

    [Fact]
    public void Customer_CreateAccountWithoutEmail_PlacedAsGuest()
    {
        var b = OrderBuilder.Mfn(s => s.CustomerCreation = CustomerCreation.CreateAccount);
        b.Buyer = new BuyerInfo(null, SpApi.BuyerName);
        b.Observe(Unshipped).RunEffects(out var ran);

        Assert.DoesNotContain(ran, e => e is ResolveCustomer);
        Assert.Equal(OrderState.Unshipped, b.Order!.State);
        Assert.Equal(CustomerRef.Guest, b.Order.Customer);
    }

    [Fact]
    public void Customer_CreateAccountWithRestrictedBuyerInfo_PlacedAsGuest()
    {
        var b = OrderBuilder.Mfn(s => s.CustomerCreation = CustomerCreation.CreateAccount);
        b.Buyer = null;
        b.Observe(Unshipped).RunEffects(out var ran);

        Assert.DoesNotContain(ran, e => e is ResolveCustomer);
        Assert.Equal(OrderState.Unshipped, b.Order!.State);
        Assert.Equal(CustomerRef.Guest, b.Order.Customer);
    }

    [Fact]
    public void Create_LateDuplicateCreatedOutcome_IgnoredSoOneCommerceOrder()
    {
        var b = OrderBuilder.Mfn().Observe(Unshipped).RunEffects();
        var created = b.Inputs.OfType<CommerceOrderCreated>().Single();
        var before = b.Order;

        b.Apply(created);

        Assert.Equal(DecisionKind.Ignored, b.Last.Kind);
        Assert.Same(before, b.Order);
    }
}
