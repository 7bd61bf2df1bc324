using AmazonFulfillment.Replay;
using static AmazonFulfillment.Replay.Tests.Replay;

namespace AmazonFulfillment.Replay.Tests;

public class ScenarioFileFormatTests
{
    [Theory]
    [InlineData("{\"sync\":{}", "malformed JSON")]
    [InlineData("{\"sync\":{},\"restart\":{}}", "two event keys")]
    [InlineData("{\"shipments\":{}}", "unknown key 'shipments'")]
    [InlineData("{\"at\":\"2026-11-20T08:00:00Z\"}", "no event key")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"at\":\"yesterday\",\"sync\":{}}", "'at' value 'yesterday'")]
    [InlineData("{\"at\":12,\"sync\":{}}", "'at' must be an ISO-8601")]
    [InlineData("{\"fault\":{\"port\":\"amazon\",\"operation\":\"ConfirmShipment\",\"mode\":\"flaky\",\"count\":1}}", "fault.mode 'flaky'")]
    [InlineData("{\"fault\":{\"port\":\"amazon\",\"operation\":\"CancelOrder\",\"mode\":\"dropped\",\"count\":1}}", "fault.mode 'dropped' applies to amazon ConfirmShipment only")]
    [InlineData("{\"settings\":{\"confirmationCheckAfter\":\"soon\"}}", "settings.confirmationCheckAfter must be a duration")]
    [InlineData("{\"settings\":{\"confirmationCheckAfter\":\"00:00:10\"}}", "ConfirmationCheckAfter 00:00:10 must be between one minute and seven days")]
    [InlineData("{\"fault\":{\"port\":\"ftp\",\"operation\":\"Load\",\"mode\":\"transient\",\"count\":1}}", "fault.port 'ftp'")]
    [InlineData("{\"fault\":{\"port\":\"store\",\"operation\":\"Delete\",\"mode\":\"transient\",\"count\":1}}", "fault.operation 'Delete'")]
    [InlineData("{\"fault\":{\"port\":\"store\",\"operation\":\"Save\",\"mode\":\"transient\",\"count\":0}}", "fault.count")]
    [InlineData("{\"fault\":{\"operation\":\"Save\",\"mode\":\"transient\"}}", "fault.port is required")]
    [InlineData("{\"settings\":{\"maxImportAttempts\":0}}", "MaxImportAttempts 0 must be at least 1")]
    [InlineData("{\"settings\":{\"storeView\":\"my store\"}}", "StoreView 'my store'")]
    [InlineData("{\"settings\":{\"customerCreation\":\"Always\"}}", "settings.customerCreation")]
    [InlineData("{\"settings\":{\"readOnly\":\"yes\"}}", "settings.readOnly must be true or false")]
    [InlineData("{\"settings\":{\"importOrder\":true}}", "unknown setting 'importOrder'")]
    [InlineData("{\"catalog\":[{\"stock\":\"InStock\"}]}", "catalog[0].sku is required")]
    [InlineData("{\"catalog\":[{\"sku\":\"A\",\"stock\":\"Plenty\"}]}", "catalog[0].stock 'Plenty'")]
    [InlineData("{\"catalog\":{\"sku\":\"A\"}}", "'catalog' must be an array")]
    [InlineData("{\"customers\":[{\"name\":\"No Email\"}]}", "customers[0].email is required")]
    [InlineData("{\"customers\":[{\"email\":\"not-an-email\"}]}", "customers[0].email is not an email address")]
    [InlineData("{\"amazon\":{\"items\":[]}}", "amazon.order is required")]
    [InlineData("{\"amazon\":{\"order\":\"902-1845936-5435065\"}}", "amazon.order must be")]
    [InlineData("{\"shipment\":[]}", "'shipment' must be a JSON object")]
    [InlineData("{\"shipment\":{\"trackingNo\":\"1Z\"}}", "unknown key 'trackingNo'")]
    [InlineData("{\"cancel\":{\"amazonOrderId\":902}}", "cancel.amazonOrderId must be a string")]
    [InlineData("{\"sync\":{\"now\":true}}", "unknown key 'now' in sync")]
    [InlineData("{\"amazonStore\":12,\"sync\":{}}", "'amazonStore' must be the name of an Amazon store")]
    [InlineData("{\"amazonStore\":\"  \",\"sync\":{}}", "'amazonStore': the store name is required.")]
    [InlineData("{\"amazonStore\":\"eu\"}", "no event key")]
    public async Task InvalidLine_Exit2_WithLineNumberAndReason_AndNothingOnStdout(string bad, string reason)
    {
        // Valid lines before the bad one must not run: the whole file is checked first.
        var text = Lines("// a comment", Catalog, string.Empty, Amazon(OrderJson("902-1000000-0000001", "Unshipped", "2026-11-20T08:00:00Z"), ItemJson("1")), bad, "{\"sync\":{}}");

        var result = await ScenarioReplayer.RunAsync(text, json: true);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith("line 5: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(reason, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AmazonStore_EachStoreDecidesWithItsOwnSettings_AndLinesWithoutOneBelongToTheDefaultStore()
    {
        var text = Lines(
            "{\"amazonStore\":\"default\",\"at\":\"2026-11-20T08:00:00Z\",\"settings\":{\"orderNumberSource\":\"Amazon\"}}",
            "{\"amazonStore\":\"eu\",\"settings\":{\"storeView\":\"de\",\"readOnly\":true}}",
            Catalog,
            Amazon(OrderJson("902-1000000-0000001", "Unshipped", "2026-11-20T08:00:00Z"), ItemJson("1")),
            "{\"amazonStore\":\"eu\"," + Amazon(OrderJson("902-1000000-0000002", "Unshipped", "2026-11-20T08:00:00Z"), ItemJson("2"))[1..],
            "{\"sync\":{},\"amazonStore\":\"eu\"}");

        var report = await JsonOf(text);

        Assert.Equal(["default", "eu"], report.Array("orders").Select(o => o.Str("amazonStore")));
        var commerce = report.Array("commerce", "orders");
        Assert.Equal(["902-1000000-0000001", "000000002"], commerce.Select(o => o.Str("orderNumber"))); // "eu" numbers by Commerce, the default store by Amazon
        Assert.Equal(["default", "de"], commerce.Select(o => o.Str("storeView")));
        var readable = await ScenarioReplayer.RunAsync(text, json: false);
        Assert.Equal(0, readable.ExitCode);
        Assert.Contains("902-1000000-0000002  eu", readable.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlankAndCommentLines_AreSkipped_ButCounted()
    {
        var text = Lines("// first", string.Empty, "   ", "  // indented comment", "{\"retry\":{\"amazonOrderId\":\"902-1000000-0000001\"}}");

        var report = await JsonOf(text);

        var refusal = Assert.Single(report.Array("refusals"));
        Assert.Equal(5, refusal.GetProperty("line").GetInt32());
        Assert.Equal("902-1000000-0000001", refusal.Str("amazonOrderId"));
    }

    [Fact]
    public async Task CrLfLineEndings_AreAccepted()
    {
        var result = await ScenarioReplayer.RunAsync("{\"sync\":{}}\r\n// c\r\n{\"restart\":{}}\r\n", json: true);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task EmptyFile_ReportsNothing()
    {
        var report = await JsonOf(string.Empty);
        Assert.Empty(report.Array("orders"));
        Assert.Empty(report.Array("commerce", "orders"));
        Assert.Empty(report.Array("refusals"));
    }
}
