using System.Text.Json;
using static AmazonFulfillment.Replay.Tests.Replay;

namespace AmazonFulfillment.Replay.Tests;

public class ReportTests
{
    [Fact]
    public async Task WalkthroughMfn_ReportsEveryField()
    {
        var report = await Replay.File("walkthrough-mfn.jsonl");

        var order = report.Order("902-1845936-5435065");
        Assert.Equal(
            ["amazonOrderId", "amazonStore", "channel", "amazonStatus", "channelStatus", "visibleInOrders", "commerceOrderId", "commerceOrderNumber", "commerceStatus",
             "customer", "cancellationRequested", "error", "importAttempts", "latestShipDate", "shipBy", "packages"],
            order.EnumerateObject().Select(p => p.Name));
        Assert.Equal("default", order.Str("amazonStore"));
        Assert.Equal("2026-11-22T23:59:59Z", order.Str("latestShipDate"));
        Assert.Equal(JsonValueKind.Null, order.GetProperty("shipBy").ValueKind); // every unit shipped and confirmed: nothing left to ship
        Assert.Equal("Merchant", order.Str("channel"));
        Assert.Equal("Shipped", order.Str("amazonStatus"));
        Assert.Equal("Shipped", order.Str("channelStatus"));
        Assert.True(order.GetProperty("visibleInOrders").GetBoolean());
        Assert.Equal("1", order.Str("commerceOrderId"));
        Assert.Equal("000000001", order.Str("commerceOrderNumber"));
        Assert.Equal("complete", order.Str("commerceStatus"));
        Assert.Equal("Guest", order.GetProperty("customer").Str("kind"));
        Assert.Equal(JsonValueKind.Null, order.GetProperty("customer").GetProperty("customerId").ValueKind);
        Assert.False(order.GetProperty("cancellationRequested").GetBoolean());
        Assert.Equal(JsonValueKind.Null, order.GetProperty("error").ValueKind);
        Assert.Equal(1, order.GetProperty("importAttempts").GetInt32());
        var packages = order.Array("packages");
        Assert.Equal(2, packages.Length);
        Assert.Equal(
            ["packageReferenceId", "trackingNumber", "confirmedOnAmazon", "confirmation", "reason", "confirmedAt", "carrierCode"],
            packages[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("1", packages[0].Str("packageReferenceId"));
        Assert.Equal("1Z999AA10123456784", packages[0].Str("trackingNumber"));
        Assert.All(packages, p => Assert.True(p.GetProperty("confirmedOnAmazon").GetBoolean()));
        Assert.All(packages, p => Assert.Equal("confirmed", p.Str("confirmation")));
        Assert.All(packages, p => Assert.Equal(JsonValueKind.Null, p.GetProperty("reason").ValueKind));
        Assert.All(packages, p => Assert.Equal("UPS", p.Str("carrierCode")));
        Assert.Equal("2026-11-20T10:00:00Z", packages[0].Str("confirmedAt"));
        Assert.Equal("2026-11-20T15:00:00Z", packages[1].Str("confirmedAt"));

        var commerce = Assert.Single(report.Array("commerce", "orders"));
        Assert.Equal(
            ["commerceOrderId", "orderNumber", "amazonOrderId", "status", "storeView", "customerId", "guest", "reservedInventory", "items", "total"],
            commerce.EnumerateObject().Select(p => p.Name));
        Assert.Equal("complete", commerce.Str("status"));
        Assert.Equal("default", commerce.Str("storeView"));
        Assert.True(commerce.GetProperty("guest").GetBoolean());
        Assert.True(commerce.GetProperty("reservedInventory").GetBoolean());
        var items = commerce.Array("items");
        Assert.Equal(["sku", "quantity", "unitPrice"], items[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("NABetaASINB00551Q3CS", items[0].Str("sku"));
        Assert.Equal(2, items[0].GetProperty("quantity").GetInt32());
        Assert.Equal("10.00", items[0].Str("unitPrice"));
        Assert.Equal("5.50", items[1].Str("unitPrice"));
        Assert.Equal("25.50", commerce.GetProperty("total").Str("amount"));
        Assert.Equal("USD", commerce.GetProperty("total").Str("currency"));
        Assert.Empty(report.Array("commerce", "customers"));

        var confirmations = report.Array("amazon", "shipmentConfirmations");
        Assert.Equal(2, confirmations.Length);
        Assert.Equal(
            ["amazonOrderId", "packageReferenceId", "carrierCode", "carrierName", "trackingNumber", "shipDate", "items"],
            confirmations[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("UPS", confirmations[0].Str("carrierCode"));
        Assert.Equal(JsonValueKind.Null, confirmations[0].GetProperty("carrierName").ValueKind);
        Assert.Equal("2026-11-20T10:00:00Z", confirmations[0].Str("shipDate"));
        var line = Assert.Single(confirmations[0].Array("items"));
        Assert.Equal("05015851154158", line.Str("orderItemId"));
        Assert.Equal(2, line.GetProperty("quantity").GetInt32());
        Assert.Empty(report.Array("amazon", "cancellations"));
        Assert.Empty(report.Array("refusals"));

        Assert.Equal(1, report.Calls("amazon.GetOrderItems"));
        Assert.Equal(2, report.Calls("amazon.ConfirmShipment"));
        Assert.Equal(1, report.Calls("commerce.CreateOrder"));
        Assert.Equal(1, report.Calls("commerce.CompleteOrder"));
        Assert.True(report.Calls("store.Save") > 0);
    }

    [Fact]
    public async Task WalkthroughMfn_PendingIsTrackedButNotVisible_ThenPartiallyShippedIsProcessing()
    {
        var text = Replay.Scenario("walkthrough-mfn.jsonl");
        var lines = text.Split('\n');

        // Stop after step 1, then after step 4 (the first package).
        var pending = await JsonOf(string.Join("\n", lines.Take(6)));
        var order = pending.Order("902-1845936-5435065");
        Assert.Equal("Pending", order.Str("channelStatus"));
        Assert.False(order.GetProperty("visibleInOrders").GetBoolean());
        Assert.Equal(JsonValueKind.Null, order.GetProperty("customer").ValueKind);
        Assert.Equal(JsonValueKind.Null, order.GetProperty("commerceOrderId").ValueKind);
        Assert.Equal(0, pending.Calls("amazon.GetOrderItems"));

        var partial = await JsonOf(string.Join("\n", lines.Take(10)));
        order = partial.Order("902-1845936-5435065");
        Assert.Equal("PartiallyShipped", order.Str("channelStatus"));
        Assert.Equal("processing", order.Str("commerceStatus"));
        Assert.Equal("processing", Assert.Single(partial.Array("commerce", "orders")).Str("status"));
    }

    [Fact]
    public async Task WalkthroughFba_IgnoredUntilShipped_ThenImportedComplete()
    {
        var lines = Replay.Scenario("walkthrough-fba.jsonl").Split('\n');

        var beforeShipped = await JsonOf(string.Join("\n", lines.Take(8)));
        Assert.Empty(beforeShipped.Array("orders"));
        Assert.Empty(beforeShipped.Array("commerce", "orders"));
        Assert.Equal(0, beforeShipped.Calls("amazon.GetOrderItems"));

        var report = await JsonOf(string.Join("\n", lines));
        var order = report.Order("921-3175655-0452641");
        Assert.Equal("Amazon", order.Str("channel"));
        Assert.Equal("Shipped", order.Str("channelStatus"));
        Assert.Equal("complete", order.Str("commerceStatus"));
        var commerce = Assert.Single(report.Array("commerce", "orders"));
        Assert.False(commerce.GetProperty("reservedInventory").GetBoolean());
        Assert.Equal("100.00", commerce.GetProperty("total").Str("amount"));
        Assert.Equal("EUR", commerce.GetProperty("total").Str("currency"));
        Assert.Empty(report.Array("amazon", "shipmentConfirmations"));
        Assert.Equal(0, report.Calls("amazon.ConfirmShipment"));
    }

    [Fact]
    public async Task Orders_AreSortedByAmazonOrderId()
    {
        var report = await JsonOf(Lines(
            Catalog,
            Amazon(OrderJson("902-3000000-0000001", "Pending", "2026-11-20T08:00:00Z")),
            Amazon(OrderJson("902-1000000-0000001", "Pending", "2026-11-20T08:00:00Z")),
            Amazon(OrderJson("902-2000000-0000001", "Pending", "2026-11-20T08:00:00Z"))));

        Assert.Equal(["902-1000000-0000001", "902-2000000-0000001", "902-3000000-0000001"], report.Array("orders").Select(o => o.Str("amazonOrderId")));
    }

    [Fact]
    public async Task Amounts_UseTheCurrencysDecimals()
    {
        var order = "{\"AmazonOrderId\":\"902-1000000-0000001\",\"PurchaseDate\":\"2026-11-20T08:00:00Z\",\"LastUpdateDate\":\"2026-11-20T08:00:00Z\",\"OrderStatus\":\"Unshipped\",\"FulfillmentChannel\":\"MFN\",\"OrderTotal\":{\"CurrencyCode\":\"JPY\",\"Amount\":\"1500\"}}";
        var item = "{\"OrderItemId\":\"1\",\"SellerSKU\":\"SKU-1\",\"QuantityOrdered\":3,\"ItemPrice\":{\"CurrencyCode\":\"JPY\",\"Amount\":\"1500\"}}";

        var report = await JsonOf(Lines(Catalog, Amazon(order, item)));

        var commerce = Assert.Single(report.Array("commerce", "orders"));
        Assert.Equal("1500", commerce.GetProperty("total").Str("amount"));
        Assert.Equal("500", Assert.Single(commerce.Array("items")).Str("unitPrice"));
    }
}
