using AmazonFulfillment.Domain;

namespace AmazonFulfillment.SellingPartner.Tests.OrdersV0;

public sealed class OrdersV0ReaderGetOrderTests
{
    [Fact]
    public void ReadGetOrderResponse_AfnShippedBusinessOrder_MapsSnapshot()
    {
        var order = OrdersV0Reader.ReadGetOrderResponse(Payloads.Example("v0_getOrder_response_afn_shipped_business_de.json"));

        Assert.Equal("921-3175655-0452641", order.Id.Value);
        Assert.Equal(AmazonOrderStatus.Shipped, order.Status);
        Assert.Equal(FulfillmentChannel.Amazon, order.Channel);
        Assert.Equal(Money.Of(100.00m, "EUR"), order.OrderTotal);
        Assert.Equal(MarketplaceId.Parse("A1PA6795UKMFR9"), order.MarketplaceId);
        Assert.Equal(new DateTimeOffset(2019, 5, 7, 15, 42, 57, 58, TimeSpan.Zero), order.PurchaseDate);
        Assert.Equal(new DateTimeOffset(2019, 5, 8, 21, 59, 59, TimeSpan.Zero), order.LastUpdateDate);
        Assert.Null(order.Items);
        Assert.Null(order.Buyer);
    }

    [Fact]
    public void ReadGetOrderResponse_JsonText_MatchesElementReading()
    {
        var file = "v0_getOrder_response_afn_shipped_business_de.json";

        Assert.Equal(
            OrdersV0Reader.ReadGetOrderResponse(Payloads.Example(file)),
            OrdersV0Reader.ReadGetOrderResponse(Payloads.ExampleText(file)));
    }

    [Fact]
    public void ReadOrder_OrderWithBuyerInfoAndAddress_MapsRestrictedData()
    {
        var json = """
            {"AmazonOrderId":"902-1845936-5435065","PurchaseDate":"2024-01-02T03:04:05Z","LastUpdateDate":"2024-01-02T04:04:05+01:00",
             "OrderStatus":"Unshipped","FulfillmentChannel":"MFN",
             "BuyerInfo":{"BuyerEmail":"abc@marketplace.amazon.com","BuyerName":"Jane Buyer"},
             "ShippingAddress":{"Name":"Jane Buyer","AddressLine1":"1 Main St","City":"Seattle","StateOrRegion":"WA","PostalCode":"98121","CountryCode":"US","Phone":"+1 555"}}
            """;

        var order = OrdersV0Reader.ReadOrder(json);

        Assert.Equal(new BuyerInfo("abc@marketplace.amazon.com", "Jane Buyer"), order.Buyer);
        Assert.Equal(new ShippingAddress("Jane Buyer", "1 Main St", null, null, "Seattle", "WA", "98121", "US", "+1 555"), order.ShippingAddress);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), order.LastUpdateDate);
        Assert.Equal(TimeSpan.Zero, order.LastUpdateDate.Offset);
    }

    [Fact]
    public void ReadOrder_ShipByWindow_ReadInUtc_ADeadlineBeforeTheWindowOpensRefusedNamingTheField()
    {
        var order = V0Orders.Unshipped();
        order["EarliestShipDate"] = "2026-11-20T09:00:00+01:00";
        order["LatestShipDate"] = "2026-11-22T23:59:59Z";

        var snapshot = OrdersV0Reader.ReadOrder(order.ToElement());

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero), snapshot.EarliestShipDate);
        Assert.Equal(TimeSpan.Zero, snapshot.EarliestShipDate!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 23, 59, 59, TimeSpan.Zero), snapshot.LatestShipDate);

        order["LatestShipDate"] = "2026-11-19T00:00:00Z";
        var error = Assert.Throws<SellingPartnerFormatException>(() => OrdersV0Reader.ReadOrder(order.ToElement()));
        Assert.Equal("LatestShipDate", error.Field);

        order.Remove("EarliestShipDate");
        order.Remove("LatestShipDate");
        Assert.Null(OrdersV0Reader.ReadOrder(order.ToElement()).LatestShipDate);
    }

    [Fact]
    public void ReadOrder_EmptyBuyerInfo_GivesNoBuyer()
    {
        var json = """
            {"AmazonOrderId":"902-1845936-5435065","PurchaseDate":"2024-01-02T03:04:05Z","LastUpdateDate":"2024-01-02T03:04:05Z",
             "OrderStatus":"Shipped","FulfillmentChannel":"AFN","BuyerInfo":{},"ShippingAddress":{}}
            """;

        var order = OrdersV0Reader.ReadOrder(json);

        Assert.Null(order.Buyer);
        Assert.Null(order.ShippingAddress);
    }

    [Theory]
    [InlineData("PendingAvailability", AmazonOrderStatus.PendingAvailability)]
    [InlineData("Pending", AmazonOrderStatus.Pending)]
    [InlineData("Unshipped", AmazonOrderStatus.Unshipped)]
    [InlineData("PartiallyShipped", AmazonOrderStatus.PartiallyShipped)]
    [InlineData("Shipped", AmazonOrderStatus.Shipped)]
    [InlineData("InvoiceUnconfirmed", AmazonOrderStatus.InvoiceUnconfirmed)]
    [InlineData("Canceled", AmazonOrderStatus.Canceled)]
    [InlineData("Unfulfillable", AmazonOrderStatus.Unfulfillable)]
    public void ReadOrder_EachOrderStatus_MapsToDomainStatus(string wire, AmazonOrderStatus expected)
    {
        var order = V0Orders.Unshipped();
        order["OrderStatus"] = wire;

        Assert.Equal(expected, OrdersV0Reader.ReadOrder(order.ToElement()).Status);
    }

    [Theory]
    [InlineData("MFN", FulfillmentChannel.Merchant)]
    [InlineData("AFN", FulfillmentChannel.Amazon)]
    public void ReadOrder_EachFulfillmentChannel_MapsToDomainChannel(string wire, FulfillmentChannel expected)
    {
        var order = V0Orders.Unshipped();
        order["FulfillmentChannel"] = wire;

        Assert.Equal(expected, OrdersV0Reader.ReadOrder(order.ToElement()).Channel);
    }
}
