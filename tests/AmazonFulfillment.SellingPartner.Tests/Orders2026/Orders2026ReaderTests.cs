using System.Text.Json.Nodes;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.SellingPartner.Tests.Orders2026;

public sealed class Orders2026ReaderTests
{
    [Fact]
    public void ReadSearchOrdersResponse_AmazonShippedJapanPage_MapsOrderItemsAndToken()
    {
        var page = Orders2026Reader.ReadSearchOrdersResponse(Payloads.Example("v2026_searchOrders_response_0.json"));

        Assert.Equal("2YgYW55IGNhcm5hbCBwbGVhc3VyZS4", page.NextToken);
        Assert.True(page.HasMorePages);
        Assert.Equal(new DateTimeOffset(2024, 12, 25, 3, 0, 0, TimeSpan.Zero), page.CreatedBefore);
        var order = Assert.Single(page.Orders);
        Assert.Equal("250-1234567-8901234", order.Id.Value);
        Assert.Equal(AmazonOrderStatus.Shipped, order.Status);
        Assert.Equal(FulfillmentChannel.Amazon, order.Channel);
        Assert.Equal(new DateTimeOffset(2024, 12, 25, 2, 30, 0, TimeSpan.Zero), order.PurchaseDate);
        Assert.Equal(new DateTimeOffset(2024, 12, 25, 6, 45, 0, TimeSpan.Zero), order.LastUpdateDate);
        Assert.Equal(MarketplaceId.Parse("A1VC38T7YXB528"), order.MarketplaceId);
        Assert.Equal(Money.Of(19940m, "JPY"), order.OrderTotal);
        Assert.Equal(new BuyerInfo("buyer-email@marketplace.amazon.co.jp", "John Smith"), order.Buyer);
        Assert.Equal(new ShippingAddress("John Smith", "123 Business Park", "Suite 456", null, "Tokyo", null, "150-0002", "JP", null), order.ShippingAddress);
        Assert.Equal(
            [
                ("25012345678901", "ECHO-DOT-4-JP-CHARCOAL", 1, 1, Money.Of(5980m, "JPY"), false),
                ("25012345678902", "FIRE-TV-4K-MAX-JP", 2, 2, Money.Of(13960m, "JPY"), false),
            ],
            order.Items!.Value.Select(i => (i.OrderItemId.Value, i.Sku.Value, i.QuantityOrdered, i.QuantityShipped, i.ItemPrice!.Value, i.BuyerRequestedCancel)));
    }

    [Fact]
    public void ReadSearchOrdersResponse_MerchantShippedUkPage_MapsOrderWithoutNextToken()
    {
        var page = Orders2026Reader.ReadSearchOrdersResponse(Payloads.ExampleText("v2026_searchOrders_response_1.json"));

        Assert.Null(page.NextToken);
        Assert.False(page.HasMorePages);
        var order = Assert.Single(page.Orders);
        Assert.Equal("202-7654321-1098765", order.Id.Value);
        Assert.Equal(AmazonOrderStatus.Shipped, order.Status);
        Assert.Equal(FulfillmentChannel.Merchant, order.Channel);
        Assert.Equal(Money.Of(34.99m, "GBP"), order.OrderTotal);
        Assert.Equal("buyer-email@marketplace.amazon.co.uk", order.Buyer!.Email);
        Assert.Equal(
            new ShippingAddress("Sarah Thompson", "45 Oak Avenue", "Flat 2A", null, "London", "England", "SW1A 1AA", "GB", "+44 20 7946 0958"),
            order.ShippingAddress);
        var item = Assert.Single(order.Items!.Value);
        Assert.Equal(("20276543210987", "ECHO-DOT-4-UK-CHARCOAL-SINGLE", 1, 1), (item.OrderItemId.Value, item.Sku.Value, item.QuantityOrdered, item.QuantityShipped));
        Assert.Equal(Money.Of(34.99m, "GBP"), item.ItemPrice);
    }

    [Fact]
    public void ReadSearchOrdersResponse_MerchantUnshippedBrazilPage_MapsUnshippedItem()
    {
        var page = Orders2026Reader.ReadSearchOrdersResponse(Payloads.Example("v2026_searchOrders_response_2.json"));

        Assert.Null(page.NextToken);
        Assert.Equal(new DateTimeOffset(2024, 12, 22, 16, 0, 0, TimeSpan.Zero), page.CreatedBefore);
        var order = Assert.Single(page.Orders);
        Assert.Equal("171-2345678-9012345", order.Id.Value);
        Assert.Equal(AmazonOrderStatus.Unshipped, order.Status);
        Assert.Equal(FulfillmentChannel.Merchant, order.Channel);
        Assert.Equal(Money.Of(1599.90m, "BRL"), order.OrderTotal);
        Assert.Equal(MarketplaceId.Parse("A2Q3Y263D00KWC"), order.MarketplaceId);
        Assert.Equal("São Paulo", order.ShippingAddress!.City);
        var item = Assert.Single(order.Items!.Value);
        Assert.Equal(("17123456789012", "DELL-I15-BR-001", 1, 0), (item.OrderItemId.Value, item.Sku.Value, item.QuantityOrdered, item.QuantityShipped));
        Assert.Equal(Money.Of(1599.90m, "BRL"), item.ItemPrice);
        Assert.False(item.BuyerRequestedCancel);
    }

    [Fact]
    public void ReadGetOrderResponse_OrderMember_MapsSnapshot()
    {
        var response = new JsonObject { ["order"] = V2026Orders.Brazil() };

        var order = Orders2026Reader.ReadGetOrderResponse(response.ToJsonString());

        Assert.Equal("171-2345678-9012345", order.Id.Value);
        Assert.Equal(AmazonOrderStatus.Unshipped, order.Status);
        Assert.Single(order.Items!.Value);
    }

    [Theory]
    [InlineData("PENDING_AVAILABILITY", AmazonOrderStatus.PendingAvailability)]
    [InlineData("PENDING", AmazonOrderStatus.Pending)]
    [InlineData("UNSHIPPED", AmazonOrderStatus.Unshipped)]
    [InlineData("PARTIALLY_SHIPPED", AmazonOrderStatus.PartiallyShipped)]
    [InlineData("SHIPPED", AmazonOrderStatus.Shipped)]
    [InlineData("CANCELLED", AmazonOrderStatus.Canceled)]
    [InlineData("UNFULFILLABLE", AmazonOrderStatus.Unfulfillable)]
    public void ReadOrder_EachFulfillmentStatus_MapsToDomainStatus(string wire, AmazonOrderStatus expected)
    {
        var order = V2026Orders.Brazil();
        order["fulfillment"]!["fulfillmentStatus"] = wire;

        Assert.Equal(expected, Orders2026Reader.ReadOrder(order.ToElement()).Status);
    }

    [Fact]
    public void ReadOrder_BuyerCancellationRequest_SetsBuyerRequestedCancel()
    {
        var order = V2026Orders.Brazil();
        order["orderItems"]![0]!["cancellation"] = new JsonObject
        {
            ["cancellationRequest"] = new JsonObject { ["requester"] = "BUYER", ["cancelReason"] = "Ordered by mistake" },
        };

        Assert.True(Orders2026Reader.ReadOrder(order.ToElement()).Items!.Value[0].BuyerRequestedCancel);
    }

    [Fact]
    public void ReadOrder_NoPriceNoBuyerNoRecipient_GivesNulls()
    {
        var order = V2026Orders.Brazil();
        order.Remove("buyer");
        order.Remove("recipient");
        order.Remove("proceeds");
        order["orderItems"]![0]!["product"]!.AsObject().Remove("price");

        var snapshot = Orders2026Reader.ReadOrder(order.ToElement());

        Assert.Null(snapshot.Buyer);
        Assert.Null(snapshot.ShippingAddress);
        Assert.Null(snapshot.OrderTotal);
        Assert.Null(snapshot.Items!.Value[0].ItemPrice);
    }

    public static TheoryData<string, string> BrokenOrders => new()
    {
        { "fulfillment.fulfillmentStatus=CANCELED", "fulfillment.fulfillmentStatus" },
        { "fulfillment.fulfillmentStatus=InvoiceUnconfirmed", "fulfillment.fulfillmentStatus" },
        { "fulfillment.fulfilledBy=MFN", "fulfillment.fulfilledBy" },
        { "remove fulfillment.fulfilledBy", "fulfillment.fulfilledBy" },
        { "remove fulfillment", "fulfillment" },
        { "remove createdTime", "createdTime" },
        { "lastUpdatedTime=2024-12-22T15:29:59Z", "lastUpdatedTime" },
        { "proceeds.grandTotal.amount=1.599,90", "proceeds.grandTotal.amount" },
        { "orderItems[0].quantityOrdered=-1", "orderItems[0].quantityOrdered" },
        { "orderItems[0].fulfillment.quantityFulfilled=2", "orderItems[0].fulfillment.quantityFulfilled" },
        { "orderItems[0].product.sellerSku=", "orderItems[0].product.sellerSku" },
        { "orderItems[0].product.price.unitPrice.currencyCode=R$", "orderItems[0].product.price.unitPrice.currencyCode" },
    };

    [Theory]
    [MemberData(nameof(BrokenOrders))]
    public void ReadOrder_BrokenField_ThrowsNamingFieldAndOrder(string mutation, string field)
    {
        var order = V2026Orders.Brazil();
        V2026Orders.Mutate(order, mutation);

        var error = Assert.Throws<SellingPartnerFormatException>(() => Orders2026Reader.ReadOrder(order.ToElement()));

        Assert.Equal(field, error.Field);
        Assert.Equal("171-2345678-9012345", error.AmazonOrderId);
        Assert.DoesNotContain("Oliveira", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BrokenOrders))]
    public void TryReadOrder_BrokenField_RefusesNamingField(string mutation, string field)
    {
        var order = V2026Orders.Brazil();
        V2026Orders.Mutate(order, mutation);

        var result = Orders2026Reader.TryReadOrder(order.ToElement());

        Assert.False(result.IsValid);
        Assert.Equal(field, result.Field);
        Assert.Contains("171-2345678-9012345", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadSearchOrdersResponse_BrokenOrder_NamesIndexedPath()
    {
        var response = Payloads.ExampleNode("v2026_searchOrders_response_2.json");
        response["orders"]![0]!["fulfillment"]!["fulfillmentStatus"] = "LOST";

        var error = Assert.Throws<SellingPartnerFormatException>(() => Orders2026Reader.ReadSearchOrdersResponse(response.ToJsonString()));

        Assert.Equal("orders[0].fulfillment.fulfillmentStatus", error.Field);
        Assert.Equal("171-2345678-9012345", error.AmazonOrderId);
    }

    [Fact]
    public void ReadSearchOrdersResponse_ErrorResponse_ExplainsErrorCodes()
    {
        var error = Assert.Throws<SellingPartnerFormatException>(
            () => Orders2026Reader.ReadSearchOrdersResponse("""{"errors":[{"code":"InvalidInput","message":"bad"}]}"""));

        Assert.Equal("orders", error.Field);
        Assert.Contains("InvalidInput", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadOrder_ValidOrder_IsValid()
    {
        var result = Orders2026Reader.TryReadOrder(V2026Orders.Brazil().ToElement());

        Assert.True(result.IsValid);
        Assert.Equal(FulfillmentChannel.Merchant, result.Value.Channel);
    }
}
