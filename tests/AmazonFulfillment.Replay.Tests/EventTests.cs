using System.Text.Json;
using static AmazonFulfillment.Replay.Tests.Replay;

namespace AmazonFulfillment.Replay.Tests;

/// <summary>One test (or more) per row of the REPLAY.md event table.</summary>
public class EventTests
{
    private const string Id = "902-1000000-0000001";
    private const string T0 = "2026-11-20T08:00:00Z";

    private static string Unshipped(string id = Id, string updated = T0, string? email = null) =>
        Amazon(OrderJson(id, "Unshipped", updated, email: email), ItemJson("11", quantity: 2, price: "20.00"));

    [Fact]
    public async Task Settings_AreApplied_StoreViewDefaultsToDefault()
    {
        var report = await JsonOf(Lines(
            "{\"at\":\"" + T0 + "\",\"settings\":{\"orderNumberSource\":\"Amazon\",\"newOrderStatus\":\"new\",\"reserveInventory\":false}}",
            Catalog,
            Unshipped()));

        var commerce = Assert.Single(report.Array("commerce", "orders"));
        Assert.Equal(Id, commerce.Str("orderNumber"));
        Assert.Equal("new", commerce.Str("status"));
        Assert.Equal("default", commerce.Str("storeView"));
        Assert.False(commerce.GetProperty("reservedInventory").GetBoolean());
    }

    [Fact]
    public async Task Settings_StoreViewAndImportOrdersOff()
    {
        var report = await JsonOf(Lines(
            "{\"settings\":{\"storeView\":\"fr_store\"}}",
            Catalog,
            Unshipped(),
            "{\"settings\":{\"importOrders\":false}}",
            Unshipped("902-1000000-0000002"),
            Ship("902-1000000-0000002", "1", "1Z999AA10123456784", "11", 1)));

        Assert.Equal("fr_store", Assert.Single(report.Array("commerce", "orders")).Str("storeView"));
        var trackedOnly = report.Order("902-1000000-0000002");
        Assert.Equal("Unshipped", trackedOnly.Str("channelStatus"));
        Assert.Equal(JsonValueKind.Null, trackedOnly.GetProperty("commerceOrderId").ValueKind);
        Assert.Equal(6, Assert.Single(report.Array("refusals")).GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Catalog_UnknownSkuBlocks_WithTheReason()
    {
        var report = await JsonOf(Lines(Unshipped()));

        var order = report.Order(Id);
        Assert.Equal("Error", order.Str("channelStatus"));
        Assert.Contains("SKU-1", order.Str("error"), StringComparison.Ordinal);
        Assert.Equal(1, order.GetProperty("importAttempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, order.GetProperty("customer").ValueKind);
        Assert.Empty(report.Array("commerce", "orders"));
    }

    [Fact]
    public async Task Catalog_DisabledAndOutOfStockBlock_NotManagedDoesNot()
    {
        var report = await JsonOf(Lines(
            "{\"catalog\":[{\"sku\":\"OFF\",\"stock\":\"InStock\",\"enabled\":false},{\"sku\":\"OUT\",\"stock\":\"OutOfStock\"},{\"sku\":\"NM\",\"stock\":\"NotManaged\"}]}",
            Amazon(OrderJson("902-1000000-0000001", "Unshipped", T0), ItemJson("1", "OFF")),
            Amazon(OrderJson("902-1000000-0000002", "Unshipped", T0), ItemJson("2", "OUT")),
            Amazon(OrderJson("902-1000000-0000003", "Unshipped", T0), ItemJson("3", "NM"))));

        Assert.Contains("disabled", report.Order("902-1000000-0000001").Str("error"), StringComparison.Ordinal);
        Assert.Contains("out of stock", report.Order("902-1000000-0000002").Str("error"), StringComparison.Ordinal);
        Assert.Equal("Unshipped", report.Order("902-1000000-0000003").Str("channelStatus"));
    }

    [Fact]
    public async Task Customers_ExistingCustomerIsUsed_NewOnesCreatedOncePerEmail_NoEmailIsGuest()
    {
        var report = await Replay.File("customers-create-account.jsonl");

        Assert.Equal("1", report.Order("902-1000000-0000023").GetProperty("customer").Str("customerId"));
        Assert.Equal("Account", report.Order("902-1000000-0000023").GetProperty("customer").Str("kind"));
        Assert.Equal("2", report.Order("902-1000000-0000024").GetProperty("customer").Str("customerId"));
        Assert.Equal("2", report.Order("902-1000000-0000025").GetProperty("customer").Str("customerId"));
        Assert.Equal("Guest", report.Order("902-1000000-0000026").GetProperty("customer").Str("kind"));
        var customers = report.Array("commerce", "customers");
        Assert.Equal(2, customers.Length);
        Assert.Equal(["customerId", "email", "name"], customers[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("known.buyer@marketplace.amazon.com", customers[0].Str("email"));
        Assert.Equal("Known Buyer", customers[0].Str("name"));
        Assert.Equal(1, report.Calls("customers.CreateCustomer"));
        var guest = report.Array("commerce", "orders").Single(o => o.Str("amazonOrderId") == "902-1000000-0000026");
        Assert.True(guest.GetProperty("guest").GetBoolean());
        Assert.Equal(JsonValueKind.Null, guest.GetProperty("customerId").ValueKind);
        Assert.Equal("902-1000000-0000024", report.Array("commerce", "orders").Single(o => o.Str("customerId") == "2" && o.Str("amazonOrderId") == "902-1000000-0000024").Str("orderNumber"));
    }

    [Fact]
    public async Task Amazon_ItemsOmitted_PreviousItemsStay_AndAreFetchedByTheRuntime()
    {
        var report = await JsonOf(Lines(
            Catalog,
            Amazon(OrderJson(Id, "Pending", T0), ItemJson("11", quantity: 2)),
            Amazon(OrderJson(Id, "Unshipped", "2026-11-20T08:10:00Z"))));

        Assert.Equal(2, Assert.Single(Assert.Single(report.Array("commerce", "orders")).Array("items")).GetProperty("quantity").GetInt32());
        Assert.Equal(1, report.Calls("amazon.GetOrderItems"));
    }

    [Fact]
    public async Task Amazon_InvalidSnapshots_AreRefusedWithTheirLine_AndChangeNothing()
    {
        var report = await Replay.File("invalid-amazon-payloads.jsonl");

        var refusals = report.Array("refusals");
        Assert.Equal([3, 4, 5, 6], refusals.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal("902-1000000-00000XX", refusals[0].Str("amazonOrderId"));
        Assert.Contains("AmazonOrderId", refusals[0].Str("reason"), StringComparison.Ordinal);
        Assert.Contains("OrderStatus", refusals[1].Str("reason"), StringComparison.Ordinal);
        Assert.Contains("QuantityOrdered", refusals[2].Str("reason"), StringComparison.Ordinal);
        Assert.Contains("OrderTotal", refusals[3].Str("reason"), StringComparison.Ordinal);
        Assert.Equal(["902-1000000-0000030"], report.Array("orders").Select(o => o.Str("amazonOrderId")));
        Assert.Equal(1, report.Calls("amazon.GetOrderItems"));
    }

    [Fact]
    public async Task Amazon_DuplicateAndStaleObservations_ChangeNothing()
    {
        var report = await Replay.File("duplicate-and-stale.jsonl");

        var order = report.Order("902-1000000-0000005");
        Assert.Equal("Unshipped", order.Str("amazonStatus"));
        Assert.Equal(1, order.GetProperty("importAttempts").GetInt32());
        Assert.Single(report.Array("commerce", "orders"));
        Assert.Equal(1, report.Calls("amazon.GetOrderItems"));
        Assert.Equal(1, report.Calls("commerce.CreateOrder"));
    }

    [Fact]
    public async Task Amazon_FirstSeenLate_AndShippedOutsideCommerce()
    {
        var late = await Replay.File("first-seen-late.jsonl");
        Assert.Equal("complete", late.Order("902-1000000-0000006").Str("commerceStatus"));
        Assert.Equal("Shipped", late.Order("902-1000000-0000007").Str("channelStatus"));
        Assert.Equal("complete", late.Order("902-1000000-0000007").Str("commerceStatus"));
        Assert.Equal("1", Assert.Single(late.Array("amazon", "shipmentConfirmations")).Str("packageReferenceId"));
        Assert.Equal(8, Assert.Single(late.Array("refusals")).GetProperty("line").GetInt32());

        var outside = await Replay.File("shipped-outside-commerce.jsonl");
        Assert.Equal("complete", outside.Order("902-1000000-0000009").Str("commerceStatus"));
        Assert.Equal("Shipped", outside.Order("902-1000000-0000009").Str("channelStatus"));
        Assert.Empty(outside.Array("amazon", "shipmentConfirmations"));
        Assert.Equal(0, outside.Calls("amazon.ConfirmShipment"));
    }

    [Fact]
    public async Task Amazon_Cancels_CommerceOrderCancelled_NothingSentToAmazon()
    {
        var report = await Replay.File("amazon-cancels.jsonl");

        Assert.Equal("Canceled", report.Order("902-1000000-0000010").Str("channelStatus"));
        Assert.Equal("canceled", report.Order("902-1000000-0000010").Str("commerceStatus"));
        Assert.Equal("Canceled", report.Order("902-1000000-0000011").Str("channelStatus"));
        Assert.Equal(JsonValueKind.Null, report.Order("902-1000000-0000011").GetProperty("commerceOrderId").ValueKind);
        Assert.Single(report.Array("commerce", "orders"));
        Assert.Empty(report.Array("amazon", "cancellations"));
        Assert.Equal(0, report.Calls("amazon.CancelOrder"));
        Assert.Contains("canceled", Assert.Single(report.Array("refusals")).Str("reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shipment_PartialThenComplete_ConfirmedOncePerPackage()
    {
        var report = await JsonOf(Lines(
            Catalog,
            Unshipped(),
            Ship(Id, "1", "1Z999AA10000000001", "11", 1, at: "2026-11-20T09:00:00Z"),
            Ship(Id, "2", "1Z999AA10000000002", "11", 1, at: "2026-11-20T10:00:00Z")));

        var order = report.Order(Id);
        Assert.Equal("Shipped", order.Str("channelStatus"));
        Assert.Equal("complete", order.Str("commerceStatus"));
        Assert.Equal(2, report.Array("amazon", "shipmentConfirmations").Length);
    }

    [Fact]
    public async Task Shipment_BadOnesAreRefused_WithLines()
    {
        var report = await Replay.File("bad-shipments.jsonl");

        Assert.Equal(Enumerable.Range(5, 12), report.Array("refusals").Select(r => r.GetProperty("line").GetInt32()));
        var order = report.Order("902-1000000-0000015");
        Assert.Equal("TRK-12", Assert.Single(order.Array("packages")).Str("trackingNumber"));
        var confirmation = Assert.Single(report.Array("amazon", "shipmentConfirmations"));
        Assert.Equal("Other", confirmation.Str("carrierCode"));
        Assert.Equal("Local Courier", confirmation.Str("carrierName"));
    }

    [Fact]
    public async Task Shipment_SamePackageTwice_RecordedOnce_DuplicateConfirmationCountedInCalls()
    {
        var report = await Replay.File("same-package-twice.jsonl");

        var confirmation = Assert.Single(report.Array("amazon", "shipmentConfirmations"));
        Assert.Equal("1", confirmation.Str("packageReferenceId"));
        Assert.Equal(2, report.Calls("amazon.ConfirmShipment"));
        Assert.Single(report.Order("902-1000000-0000017").Array("packages"));
        var refusal = Assert.Single(report.Array("refusals"));
        Assert.Equal(7, refusal.GetProperty("line").GetInt32());
        Assert.Contains("already recorded with a different", refusal.Str("reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_AllowedWhileUnshipped_RefusedOtherwise()
    {
        var report = await Replay.File("merchant-cancel.jsonl");

        Assert.Equal("Canceled", report.Order("902-1000000-0000012").Str("channelStatus"));
        Assert.Equal("canceled", report.Order("902-1000000-0000012").Str("commerceStatus"));
        var cancellation = Assert.Single(report.Array("amazon", "cancellations"));
        Assert.Equal(["amazonOrderId", "reason"], cancellation.EnumerateObject().Select(p => p.Name));
        Assert.Equal("902-1000000-0000012", cancellation.Str("amazonOrderId"));
        Assert.Equal("NoInventory", cancellation.Str("reason"));
        Assert.Equal("PartiallyShipped", report.Order("902-1000000-0000013").Str("channelStatus"));
        Assert.Equal([6, 10, 13, 14, 15], report.Array("refusals").Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal("not-an-order", report.Array("refusals")[^1].Str("amazonOrderId"));
    }

    [Fact]
    public async Task Cancel_BuyerRequested_FlagVisible_ThenMerchantCancels()
    {
        var lines = Replay.Scenario("buyer-requests-cancel.jsonl").Split('\n');

        var flagged = await JsonOf(string.Join("\n", lines.Take(3)));
        Assert.True(flagged.Order("902-1845936-5435065").GetProperty("cancellationRequested").GetBoolean());
        Assert.Equal("Unshipped", flagged.Order("902-1845936-5435065").Str("channelStatus"));

        var cancelled = await JsonOf(string.Join("\n", lines));
        Assert.Equal("Canceled", cancelled.Order("902-1845936-5435065").Str("channelStatus"));
        Assert.Equal("BuyerCanceled", Assert.Single(cancelled.Array("amazon", "cancellations")).Str("reason"));
    }

    [Fact]
    public async Task Retry_AfterCatalogFix_Imports_AndRetryOfUnblockedIsRefused()
    {
        var report = await Replay.File("out-of-stock-retry.jsonl");

        var order = report.Order("902-1000000-0000001");
        Assert.Equal("Unshipped", order.Str("channelStatus"));
        Assert.Equal(JsonValueKind.Null, order.GetProperty("error").ValueKind);
        Assert.Equal(3, order.GetProperty("importAttempts").GetInt32());
        Assert.Equal(3, report.Calls("commerce.CreateOrder"));
        Assert.Equal(13, Assert.Single(report.Array("refusals")).GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Retry_UntrackedOrMalformedOrder_IsRefused()
    {
        var report = await JsonOf(Lines("{\"retry\":{\"amazonOrderId\":\"902-1000000-0000001\"}}", "{\"retry\":{}}"));

        Assert.Equal([1, 2], report.Array("refusals").Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal(JsonValueKind.Null, report.Array("refusals")[1].GetProperty("amazonOrderId").ValueKind);
    }

    [Fact]
    public async Task Sync_RetriesBlockedImports_UnderTheCapOnly()
    {
        var blocked = Lines("{\"settings\":{\"maxImportAttempts\":2}}", Unshipped(), "{\"sync\":{}}", "{\"sync\":{}}", "{\"sync\":{}}");

        var report = await JsonOf(blocked);

        Assert.Equal(2, report.Order(Id).GetProperty("importAttempts").GetInt32());
        Assert.Equal(2, report.Calls("commerce.CreateOrder"));
        Assert.Equal("Error", report.Order(Id).Str("channelStatus"));

        var fixedThenSync = await JsonOf(blocked + Lines(Catalog, "{\"sync\":{}}"));
        Assert.Equal("Error", fixedThenSync.Order(Id).Str("channelStatus"));

        var fixedBeforeCap = await JsonOf(Lines("{\"settings\":{\"maxImportAttempts\":2}}", Unshipped(), Catalog, "{\"sync\":{}}"));
        Assert.Equal("Unshipped", fixedBeforeCap.Order(Id).Str("channelStatus"));
    }

    [Fact]
    public async Task Sync_ReleasesHeldCalls_WhenReadOnlyIsTurnedOff()
    {
        var lines = Replay.Scenario("read-only.jsonl").Split('\n');

        var held = await JsonOf(string.Join("\n", lines.Take(9)));
        Assert.Empty(held.Array("amazon", "shipmentConfirmations"));
        Assert.Empty(held.Array("amazon", "cancellations"));
        Assert.False(Assert.Single(held.Order("902-1000000-0000018").Array("packages")).GetProperty("confirmedOnAmazon").GetBoolean());
        Assert.Equal(0, held.Calls("amazon.ConfirmShipment"));

        var released = await JsonOf(string.Join("\n", lines));
        Assert.Single(released.Array("amazon", "shipmentConfirmations"));
        Assert.Single(released.Array("amazon", "cancellations"));
        Assert.True(Assert.Single(released.Order("902-1000000-0000018").Array("packages")).GetProperty("confirmedOnAmazon").GetBoolean());
    }

    [Theory]
    [InlineData("transient", 2, 1)]
    [InlineData("throttled", 2, 1)]
    [InlineData("lost-response", 2, 1)]
    [InlineData("permanent", 1, 0)]
    [InlineData("malformed", 1, 0)]
    public async Task Fault_EachMode_FailedAttemptsCountedInCalls(string mode, int calls, int created)
    {
        var report = await JsonOf(Lines(
            Catalog,
            "{\"fault\":{\"port\":\"commerce\",\"operation\":\"CreateOrder\",\"mode\":\"" + mode + "\",\"count\":1}}",
            Unshipped()));

        Assert.Equal(calls, report.Calls("commerce.CreateOrder"));
        Assert.Equal(created, report.Array("commerce", "orders").Length);
        Assert.Equal(created == 1 ? "Unshipped" : "Error", report.Order(Id).Str("channelStatus"));
    }

    [Fact]
    public async Task Fault_LostResponses_OneOrderOneCustomerOneConfirmation()
    {
        var report = await Replay.File("lost-responses.jsonl");

        Assert.Single(report.Array("commerce", "orders"));
        Assert.Single(report.Array("commerce", "customers"));
        Assert.Single(report.Array("amazon", "shipmentConfirmations"));
        Assert.Equal(2, report.Calls("commerce.CreateOrder"));
        Assert.Equal(2, report.Calls("amazon.ConfirmShipment"));
        Assert.Equal("Account", report.Order("902-1000000-0000004").GetProperty("customer").Str("kind"));
    }

    [Fact]
    public async Task Fault_Throttling_IsRetried_PermanentIsNot()
    {
        var report = await Replay.File("throttling.jsonl");

        Assert.True(report.Order("902-1000000-0000021").Array("packages")[0].GetProperty("confirmedOnAmazon").GetBoolean());
        Assert.False(report.Order("902-1000000-0000022").Array("packages")[0].GetProperty("confirmedOnAmazon").GetBoolean());
        Assert.Equal(4 + 1, report.Calls("amazon.GetOrderItems"));
        Assert.Equal(8 + 1, report.Calls("amazon.ConfirmShipment"));
    }

    [Fact]
    public async Task Fault_StoreFailures_AreRetried()
    {
        var report = await JsonOf(Lines(
            Catalog,
            "{\"fault\":{\"port\":\"store\",\"operation\":\"Save\",\"mode\":\"transient\",\"count\":2}}",
            "{\"fault\":{\"port\":\"store\",\"operation\":\"Load\",\"mode\":\"permanent\",\"count\":2}}",
            Unshipped()));

        Assert.Equal("Unshipped", report.Order(Id).Str("channelStatus"));
        Assert.Single(report.Array("commerce", "orders"));
    }

    [Fact]
    public async Task Restart_ResumesUnfinishedWork_NothingTwice()
    {
        var lines = Replay.Scenario("restart.jsonl").Split('\n');

        var report = await Replay.File("restart.jsonl");

        var order = report.Order("902-1000000-0000020");
        Assert.Equal("complete", order.Str("commerceStatus"));
        Assert.True(Assert.Single(order.Array("packages")).GetProperty("confirmedOnAmazon").GetBoolean());
        Assert.Single(report.Array("commerce", "orders"));
        Assert.Single(report.Array("amazon", "shipmentConfirmations"));
        Assert.Equal(7, report.Calls("commerce.CreateOrder"));
        Assert.Contains(lines, l => l.Contains("\"restart\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EndOfFile_RetryableWorkIsFinished_BlockedImportsAreNot()
    {
        var report = await JsonOf(Lines(
            Catalog,
            "{\"fault\":{\"port\":\"amazon\",\"operation\":\"ConfirmShipment\",\"mode\":\"transient\",\"count\":12}}",
            Unshipped(),
            Unshipped("902-1000000-0000002").Replace("SKU-1", "UNKNOWN", StringComparison.Ordinal),
            Ship(Id, "1", "1Z999AA10000000001", "11", 2, at: "2026-11-20T09:00:00Z")));

        Assert.True(Assert.Single(report.Order(Id).Array("packages")).GetProperty("confirmedOnAmazon").GetBoolean());
        Assert.Equal(13, report.Calls("amazon.ConfirmShipment"));
        Assert.Equal(1, report.Order("902-1000000-0000002").GetProperty("importAttempts").GetInt32());
    }

    [Fact]
    public async Task Clock_FirstAtAppliesFromTheStart_AndNeverGoesBack()
    {
        // Ship dates are refused when in the future: they show where the clock is.
        var report = await JsonOf(Lines(
            Catalog.Replace("\"at\":\"2026-11-20T08:00:00Z\",", string.Empty, StringComparison.Ordinal),
            Amazon(OrderJson(Id, "Unshipped", T0), ItemJson("11", quantity: 4)),
            Ship(Id, "1", "1Z999AA10000000001", "11", 1, shipDate: "2030-01-01T00:00:00Z"),
            "{\"at\":\"2030-01-01T00:00:00Z\",\"sync\":{}}",
            Ship(Id, "2", "1Z999AA10000000002", "11", 1, shipDate: "2030-01-01T12:00:00Z", at: "2030-01-01T12:00:00Z"),
            Ship(Id, "3", "1Z3", "11", 1, shipDate: "2030-01-01T11:00:00Z", at: "2029-01-01T00:00:00Z"),
            Ship(Id, "4", "1Z4", "11", 1, shipDate: "2030-01-02T00:00:00Z")));

        Assert.Equal(["1", "2", "3"], report.Order(Id).Array("packages").Select(p => p.Str("packageReferenceId")));
        var refusal = Assert.Single(report.Array("refusals"));
        Assert.Equal(7, refusal.GetProperty("line").GetInt32());
        Assert.Contains("shipDate", refusal.Str("reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replays_AreDeterministic()
    {
        var text = Replay.Scenario("restart.jsonl") + Replay.Scenario("throttling.jsonl");

        var first = await AmazonFulfillment.Replay.ScenarioReplayer.RunAsync(text, json: false);
        var second = await AmazonFulfillment.Replay.ScenarioReplayer.RunAsync(text, json: false);

        Assert.Equal(first.Stdout, second.Stdout);
    }
}
