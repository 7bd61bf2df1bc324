using AmazonFulfillment.Domain;

namespace AmazonFulfillment.SellingPartner.Tests.OrdersV0;

public sealed class OrdersV0ReaderOrderItemsTests
{
    [Fact]
    public void ReadGetOrderItemsResponse_Example_MapsItemWithBuyerRequestedCancel()
    {
        var page = OrdersV0Reader.ReadGetOrderItemsResponse(Payloads.Example("v0_getOrderItems_response.json"));

        Assert.Equal(AmazonOrderId.Parse("902-1845936-5435065"), page.AmazonOrderId);
        Assert.Null(page.NextToken);
        Assert.False(page.HasMorePages);
        var item = Assert.Single(page.Items);
        Assert.Equal(OrderItemId.Parse("05015851154158"), item.OrderItemId);
        Assert.Equal(Sku.Parse("NABetaASINB00551Q3CS"), item.Sku);
        Assert.Equal(1, item.QuantityOrdered);
        Assert.Equal(0, item.QuantityShipped);
        Assert.Equal(Money.Of(10.00m, "USD"), item.ItemPrice);
        Assert.True(item.BuyerRequestedCancel);
    }

    [Fact]
    public void ReadGetOrderItemsResponse_WithNextToken_ReturnsToken()
    {
        var json = """{"payload":{"AmazonOrderId":"902-1845936-5435065","OrderItems":[],"NextToken":"abc"}}""";

        var page = OrdersV0Reader.ReadGetOrderItemsResponse(json);

        Assert.Equal("abc", page.NextToken);
        Assert.True(page.HasMorePages);
        Assert.Empty(page.Items);
    }

    [Fact]
    public void ReadOrderItems_LineTotalForSeveralUnits_KeepsLineTotal()
    {
        var items = V0Orders.Items();
        items.FirstItem()["QuantityOrdered"] = 3;
        items.FirstItem()["QuantityShipped"] = 2;
        items.FirstItem()["ItemPrice"]!["Amount"] = "30.00";
        items.FirstItem()["BuyerRequestedCancel"]!["IsBuyerRequestedCancel"] = "false";

        var item = Assert.Single(OrdersV0Reader.ReadOrderItems(items.ToElement()));

        Assert.Equal(Money.Of(30.00m, "USD"), item.ItemPrice);
        Assert.Equal(Money.Of(10.00m, "USD"), item.ItemPrice!.Value.PerUnit(item.QuantityOrdered));
        Assert.Equal(2, item.QuantityShipped);
        Assert.False(item.BuyerRequestedCancel);
    }

    [Fact]
    public void ReadOrderItems_NoPriceNoShippedNoCancel_UsesDefaults()
    {
        var item = Assert.Single(OrdersV0Reader.ReadOrderItems("""[{"ASIN":"B0","OrderItemId":"1","SellerSKU":"S","QuantityOrdered":2}]"""));

        Assert.Null(item.ItemPrice);
        Assert.Equal(0, item.QuantityShipped);
        Assert.False(item.BuyerRequestedCancel);
    }

    [Fact]
    public void ReadOrder_OrderAndItems_ReturnsSnapshotWithItems()
    {
        var snapshot = OrdersV0Reader.ReadOrder(V0Orders.Unshipped().ToElement(), V0Orders.Items().ToElement());

        Assert.Equal(V0Orders.UnshippedId, snapshot.Id.Value);
        var item = Assert.Single(snapshot.Items!.Value);
        Assert.True(item.BuyerRequestedCancel);
        Assert.Equal(Money.Of(10.00m, "USD"), item.ItemPrice);
    }

    [Fact]
    public void ReadOrder_OrderAndItemsAsText_MatchesElementReading()
    {
        var order = V0Orders.Unshipped();
        var items = V0Orders.Items();

        var fromText = OrdersV0Reader.ReadOrder(order.ToJsonString(), items.ToJsonString());

        Assert.Equal(AmazonOrderStatus.Unshipped, fromText.Status);
        var fromElement = OrdersV0Reader.ReadOrder(order.ToElement(), items.ToElement());
        Assert.Equal(fromElement.Items!.Value.AsEnumerable(), fromText.Items!.Value.AsEnumerable());
    }

    [Fact]
    public void ReadOrder_EmptyItemsArray_GivesEmptyItemsNotNull()
    {
        var snapshot = OrdersV0Reader.ReadOrder(V0Orders.Unshipped().ToJsonString(), "[]");

        Assert.NotNull(snapshot.Items);
        Assert.Empty(snapshot.Items.Value);
    }

    [Fact]
    public void TryReadOrder_ValidOrderAndItems_IsValid()
    {
        var result = OrdersV0Reader.TryReadOrder(V0Orders.Unshipped().ToJsonString(), V0Orders.Items().ToJsonString());

        Assert.True(result.IsValid);
        Assert.Single(result.Value.Items!.Value);
    }

    [Fact]
    public void TryReadOrder_ValidOrderWithoutItems_HasNullItems()
    {
        var result = OrdersV0Reader.TryReadOrder(V0Orders.Unshipped().ToElement());

        Assert.True(result.IsValid);
        Assert.Null(result.Value.Items);
    }
}
