using System.Text.Json;

namespace AmazonFulfillment.Replay.Tests;

public class MarketplaceDayTests
{
    [Fact]
    public async Task MarketplaceDay_Replayed_KeepsTheGuarantees()
    {
        var text = Replay.Scenario("marketplace-day.jsonl");

        var report = await Replay.JsonOf(text);

        var orders = report.Array("orders");
        Assert.True(orders.Length >= 1_000);
        Assert.Contains(orders, o => o.Str("channel") == "Amazon");
        Assert.Contains(orders, o => o.Str("channel") == "Merchant");

        // One Commerce order per imported Amazon order.
        var imported = orders.Where(o => o.GetProperty("commerceOrderId").ValueKind != JsonValueKind.Null).Select(o => o.Str("amazonOrderId")).ToHashSet();
        var commerce = report.Array("commerce", "orders").Select(o => o.Str("amazonOrderId")).ToList();
        Assert.Equal(commerce.Count, commerce.Distinct().Count());
        Assert.True(imported.SetEquals(commerce));
        Assert.True(imported.Count >= 900);

        // One customer per email.
        var emails = report.Array("commerce", "customers").Select(c => c.Str("email")!.ToUpperInvariant()).ToList();
        Assert.Equal(emails.Count, emails.Distinct().Count());

        // One confirmation per package, and only for packages the channel recorded.
        var confirmations = report.Array("amazon", "shipmentConfirmations").Select(c => (c.Str("amazonOrderId"), c.Str("packageReferenceId"))).ToList();
        Assert.Equal(confirmations.Count, confirmations.Distinct().Count());
        var packages = orders.SelectMany(o => o.Array("packages").Select(p => (o.Str("amazonOrderId"), p.Str("packageReferenceId")))).ToHashSet();
        Assert.Subset(packages, confirmations.ToHashSet());
        Assert.True(confirmations.Count >= 500);

        // No FBA order before Shipped, and nothing ever sent to Amazon for FBA orders.
        var fba = orders.Where(o => o.Str("channel") == "Amazon").ToList();
        Assert.All(fba, o => Assert.Contains(o.Str("amazonStatus"), new[] { "Shipped", "InvoiceUnconfirmed" }));
        var fbaIds = fba.Select(o => o.Str("amazonOrderId")).ToHashSet();
        Assert.DoesNotContain(confirmations, c => fbaIds.Contains(c.Item1));
        Assert.DoesNotContain(report.Array("amazon", "cancellations"), c => fbaIds.Contains(c.Str("amazonOrderId")));

        // Complete only when complete; one cancellation per order.
        Assert.All(orders.Where(o => o.Str("commerceStatus") == "complete"), o => Assert.Equal("Shipped", o.Str("channelStatus")));
        var cancellations = report.Array("amazon", "cancellations").Select(c => c.Str("amazonOrderId")).ToList();
        Assert.Equal(cancellations.Count, cancellations.Distinct().Count());

        // Faults of every mode happened, and failed attempts are counted.
        Assert.Contains("\"mode\":\"lost-response\"", text, StringComparison.Ordinal);
        Assert.Contains("\"mode\":\"throttled\"", text, StringComparison.Ordinal);
        Assert.Contains("\"mode\":\"permanent\"", text, StringComparison.Ordinal);
        Assert.Contains("\"mode\":\"transient\"", text, StringComparison.Ordinal);
        Assert.True(report.Calls("commerce.CreateOrder") > commerce.Count);
    }
}
