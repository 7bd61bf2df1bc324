using System.Text.Json;
using AmazonFulfillment.Domain;
using static AmazonFulfillment.Replay.Tests.Replay;

namespace AmazonFulfillment.Replay.Tests;

/// <summary>One bundled scenario per rule of docs/rules.md section 3a (when the other side says no, and when settings change mid-flight).</summary>
public class UnhappyPathTests
{
    [Fact]
    public async Task CancelRefusedByAmazon_CommerceNotCancelled_ErrorShown_OrderStaysShippable()
    {
        var text = Replay.Scenario("unhappy-cancel-refused.jsonl");

        var refused = await JsonOf(Upto(text, 8));
        foreach (var id in new[] { "902-2000000-0000001", "902-2000000-0000002" })
        {
            var order = refused.Order(id);
            Assert.Equal("Unshipped", order.Str("channelStatus"));
            Assert.Equal("pending", order.Str("commerceStatus"));
            Assert.Contains("Amazon refused the cancellation", order.Str("error"), StringComparison.Ordinal);
        }

        Assert.All(refused.Array("commerce", "orders"), o => Assert.Equal("pending", o.Str("status")));
        Assert.Empty(refused.Array("amazon", "cancellations"));
        Assert.Equal(0, refused.Calls("commerce.CancelOrder"));

        var report = await JsonOf(text);
        var shipped = report.Order("902-2000000-0000001");
        Assert.Equal("Shipped", shipped.Str("channelStatus"));
        Assert.Equal("complete", shipped.Str("commerceStatus"));
        Assert.Equal(JsonValueKind.Null, shipped.GetProperty("error").ValueKind);
        Assert.Equal("confirmed", Assert.Single(shipped.Array("packages")).Str("confirmation"));
        var canceled = report.Order("902-2000000-0000002");
        Assert.Equal("Canceled", canceled.Str("channelStatus"));
        Assert.Equal("canceled", canceled.Str("commerceStatus"));
        Assert.Equal(JsonValueKind.Null, canceled.GetProperty("error").ValueKind);
        Assert.Equal("902-2000000-0000002", Assert.Single(report.Array("amazon", "cancellations")).Str("amazonOrderId"));
        Assert.Equal(3, report.Calls("amazon.CancelOrder"));
        Assert.Equal(1, report.Calls("commerce.CancelOrder"));
        Assert.Empty(report.Array("refusals"));
    }

    [Fact]
    public async Task ConfirmationLost_FoundWhenReadBack_SentAgainOnce_EachPackageHeldOnce()
    {
        var text = Replay.Scenario("unhappy-confirmation-lost.jsonl");

        var early = await JsonOf(Upto(text, 13));
        Assert.Equal(0, early.Calls("amazon.GetConfirmedPackages")); // not due: Amazon is not asked
        Assert.Equal("902-2000000-0000032", Assert.Single(early.Array("amazon", "shipmentConfirmations")).Str("amazonOrderId"));
        var lost = Assert.Single(early.Order("902-2000000-0000031").Array("packages"));
        Assert.Equal("confirmed", lost.Str("confirmation")); // Amazon said yes
        Assert.Equal("notChecked", lost.Str("verification"));

        var resent = Assert.Single((await JsonOf(Upto(text, 15))).Order("902-2000000-0000031").Array("packages"));
        Assert.Equal("notOnAmazon", resent.Str("verification"));
        Assert.Equal(1, resent.GetProperty("resends").GetInt32());
        Assert.Equal("2026-11-20T10:31:00Z", resent.Str("confirmedAt"));

        var report = await JsonOf(text);
        foreach (var id in new[] { "902-2000000-0000031", "902-2000000-0000032" })
        {
            var package = Assert.Single(report.Order(id).Array("packages"));
            Assert.Equal("confirmed", package.Str("confirmation"));
            Assert.Equal("onAmazon", package.Str("verification"));
            Assert.Equal(JsonValueKind.Null, report.Order(id).GetProperty("error").ValueKind);
        }

        Assert.Equal(0, Assert.Single(report.Order("902-2000000-0000032").Array("packages")).GetProperty("resends").GetInt32());
        Assert.Equal(2, report.Array("amazon", "shipmentConfirmations").Count());
        Assert.Equal(3, report.Calls("amazon.ConfirmShipment")); // two packages, one sent again
        Assert.Equal(3, report.Calls("amazon.GetConfirmedPackages"));
        Assert.Empty(report.Array("refusals"));
    }

    [Fact]
    public async Task ConfirmationRefused_ShownAsRefusedAndError_CorrectedOrRetried_ThenConfirmed()
    {
        var text = Replay.Scenario("unhappy-confirmation-refused.jsonl");

        var refused = await JsonOf(Upto(text, 8));
        foreach (var id in new[] { "902-2000000-0000011", "902-2000000-0000012" })
        {
            var order = refused.Order(id);
            Assert.Equal("Error", order.Str("channelStatus"));
            Assert.Contains("Amazon refused the confirmation of package 1", order.Str("error"), StringComparison.Ordinal);
            var package = Assert.Single(order.Array("packages"));
            Assert.Equal("refused", package.Str("confirmation"));
            Assert.False(package.GetProperty("confirmedOnAmazon").GetBoolean());
            Assert.Contains("permanent failure of amazon.ConfirmShipment", package.Str("reason"), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Null, package.GetProperty("confirmedAt").ValueKind);
        }

        Assert.Empty(refused.Array("amazon", "shipmentConfirmations"));

        var report = await JsonOf(text);
        var corrected = report.Order("902-2000000-0000011");
        Assert.Equal("Shipped", corrected.Str("channelStatus"));
        Assert.Equal(JsonValueKind.Null, corrected.GetProperty("error").ValueKind);
        var package1 = Assert.Single(corrected.Array("packages"));
        Assert.Equal("confirmed", package1.Str("confirmation"));
        Assert.Equal("1Z999AA10200000011", package1.Str("trackingNumber"));
        Assert.Equal(JsonValueKind.Null, package1.GetProperty("reason").ValueKind);
        Assert.Equal("2026-11-20T11:00:00Z", package1.Str("confirmedAt"));
        var retried = report.Order("902-2000000-0000012");
        Assert.Equal("Shipped", retried.Str("channelStatus"));
        Assert.Equal(JsonValueKind.Null, retried.GetProperty("error").ValueKind);
        Assert.Equal("2026-11-20T11:05:00Z", Assert.Single(retried.Array("packages")).Str("confirmedAt"));

        var confirmations = report.Array("amazon", "shipmentConfirmations");
        Assert.Equal(2, confirmations.Length);
        Assert.Equal("1Z999AA10200000011", confirmations.Single(c => c.Str("amazonOrderId") == "902-2000000-0000011").Str("trackingNumber"));
        Assert.Equal(4, report.Calls("amazon.ConfirmShipment"));
        Assert.Empty(report.Array("refusals"));
    }

    [Fact]
    public async Task AmazonCancelsWithConfirmationsQueued_DroppedWithReason_ParcelToRecover_NothingSentAfter()
    {
        var report = await Replay.File("unhappy-amazon-cancels-queued.jsonl");

        foreach (var id in new[] { "902-2000000-0000021", "902-2000000-0000022" })
        {
            var order = report.Order(id);
            Assert.Equal("Canceled", order.Str("channelStatus"));
            Assert.Contains("recover the parcel", order.Str("error"), StringComparison.Ordinal);
            var package = Assert.Single(order.Array("packages"));
            Assert.Equal("dropped", package.Str("confirmation"));
            Assert.False(package.GetProperty("confirmedOnAmazon").GetBoolean());
            Assert.Contains("Canceled", package.Str("reason"), StringComparison.Ordinal);
        }

        // The pending confirmation: only the five failed attempts before Amazon's cancellation; the held one: never sent.
        Assert.Equal(5, report.Calls("amazon.ConfirmShipment"));
        Assert.Empty(report.Array("amazon", "shipmentConfirmations"));
        Assert.Empty(report.Array("amazon", "cancellations"));
        Assert.Equal(0, report.Calls("amazon.CancelOrder"));

        // Commerce is still asked to cancel: the processing order is cancelled, the complete one refuses.
        Assert.Equal(2, report.Calls("commerce.CancelOrder"));
        var commerce = report.Array("commerce", "orders");
        Assert.Equal("canceled", commerce.Single(o => o.Str("amazonOrderId") == "902-2000000-0000021").Str("status"));
        Assert.Equal("complete", commerce.Single(o => o.Str("amazonOrderId") == "902-2000000-0000022").Str("status"));

        var text = (await ScenarioReplayer.RunAsync(Replay.Scenario("unhappy-amazon-cancels-queued.jsonl"), json: false)).Stdout;
        Assert.Contains("DROPPED WORK (2)", text, StringComparison.Ordinal);
        Assert.Contains("dropped", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadOnlySwitchedOnWithConfirmationQueued_HeldByResumeAndSync_ReleasedWhenOff()
    {
        var text = Replay.Scenario("unhappy-read-only-queued.jsonl");

        var held = await JsonOf(Upto(text, 13));
        Assert.Equal(5, held.Calls("amazon.ConfirmShipment")); // only the failed attempts before read-only mode
        Assert.Empty(held.Array("amazon", "shipmentConfirmations"));
        foreach (var id in new[] { "902-2000000-0000031", "902-2000000-0000032" })
        {
            var package = Assert.Single(held.Order(id).Array("packages"));
            Assert.Equal("held", package.Str("confirmation"));
            Assert.False(package.GetProperty("confirmedOnAmazon").GetBoolean());
            Assert.Equal(JsonValueKind.Null, package.GetProperty("reason").ValueKind);
        }

        var readable = (await ScenarioReplayer.RunAsync(Upto(text, 13), json: false)).Stdout;
        Assert.Contains("HELD WORK (2)", readable, StringComparison.Ordinal);
        Assert.Contains("held by read-only mode", readable, StringComparison.Ordinal);

        var report = await JsonOf(text);
        Assert.Equal(7, report.Calls("amazon.ConfirmShipment"));
        Assert.Equal(2, report.Array("amazon", "shipmentConfirmations").Length);
        foreach (var id in new[] { "902-2000000-0000031", "902-2000000-0000032" })
        {
            var package = Assert.Single(report.Order(id).Array("packages"));
            Assert.Equal("confirmed", package.Str("confirmation"));
            Assert.Equal("2026-11-20T12:00:00Z", package.Str("confirmedAt"));
        }
    }

    [Fact]
    public async Task ImportOrdersSwitchedOff_NoCommerceOrderBySyncObservationOrQueuedStep_RetryRefused_ResumesWhenOn()
    {
        var text = Replay.Scenario("unhappy-import-off-blocked.jsonl");

        var off = await JsonOf(Upto(text, 15));
        Assert.Empty(off.Array("commerce", "orders"));
        Assert.Equal(6, off.Calls("commerce.CreateOrder")); // the out-of-stock refusal and the five transient failures, none while off
        var blocked = off.Order("902-2000000-0000041");
        Assert.Equal("Error", blocked.Str("channelStatus"));
        Assert.Contains("out of stock", blocked.Str("error"), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, off.Order("902-2000000-0000042").GetProperty("commerceOrderId").ValueKind);
        var refusal = Assert.Single(off.Array("refusals"));
        Assert.Equal(13, refusal.GetProperty("line").GetInt32());
        Assert.Contains("ImportOrders is off", refusal.Str("reason"), StringComparison.Ordinal);

        var report = await JsonOf(text);
        Assert.Equal(2, report.Array("commerce", "orders").Length);
        foreach (var id in new[] { "902-2000000-0000041", "902-2000000-0000042" })
        {
            var order = report.Order(id);
            Assert.Equal("Unshipped", order.Str("channelStatus"));
            Assert.Equal("pending", order.Str("commerceStatus"));
            Assert.Equal(JsonValueKind.Null, order.GetProperty("error").ValueKind);
        }

        Assert.Equal(8, report.Calls("commerce.CreateOrder"));
    }

    [Fact]
    public async Task OtherCarrierWithSpacesOrLowerCase_WithoutName_IsRefused_WithNameIsSentAsOther()
    {
        var report = await Replay.File("unhappy-other-carrier.jsonl");

        var refusals = report.Array("refusals");
        Assert.Equal([4, 5], refusals.Select(r => r.GetProperty("line").GetInt32()));
        Assert.All(refusals, r => Assert.Contains("carrierName", r.Str("reason"), StringComparison.Ordinal));
        var package = Assert.Single(report.Order("902-2000000-0000051").Array("packages"));
        Assert.Equal("Other", package.Str("carrierCode"));
        Assert.Equal("confirmed", package.Str("confirmation"));
        var confirmation = Assert.Single(report.Array("amazon", "shipmentConfirmations"));
        Assert.Equal("Other", confirmation.Str("carrierCode"));
        Assert.Equal("Royal Mail", confirmation.Str("carrierName"));
        Assert.Equal(1, report.Calls("amazon.ConfirmShipment"));
    }

    [Fact]
    public async Task MalformedPortResults_BlockTheImportWithTheReason_NeverADoubledLine()
    {
        var text = Replay.Scenario("unhappy-malformed-port-results.jsonl");

        var blocked = await JsonOf(Upto(text, 7));
        var items = blocked.Order("902-2000000-0000061");
        Assert.Equal("Error", items.Str("channelStatus"));
        Assert.Contains("listed order item 20000000000061 twice", items.Str("error"), StringComparison.Ordinal);
        var creation = blocked.Order("902-2000000-0000062");
        Assert.Equal("Error", creation.Str("channelStatus"));
        Assert.Contains("success without an order", creation.Str("error"), StringComparison.Ordinal);
        Assert.Empty(blocked.Array("commerce", "orders"));

        var report = await JsonOf(text);
        var commerce = report.Array("commerce", "orders");
        Assert.Equal(2, commerce.Length);
        var line = Assert.Single(commerce.Single(o => o.Str("amazonOrderId") == "902-2000000-0000061").Array("items"));
        Assert.Equal(2, line.GetProperty("quantity").GetInt32());
        Assert.All(report.Array("orders"), o => Assert.Equal(JsonValueKind.Null, o.GetProperty("error").ValueKind));
        Assert.Equal(3, report.Calls("amazon.GetOrderItems"));
    }

    [Fact]
    public async Task PoisonedOrder_IsSkippedAndReported_TheOthersAreImported_ItselfAtTheNextSync()
    {
        var text = Replay.Scenario("unhappy-poisoned-order.jsonl");

        var first = await ScenarioReplayer.RunAsync(Upto(text, 10), json: true);
        Assert.Equal(0, first.ExitCode);
        using (var document = JsonDocument.Parse(first.Stdout))
        {
            var report = document.RootElement;
            Assert.Equal(JsonValueKind.Null, report.Order("902-2000000-0000071").GetProperty("commerceOrderId").ValueKind);
            Assert.Equal("Error", report.Order("902-2000000-0000071").Str("channelStatus"));
            Assert.Equal("Unshipped", report.Order("902-2000000-0000072").Str("channelStatus"));
            Assert.Equal("Unshipped", report.Order("902-2000000-0000073").Str("channelStatus"));
            Assert.Equal(2, report.Array("commerce", "orders").Length);
        }

        var readable = (await ScenarioReplayer.RunAsync(Upto(text, 10), json: false)).Stdout;
        Assert.Contains("processing failed (InjectedStoreFaultException): skipped, tried again at the next sweep", readable, StringComparison.Ordinal);

        var final = await JsonOf(text);
        Assert.Equal(3, final.Array("commerce", "orders").Length);
        Assert.All(final.Array("orders"), o => Assert.Equal("Unshipped", o.Str("channelStatus")));
    }

    [Fact]
    public async Task BuyerData_KeptOnlyWhileAnImportNeedsIt_DroppedOnceInCommerceOrCancelled()
    {
        var text = Replay.Scenario("unhappy-buyer-data-dropped.jsonl");

        var blocked = await ScenarioReplayer.ReplayAsync(ScenarioParser.Parse(Upto(text, 10)).Events);
        var orders = blocked.Harness.OrderStore.All().ToDictionary(s => s.Order.Id.Value, s => s.Order);
        Assert.Null(orders["902-2000000-0000081"].Buyer); // in Commerce: dropped
        Assert.Null(orders["902-2000000-0000081"].ShippingAddress);
        Assert.NotNull(orders["902-2000000-0000082"].Buyer); // blocked: its retry needs them
        Assert.Null(orders["902-2000000-0000083"].Buyer); // cancelled: dropped
        Assert.Null(orders["902-2000000-0000083"].ShippingAddress);

        var run = await ScenarioReplayer.ReplayAsync(ScenarioParser.Parse(text).Events);
        Assert.All(run.Harness.OrderStore.All(), s => Assert.Null(s.Order.Buyer));
        Assert.All(run.Harness.OrderStore.All(), s => Assert.Null(s.Order.ShippingAddress));

        // Visible in the report: the orders need no attention, the buyers live in Commerce, and no order object carries buyer data.
        var report = JsonSerializer.Deserialize<JsonElement>(JsonReport.Write(run));
        Assert.All(report.Array("orders"), o => Assert.Equal(JsonValueKind.Null, o.GetProperty("error").ValueKind));
        Assert.Equal(
            ["first.buyer@marketplace.amazon.com", "second.buyer@marketplace.amazon.com", "third.buyer@marketplace.amazon.com"],
            report.Array("commerce", "customers").Select(c => c.Str("email")));
        Assert.All(report.Array("orders"), o => Assert.DoesNotContain("buyer", o.GetRawText(), StringComparison.OrdinalIgnoreCase));
    }
}
