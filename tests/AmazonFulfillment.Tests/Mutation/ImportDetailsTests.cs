using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;
using static AmazonFulfillment.Domain.AmazonOrderStatus;

namespace AmazonFulfillment.Tests.Mutation;

/// <summary>
/// Details of the import (docs/rules.md section 3 step 3) and of untrusted port answers (docs/rules.md section 3a): what the Commerce order request
/// carries when Amazon leaves something out, and the reasons a blocked import shows.
/// </summary>
public class ImportDetailsTests
{
    [Fact]
    public void NoOrderTotal_RequestTotalIsTheSumOfTheLineTotals()
    {
        var b = OrderBuilder.Mfn();

        b.Apply(new AmazonOrderObserved(Bare(b, Unshipped, b.Now))).RunEffects(out var ran);

        Assert.Equal(SpApi.Money("29.99"), ran.OfType<CreateCommerceOrder>().Single().Request.Total);
    }

    [Fact]
    public void NoOrderTotal_LinesInTwoCurrencies_RequestHasNoTotal()
    {
        var b = OrderBuilder.Mfn();
        b.Lines = [(SpApi.ItemId, SpApi.Sku, 2, "20.00"), (SpApi.SecondItemId, SpApi.SecondSku, 1, "9.99")];
        b.Apply(new AmazonOrderObserved(Bare(b, Unshipped, b.Now)));
        var fetch = b.Pending<FetchOrderItems>().Single();
        var items = b.AmazonItems(fetch.ForStatus);
        var mixed = items.SetItem(1, new AmazonOrderItem(items[1].OrderItemId, items[1].Sku, 1, 0, SpApi.Money("9.99", "EUR")));

        b.Apply(new OrderItemsFetched(b.Id, fetch.ForStatus, mixed)).RunEffects(out var ran);

        var request = ran.OfType<CreateCommerceOrder>().Single().Request;
        Assert.Null(request.Total);
        Assert.Equal(SpApi.Money("9.99", "EUR"), request.Lines[1].UnitPrice);
    }

    [Fact]
    public void NoOrderTotal_LineWithoutPrice_RequestHasNoTotal()
    {
        var b = OrderBuilder.Mfn();
        b.Apply(new AmazonOrderObserved(Bare(b, Unshipped, b.Now)));
        var fetch = b.Pending<FetchOrderItems>().Single();
        var items = b.AmazonItems(fetch.ForStatus);
        var unpriced = items.SetItem(0, new AmazonOrderItem(items[0].OrderItemId, items[0].Sku, 2, 0, null));

        b.Apply(new OrderItemsFetched(b.Id, fetch.ForStatus, unpriced)).RunEffects(out var ran);

        var request = ran.OfType<CreateCommerceOrder>().Single().Request;
        Assert.Null(request.Total);
        Assert.Null(request.Lines[0].UnitPrice);
    }

    [Fact]
    public void LineWithNothingOrdered_NotInTheCommerceOrder()
    {
        var b = OrderBuilder.Mfn();
        b.Lines = [(SpApi.ItemId, SpApi.Sku, 0, "0.00"), (SpApi.SecondItemId, SpApi.SecondSku, 1, "9.99")];

        b.Observe(Unshipped).RunEffects(out var ran);

        var line = Assert.Single(ran.OfType<CreateCommerceOrder>().Single().Request.Lines);
        Assert.Equal(Sku.Parse(SpApi.SecondSku), line.Sku);
        Assert.Equal(1, line.Quantity);
    }

    [Fact]
    public void NewerObservationWithoutDetails_KeepsWhatAmazonReportedBefore()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);

        b.Apply(new AmazonOrderObserved(Bare(b, Unshipped, b.Order!.LastUpdateDate.AddMinutes(1))));

        Assert.Equal(SpApi.MarketplaceUs, b.Order!.MarketplaceId!.Value.Value);
        Assert.Equal(SpApi.Money("29.99"), b.Order.OrderTotal);
        b.Ship(1, (SpApi.ItemId, 1));
        Assert.Equal(SpApi.MarketplaceUs, b.Pending<ConfirmShipment>().Single().MarketplaceId!.Value.Value);
    }

    [Fact]
    public void NewerObservationWithoutBuyer_KeepsTheBuyerForTheCustomer()
    {
        var b = OrderBuilder.Mfn(s => s.CustomerCreation = CustomerCreation.CreateAccount).Observe(Unshipped);

        b.Apply(new AmazonOrderObserved(Bare(b, Unshipped, b.Order!.LastUpdateDate.AddMinutes(1))));

        Assert.Equal(SpApi.BuyerEmail, b.Order!.Buyer!.Email);
        Assert.Equal(SpApi.Address, b.Order.ShippingAddress);
        b.RunEffects(out var ran);
        Assert.Equal(SpApi.BuyerEmail, ran.OfType<ResolveCustomer>().Single().Email);
        Assert.Equal(SpApi.BuyerName, ran.OfType<ResolveCustomer>().Single().Name);
    }

    [Fact]
    public void CustomerResolvedWithoutId_RefusedNamingTheField()
    {
        var b = OrderBuilder.Mfn(s => s.CustomerCreation = CustomerCreation.CreateAccount).Observe(Unshipped);
        b.Apply(b.OutcomeOf(b.Pending<FetchOrderItems>().Single()));
        Assert.Single(b.Pending<ResolveCustomer>());

        b.Apply(new CustomerResolved(b.Id, " "));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Equal("CustomerId", b.Last.Refusal!.Field);
        Assert.Single(b.Pending<ResolveCustomer>());
    }

    [Theory]
    [InlineData("", "000000123", CommerceStatuses.Pending)]
    [InlineData("1001", " ", CommerceStatuses.Pending)]
    [InlineData("1001", "000000123", "")]
    public void CommerceOrderCreatedWithoutIdNumberOrStatus_Refused(string id, string number, string status)
    {
        var b = ToCreation();

        b.Apply(new CommerceOrderCreated(b.Id, id, number, status));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Equal("CommerceOrderId", b.Last.Refusal!.Field);
        Assert.Null(b.Order!.CommerceOrder);
        Assert.Single(b.Pending<CreateCommerceOrder>());
    }

    [Fact]
    public void CommerceRefusesWithoutReason_BlockedWithAReasonAnyway()
    {
        var b = ToCreation();

        b.Apply(new CommerceOrderRefused(b.Id, " "));

        Assert.Equal(OrderState.Blocked, b.Order!.State);
        Assert.Equal(ChannelStatus.Error, b.Order.ChannelStatus);
        Assert.Equal("Commerce refused the order without a reason.", b.Order.Error);
        Assert.Equal(ProblemCodes.ImportRefusedByCommerce, b.Order.ErrorCode);
    }

    [Fact]
    public void CreationFailsPermanentlyWithoutReason_BlockedAndRecorded()
    {
        var b = ToCreation();
        var create = b.Pending<CreateCommerceOrder>().Single();

        b.Apply(new EffectFailed(b.Id, create.IdempotencyKey, ""));

        Assert.Equal(OrderState.Blocked, b.Order!.State);
        Assert.Equal("failed permanently.", b.Order.Error);
        var failure = Assert.Single(b.Order.Failures);
        Assert.Equal(create.IdempotencyKey, failure.IdempotencyKey);
        Assert.Equal("failed permanently.", failure.Reason);
        Assert.Equal(b.Now, failure.At);
        Assert.Empty(b.Order.Outbox);
    }

    [Fact]
    public void ItemsFetchFailsPermanently_BlockedWithTheReason()
    {
        var b = OrderBuilder.Mfn().Observe(Unshipped);
        var fetch = b.Pending<FetchOrderItems>().Single();

        b.Apply(new EffectFailed(b.Id, fetch.IdempotencyKey, "Order not found."));

        Assert.Equal(OrderState.Blocked, b.Order!.State);
        Assert.Equal("Order not found.", b.Order.Error);
    }

    [Fact]
    public void PortAnswersWithoutAList_Refused()
    {
        var b = OrderBuilder.Mfn().Observe(Unshipped);

        b.Apply(new OrderItemsFetched(b.Id, Unshipped, default));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Equal("Items", b.Last.Refusal!.Field);
        Assert.Single(b.Pending<FetchOrderItems>());
    }

    [Fact]
    public void PortListsALineTwice_RefusedNotDoubled()
    {
        var b = OrderBuilder.Mfn().Observe(Unshipped);
        var items = b.AmazonItems(Unshipped);

        b.Apply(new OrderItemsFetched(b.Id, Unshipped, [items[0], items[1], items[0]]));

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        Assert.Equal("Items.OrderItemId", b.Last.Refusal!.Field);
        Assert.Contains(SpApi.ItemId, b.Last.Refusal.Reason, StringComparison.Ordinal);
        Assert.Empty(b.Order!.Items);
    }

    [Fact]
    public void PortListsAMissingLine_RefusedNamingThePosition()
    {
        var b = OrderBuilder.Mfn().Observe(Unshipped);
        var items = b.AmazonItems(Unshipped);

        b.Apply(new OrderItemsFetched(b.Id, Unshipped, [items[0], null!]));

        Assert.Equal("Items", b.Last.Refusal!.Field);
        Assert.Contains("position 1", b.Last.Refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ItemsForAnotherStatus_LateDuplicateIgnored()
    {
        var b = OrderBuilder.Mfn().Observe(Unshipped);

        b.Apply(new OrderItemsFetched(b.Id, Shipped, b.AmazonItems(Shipped)));

        Assert.Equal(DecisionKind.Ignored, b.Last.Kind);
        Assert.Single(b.Pending<FetchOrderItems>());
    }

    private static OrderBuilder ToCreation()
    {
        var b = OrderBuilder.Mfn().Observe(Unshipped);
        b.Apply(b.OutcomeOf(b.Pending<FetchOrderItems>().Single()));
        Assert.Single(b.Pending<CreateCommerceOrder>());
        return b;
    }

    // An observation with only what every getOrders entry has: no marketplace, total, buyer or address.
    private static AmazonOrderSnapshot Bare(OrderBuilder b, AmazonOrderStatus status, DateTimeOffset lastUpdate) =>
        new(b.Id, status, b.Channel, OrderBuilder.PurchaseDate, lastUpdate);
}
