using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.SellingPartner.Client.Tests.Support;
using AmazonFulfillment.Testing.SellingPartner;

namespace AmazonFulfillment.SellingPartner.Client.Tests;

public sealed class ErrorMappingTests
{
    [Theory(Timeout = 90_000)]
    [InlineData(FakeFault.ServerError, PortStatus.Transient)]
    [InlineData(FakeFault.ServiceUnavailable, PortStatus.Transient)]
    [InlineData(FakeFault.Throttle, PortStatus.Throttled)]
    [InlineData(FakeFault.DropConnection, PortStatus.Transient)]
    [InlineData(FakeFault.Slow, PortStatus.Transient)]
    public async Task Fault_MapsToItsPortStatus_AndTheNextCallSucceeds(FakeFault fault, PortStatus expected)
    {
        await using var h = await Harness.StartAsync(client: o => o.RequestTimeout = TimeSpan.FromSeconds(5));
        var id = AmazonOrderId.Parse(h.Place().AmazonOrderId);
        h.Amazon.FailNext("getOrderItems", fault, delay: TimeSpan.FromSeconds(15));

        var failed = await h.Client.GetOrderItemsAsync(id);
        var next = await h.Client.GetOrderItemsAsync(id);

        Assert.Equal(expected, failed.Status);
        if (expected == PortStatus.Throttled)
        {
            Assert.NotNull(failed.RetryAfter);
        }

        Assert.True(next.IsSuccess, next.Reason);
    }

    [Fact(Timeout = 90_000)]
    public async Task UnknownOrder_IsRejected_WithAmazonsCodeAndMessage()
    {
        await using var h = await Harness.StartAsync();

        var result = await h.Client.GetOrderItemsAsync(AmazonOrderId.Parse("902-9999999-9999999"));

        Assert.Equal(PortStatus.Rejected, result.Status);
        Assert.Contains("NotFound", result.Reason, StringComparison.Ordinal);
        Assert.Contains("902-9999999-9999999 was not found", result.Reason, StringComparison.Ordinal);
    }

    [Fact(Timeout = 90_000)]
    public async Task GetOrderItems_ReadsEveryPage()
    {
        await using var h = await Harness.StartAsync(fake: o => o.OrderItemsPageSize = 2);
        var order = h.Place("Unshipped", true, 1, 2, 1, 3, 1);

        var result = await h.Client.GetOrderItemsAsync(AmazonOrderId.Parse(order.AmazonOrderId));

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal(order.Items.Select(i => i.OrderItemId), result.Value.Select(i => i.OrderItemId.Value));
        Assert.Equal(3, h.Amazon.Requests.Count(r => r.Operation == "getOrderItems"));
        Assert.Equal(2, h.Amazon.Requests.Count(r => r.Operation == "getOrderItems" && r.Query.ContainsKey("NextToken")));
    }

    [Theory(Timeout = 90_000)]
    [InlineData("canceled", "is canceled")]
    [InlineData("unknown-item", "is not in order")]
    [InlineData("too-many", "exceeds")]
    [InlineData("wrong-marketplace", "does not belong to marketplace")]
    public async Task ConfirmShipment_WhatAmazonRefuses_IsRejectedWithItsReason(string scenario, string reason)
    {
        await using var h = await Harness.StartAsync();
        var order = h.Place("Unshipped", true, 2);
        if (scenario == "canceled")
        {
            h.Amazon.SetStatus(order.AmazonOrderId, "Canceled");
        }

        var item = scenario == "unknown-item" ? "99999999999999" : order.Items[0].OrderItemId;
        var package = ShipmentPackage.Create(
            AmazonOrderId.Parse(order.AmazonOrderId),
            PackageReferenceId.From(1),
            carrierCode: "UPS",
            carrierName: null,
            shippingMethod: "Ground",
            trackingNumber: "1Z999AA10123456784",
            shipDate: DateTimeOffset.UtcNow,
            items: [new PackageItem(OrderItemId.Parse(item), scenario == "too-many" ? 3 : 1)]);
        var marketplace = MarketplaceId.Parse(scenario == "wrong-marketplace" ? "A1F83G8C2ARO7P" : "ATVPDKIKX0DER");

        var result = await h.Port.ConfirmShipmentAsync(package, marketplace);

        Assert.Equal(PortStatus.Rejected, result.Status);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [Theory(Timeout = 90_000)]
    [InlineData("{\"packageDetail\":{\"packageReferenceId\":\"1\",\"carrierCode\":\"UPS\",\"trackingNumber\":\"1Z\",\"shipDate\":\"2026-01-01T00:00:00Z\",\"orderItems\":[]}}", 400, "marketplaceId")]
    [InlineData("{\"marketplaceId\":\"ATVPDKIKX0DER\",\"packageDetail\":{\"packageReferenceId\":\"1\",\"carrierCode\":\"Other\",\"trackingNumber\":\"1Z\",\"shipDate\":\"2026-01-01T00:00:00Z\",\"orderItems\":[{\"orderItemId\":\"ITEM\",\"quantity\":1}]}}", 400, "carrierName is required")]
    [InlineData("{\"marketplaceId\":\"ATVPDKIKX0DER\",\"packageDetail\":{\"packageReferenceId\":\"1\",\"carrierCode\":\"FedEx\",\"trackingNumber\":\"1Z\",\"shipDate\":\"02/21/2022\",\"orderItems\":[{\"orderItemId\":\"ITEM\",\"quantity\":1}]}}", 400, "Invalid Input")]
    public async Task FakeAmazon_RefusesBodiesAmazonRefuses_WithAnSpApiErrorBody(string body, int status, string reason)
    {
        await using var h = await Harness.StartAsync();
        var order = h.Place("Unshipped", true, 1);
        using var http = new HttpClient { BaseAddress = h.Amazon.Endpoint };
        using var tokenRequest = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = h.Amazon.Options.RefreshToken,
            ["client_id"] = h.Amazon.Options.ClientId,
            ["client_secret"] = h.Amazon.Options.ClientSecret,
        });
        using var tokenAnswer = await http.PostAsync(h.Amazon.TokenEndpoint, tokenRequest);
        using var token = System.Text.Json.JsonDocument.Parse(await tokenAnswer.Content.ReadAsStringAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/orders/v0/orders/{order.AmazonOrderId}/shipmentConfirmation")
        {
            Content = new StringContent(body.Replace("ITEM", order.Items[0].OrderItemId, StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-amz-access-token", token.RootElement.GetProperty("access_token").GetString());

        using var answer = await http.SendAsync(request);
        var text = await answer.Content.ReadAsStringAsync();

        Assert.Equal(status, (int)answer.StatusCode);
        Assert.StartsWith("{\"errors\":[{\"code\":", text, StringComparison.Ordinal);
        Assert.Contains(reason, text, StringComparison.Ordinal);
        Assert.Empty(h.Amazon.ConfirmedPackages);
    }

    [Fact(Timeout = 90_000)]
    public async Task ConfirmShipment_SamePackageTwice_IsOnePackage()
    {
        await using var h = await Harness.StartAsync();
        var order = h.Place("Unshipped", true, 2);
        var package = ShipmentPackage.Create(
            AmazonOrderId.Parse(order.AmazonOrderId), PackageReferenceId.From(7), "UPS", null, "Ground", "1Z999AA10123456784", DateTimeOffset.UtcNow,
            [new PackageItem(OrderItemId.Parse(order.Items[0].OrderItemId), 2)]);

        var first = await h.Port.ConfirmShipmentAsync(package, MarketplaceId.Parse("ATVPDKIKX0DER"));
        var again = await h.Port.ConfirmShipmentAsync(package, MarketplaceId.Parse("ATVPDKIKX0DER"));

        Assert.True(first.IsSuccess, first.Reason);
        Assert.True(again.IsSuccess, again.Reason);
        Assert.Single(h.Amazon.ConfirmedPackages);
        Assert.Equal("Shipped", h.Amazon.Order(order.AmazonOrderId)!.Status);
    }
}
