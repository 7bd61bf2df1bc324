using AmazonFulfillment.Domain;

namespace AmazonFulfillment.SellingPartner.Tests.OrdersV0;

public sealed class OrdersV0ReaderGetOrdersTests
{
    private const string Token = "2YgYW55IGNhcm5hbCBwbGVhc3VyZS4";

    [Fact]
    public void ReadGetOrdersResponse_MfnUnshippedPage_MapsBothOrders()
    {
        var page = OrdersV0Reader.ReadGetOrdersResponse(Payloads.Example("v0_getOrders_response_mfn_unshipped.json"));

        Assert.Equal(["902-1845936-5435065", "902-8745147-1934268"], page.Orders.Select(o => o.Id.Value));
        foreach (var order in page.Orders)
        {
            Assert.Equal(AmazonOrderStatus.Unshipped, order.Status);
            Assert.Equal(FulfillmentChannel.Merchant, order.Channel);
            Assert.Equal(Money.Of(11.01m, "USD"), order.OrderTotal);
            Assert.Equal(MarketplaceId.Parse("ATVPDKIKX0DER"), order.MarketplaceId);
            Assert.Equal(new DateTimeOffset(1970, 1, 19, 3, 58, 30, TimeSpan.Zero), order.PurchaseDate);
            Assert.Equal(new DateTimeOffset(1970, 1, 19, 3, 58, 32, TimeSpan.Zero), order.LastUpdateDate);
            Assert.Equal(TimeSpan.Zero, order.LastUpdateDate.Offset);
            Assert.Null(order.Items);
            Assert.Null(order.Buyer);
            Assert.Null(order.ShippingAddress);
        }

        Assert.Null(page.NextToken);
        Assert.False(page.HasMorePages);
        Assert.Null(page.LastUpdatedBefore);
    }

    [Fact]
    public void ReadGetOrdersResponse_SandboxEpochCreatedBefore_ReadsEpochSeconds()
    {
        var page = OrdersV0Reader.ReadGetOrdersResponse(Payloads.ExampleText("v0_getOrders_response_mfn_unshipped.json"));

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_569_521_782_042), page.CreatedBefore);
    }

    [Fact]
    public void ReadGetOrdersResponse_FirstPageWithPendingOrder_ReturnsNextTokenAndNoTotal()
    {
        var page = OrdersV0Reader.ReadGetOrdersResponse(Payloads.Example("v0_getOrders_response_page1_nexttoken_pending.json"));

        Assert.Equal(Token, page.NextToken);
        Assert.True(page.HasMorePages);
        var order = Assert.Single(page.Orders);
        Assert.Equal("902-3159896-1390916", order.Id.Value);
        Assert.Equal(AmazonOrderStatus.Pending, order.Status);
        Assert.Equal(FulfillmentChannel.Merchant, order.Channel);
        Assert.Null(order.OrderTotal);
        Assert.Null(order.ShippingAddress);
        Assert.Equal(new DateTimeOffset(2017, 1, 20, 19, 49, 35, TimeSpan.Zero), order.PurchaseDate);
    }

    [Fact]
    public void ReadGetOrdersResponse_LastPage_HasNoNextToken()
    {
        var page = OrdersV0Reader.ReadGetOrdersResponse(Payloads.Example("v0_getOrders_response_page2_after_nexttoken.json"));

        Assert.Null(page.NextToken);
        Assert.False(page.HasMorePages);
        var order = Assert.Single(page.Orders);
        Assert.Equal("902-3159896-1390916", order.Id.Value);
        Assert.Equal(AmazonOrderStatus.Pending, order.Status);
    }

    [Fact]
    public void ReadGetOrdersResponse_MixedMfnAfnPage_MapsStatusesChannelsAndTotals()
    {
        var page = OrdersV0Reader.ReadGetOrdersResponse(Payloads.Example("v0_getOrders_response_mixed_mfn_afn_COMPOSITE.json"));

        Assert.Equal(
            [
                ("902-1845936-5435065", AmazonOrderStatus.Unshipped, FulfillmentChannel.Merchant, (Money?)Money.Of(11.01m, "USD"), "ATVPDKIKX0DER"),
                ("921-3175655-0452641", AmazonOrderStatus.Shipped, FulfillmentChannel.Amazon, Money.Of(100m, "EUR"), "A1PA6795UKMFR9"),
                ("902-3159896-1390916", AmazonOrderStatus.Pending, FulfillmentChannel.Merchant, null, "ATVPDKIKX0DER"),
            ],
            page.Orders.Select(o => (o.Id.Value, o.Status, o.Channel, o.OrderTotal, o.MarketplaceId!.Value.Value)));
        Assert.Equal(Token, page.NextToken);
    }

    [Fact]
    public void ReadGetOrdersResponse_EmptyNextToken_MeansLastPage()
    {
        var page = OrdersV0Reader.ReadGetOrdersResponse("""{"payload":{"Orders":[],"NextToken":""}}""");

        Assert.Empty(page.Orders);
        Assert.Null(page.NextToken);
    }

    [Fact]
    public void ReadGetOrdersResponse_IsoLastUpdatedBefore_IsRead()
    {
        var page = OrdersV0Reader.ReadGetOrdersResponse("""{"payload":{"Orders":[],"LastUpdatedBefore":"2024-12-25T06:45:00Z"}}""");

        Assert.Equal(new DateTimeOffset(2024, 12, 25, 6, 45, 0, TimeSpan.Zero), page.LastUpdatedBefore);
    }
}
