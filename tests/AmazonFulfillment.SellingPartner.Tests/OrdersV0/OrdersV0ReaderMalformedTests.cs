using System.Text.Json.Nodes;

namespace AmazonFulfillment.SellingPartner.Tests.OrdersV0;

public sealed class OrdersV0ReaderMalformedTests
{
    private const string Id = V0Orders.UnshippedId;

    public static TheoryData<string, string?, string> BrokenOrders => new()
    {
        // mutation, expected AmazonOrderId on the error, expected field
        { "remove AmazonOrderId", null, "AmazonOrderId" },
        { "AmazonOrderId=12345", null, "AmazonOrderId" },
        { "remove OrderStatus", Id, "OrderStatus" },
        { "OrderStatus=Shipping", Id, "OrderStatus" },
        { "OrderStatus=SHIPPED", Id, "OrderStatus" },
        { "remove PurchaseDate", Id, "PurchaseDate" },
        { "PurchaseDate=02/21/2022", Id, "PurchaseDate" },
        { "remove LastUpdateDate", Id, "LastUpdateDate" },
        { "LastUpdateDate=1970-01-19T03:58:29Z", Id, "LastUpdateDate" },
        { "remove FulfillmentChannel", Id, "FulfillmentChannel" },
        { "FulfillmentChannel=FBA", Id, "FulfillmentChannel" },
        { "OrderTotal.Amount=11,01", Id, "OrderTotal.Amount" },
        { "OrderTotal.Amount=-1.00", Id, "OrderTotal.Amount" },
        { "OrderTotal.Amount=1e3", Id, "OrderTotal.Amount" },
        { "remove OrderTotal.Amount", Id, "OrderTotal.Amount" },
        { "OrderTotal.CurrencyCode=usd", Id, "OrderTotal.CurrencyCode" },
        { "MarketplaceId=not a marketplace", Id, "MarketplaceId" },
    };

    [Theory]
    [MemberData(nameof(BrokenOrders))]
    public void ReadOrder_BrokenField_ThrowsNamingFieldAndOrder(string mutation, string? orderId, string field)
    {
        var order = V0Orders.Unshipped();
        Mutate(order, mutation);

        var error = Assert.Throws<SellingPartnerFormatException>(() => OrdersV0Reader.ReadOrder(order.ToElement()));

        Assert.Equal(field, error.Field);
        Assert.Equal(orderId, error.AmazonOrderId);
        Assert.Equal(ProblemCodes.SpApiPayloadInvalid, error.Code);
        Assert.Equal(ProblemCodes.SpApiPayloadInvalid, ProblemCodes.Of(error));
        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
        if (orderId is not null)
        {
            Assert.Contains(orderId, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(BrokenOrders))]
    public void TryReadOrder_BrokenField_RefusesNamingFieldAndOrder(string mutation, string? orderId, string field)
    {
        var order = V0Orders.Unshipped();
        Mutate(order, mutation);

        var result = OrdersV0Reader.TryReadOrder(order.ToJsonString());

        Assert.False(result.IsValid);
        Assert.Equal(field, result.Field);
        if (orderId is not null)
        {
            Assert.Contains(orderId, result.Error, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, string> BrokenItems => new()
    {
        { "QuantityOrdered=-1", "OrderItems[0].QuantityOrdered" },
        { "QuantityShipped=-1", "OrderItems[0].QuantityShipped" },
        { "QuantityShipped=2", "OrderItems[0].QuantityShipped" },
        { "QuantityOrdered=1.5", "OrderItems[0].QuantityOrdered" },
        { "QuantityOrdered=\"1\"", "OrderItems[0].QuantityOrdered" },
        { "remove QuantityOrdered", "OrderItems[0].QuantityOrdered" },
        { "remove OrderItemId", "OrderItems[0].OrderItemId" },
        { "remove SellerSKU", "OrderItems[0].SellerSKU" },
        { "ItemPrice.Amount=ten", "OrderItems[0].ItemPrice.Amount" },
        { "BuyerRequestedCancel.IsBuyerRequestedCancel=yes", "OrderItems[0].BuyerRequestedCancel.IsBuyerRequestedCancel" },
        { "duplicate", "OrderItems[1].OrderItemId" },
    };

    [Theory]
    [MemberData(nameof(BrokenItems))]
    public void ReadOrder_BrokenItem_ThrowsNamingItemFieldAndOrder(string mutation, string field)
    {
        var items = V0Orders.Items();
        if (mutation == "duplicate")
        {
            items.Add(items.FirstItem().DeepClone());
        }
        else
        {
            Mutate(items.FirstItem(), mutation);
        }

        var error = Assert.Throws<SellingPartnerFormatException>(() => OrdersV0Reader.ReadOrder(V0Orders.Unshipped().ToElement(), items.ToElement()));

        Assert.Equal(field, error.Field);
        Assert.Equal(Id, error.AmazonOrderId);
    }

    [Theory]
    [MemberData(nameof(BrokenItems))]
    public void TryReadOrder_BrokenItem_RefusesNamingItemField(string mutation, string field)
    {
        var items = V0Orders.Items();
        if (mutation == "duplicate")
        {
            items.Add(items.FirstItem().DeepClone());
        }
        else
        {
            Mutate(items.FirstItem(), mutation);
        }

        var result = OrdersV0Reader.TryReadOrder(V0Orders.Unshipped().ToElement(), items.ToElement());

        Assert.False(result.IsValid);
        Assert.Equal(field, result.Field);
        Assert.Contains(Id, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadGetOrderItemsResponse_BrokenItem_NamesPayloadPathAndOrder()
    {
        var response = Payloads.ExampleNode("v0_getOrderItems_response.json");
        response["payload"]!["OrderItems"]![0]!["QuantityShipped"] = 5;

        var error = Assert.Throws<SellingPartnerFormatException>(() => OrdersV0Reader.ReadGetOrderItemsResponse(response.ToJsonString()));

        Assert.Equal("payload.OrderItems[0].QuantityShipped", error.Field);
        Assert.Equal("902-1845936-5435065", error.AmazonOrderId);
    }

    [Fact]
    public void ReadOrderItems_StandaloneArrayWithOrderId_NamesOrder()
    {
        var items = V0Orders.Items();
        items.FirstItem()["QuantityOrdered"] = -3;

        var error = Assert.Throws<SellingPartnerFormatException>(() => OrdersV0Reader.ReadOrderItems(items.ToJsonString(), Id));

        Assert.Equal("OrderItems[0].QuantityOrdered", error.Field);
        Assert.Equal(Id, error.AmazonOrderId);
    }

    [Fact]
    public void ReadGetOrdersResponse_BadSecondOrder_NamesIndexAndOrder()
    {
        var response = Payloads.ExampleNode("v0_getOrders_response_mfn_unshipped.json");
        response["payload"]!["Orders"]![1]!["OrderStatus"] = "Lost";

        var error = Assert.Throws<SellingPartnerFormatException>(() => OrdersV0Reader.ReadGetOrdersResponse(response.ToJsonString()));

        Assert.Equal("payload.Orders[1].OrderStatus", error.Field);
        Assert.Equal("902-8745147-1934268", error.AmazonOrderId);
        Assert.Contains("'Lost'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"payload\":")]
    [InlineData("not json")]
    [InlineData("")]
    public void ReadGetOrdersResponse_MalformedJson_ThrowsAtRoot(string json)
    {
        var error = Assert.Throws<SellingPartnerFormatException>(() => OrdersV0Reader.ReadGetOrdersResponse(json));

        Assert.Equal("$", error.Field);
        Assert.Null(error.AmazonOrderId);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadOrder_MalformedJson_Refuses()
    {
        var result = OrdersV0Reader.TryReadOrder("{\"AmazonOrderId\":");

        Assert.False(result.IsValid);
        Assert.Equal("$", result.Field);
    }

    [Fact]
    public void TryReadOrder_MalformedItemsJson_RefusesNamingOrderItems()
    {
        var result = OrdersV0Reader.TryReadOrder(V0Orders.Unshipped().ToJsonString(), "[{\"OrderItemId\":");

        Assert.False(result.IsValid);
        Assert.Equal("OrderItems", result.Field);
    }

    [Fact]
    public void TryReadOrder_NullText_Refuses()
    {
        Assert.False(OrdersV0Reader.TryReadOrder((string?)null).IsValid);
    }

    [Fact]
    public void TryReadOrder_ItemsNotAnArray_Refuses()
    {
        var result = OrdersV0Reader.TryReadOrder(V0Orders.Unshipped().ToJsonString(), "{}");

        Assert.False(result.IsValid);
        Assert.Equal("OrderItems", result.Field);
    }

    [Fact]
    public void ReadGetOrdersResponse_ErrorResponse_ExplainsErrorCodes()
    {
        var json = """{"errors":[{"code":"QuotaExceeded","message":"You exceeded your quota for the requested resource."}]}""";

        var error = Assert.Throws<SellingPartnerFormatException>(() => OrdersV0Reader.ReadGetOrdersResponse(json));

        Assert.Equal("payload", error.Field);
        Assert.Contains("QuotaExceeded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadGetOrdersResponse_OrdersNotAnArray_NamesField()
    {
        var error = Assert.Throws<SellingPartnerFormatException>(() => OrdersV0Reader.ReadGetOrdersResponse("""{"payload":{"Orders":{}}}"""));

        Assert.Equal("payload.Orders", error.Field);
    }

    [Fact]
    public void ReadOrder_InvalidBuyerEmail_NeverQuotesBuyerData()
    {
        var order = V0Orders.Unshipped();
        order["BuyerInfo"] = new JsonObject { ["BuyerEmail"] = "Jane Q Buyer no at sign", ["BuyerName"] = "Jane Q Buyer" };

        var error = Assert.Throws<SellingPartnerFormatException>(() => OrdersV0Reader.ReadOrder(order.ToElement()));

        Assert.Equal("BuyerInfo.BuyerEmail", error.Field);
        Assert.Equal(Id, error.AmazonOrderId);
        Assert.DoesNotContain("Jane", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOrder_AddressFieldOfWrongType_NeverQuotesAddress()
    {
        var order = V0Orders.Unshipped();
        order["ShippingAddress"] = new JsonObject { ["Name"] = "Jane Q Buyer", ["AddressLine1"] = new JsonArray("221B Baker Street") };

        var error = Assert.Throws<SellingPartnerFormatException>(() => OrdersV0Reader.ReadOrder(order.ToElement()));

        Assert.Equal("ShippingAddress.AddressLine1", error.Field);
        Assert.DoesNotContain("Baker", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Jane", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOrder_MalformedJsonAroundBuyerData_NeverQuotesIt()
    {
        var json = """{"AmazonOrderId":"902-1845936-5435065","BuyerInfo":{"BuyerName":"Jane Q Buyer" "BuyerEmail":"jane@example.com"}}""";

        var error = Assert.Throws<SellingPartnerFormatException>(() => OrdersV0Reader.ReadOrder(json));

        Assert.DoesNotContain("Jane", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("jane@", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Applies "remove A.B" or "A.B=value" (a JSON literal, else a string) to an object.</summary>
    private static void Mutate(JsonObject target, string mutation)
    {
        if (mutation.StartsWith("remove ", StringComparison.Ordinal))
        {
            var (parent, name) = Locate(target, mutation["remove ".Length..]);
            parent.Remove(name);
            return;
        }

        var equals = mutation.IndexOf('=', StringComparison.Ordinal);
        var (owner, field) = Locate(target, mutation[..equals]);
        var text = mutation[(equals + 1)..];
        JsonNode? value;
        try
        {
            value = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            value = JsonValue.Create(text);
        }

        owner[field] = value;
    }

    private static (JsonObject Parent, string Name) Locate(JsonObject target, string path)
    {
        var parts = path.Split('.');
        var parent = target;
        foreach (var part in parts[..^1])
        {
            parent = parent[part]!.AsObject();
        }

        return (parent, parts[^1]);
    }

    [Fact]
    public void SellingPartnerFormatException_EveryConstructor_CarriesTheCode()
    {
        SellingPartnerFormatException[] errors =
        [
            new(),
            new("The payload is malformed."),
            new("The payload is malformed.", new FormatException()),
            new("payload.Orders[0].OrderStatus", Id, "is required."),
        ];

        Assert.All(errors, e => Assert.Equal(ProblemCodes.SpApiPayloadInvalid, ProblemCodes.Of(e)));
        Assert.All(errors, e => Assert.Equal(ProblemCodes.SpApiPayloadInvalid, e.Code));
    }
}
