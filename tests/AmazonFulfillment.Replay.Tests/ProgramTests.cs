using System.Text.Json;

namespace AmazonFulfillment.Replay.Tests;

public class ProgramTests
{
    private static string ScenarioPath(string name) => Path.Combine(AppContext.BaseDirectory, "scenarios", name);

    [Fact]
    public async Task Json_StdoutIsExactlyOneJsonDocument()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await Program.RunAsync([ScenarioPath("walkthrough-mfn.jsonl"), "--json"], stdout, stderr);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr.ToString());
        var bytes = System.Text.Encoding.UTF8.GetBytes(stdout.ToString());
        var reader = new Utf8JsonReader(bytes);
        using var document = JsonDocument.ParseValue(ref reader);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        Assert.True(string.IsNullOrWhiteSpace(System.Text.Encoding.UTF8.GetString(bytes.AsSpan((int)reader.BytesConsumed))));
        Assert.Equal(["orders", "commerce", "amazon", "refusals", "calls"], document.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Text_ShowsTimelineSummaryAndCalls()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await Program.RunAsync([ScenarioPath("walkthrough-mfn.jsonl")], stdout, stderr);

        var text = stdout.ToString();
        Assert.Equal(0, code);
        Assert.Contains("TIMELINE", text, StringComparison.Ordinal);
        Assert.Contains("imported: Commerce order 000000001", text, StringComparison.Ordinal);
        Assert.Contains("package 2 confirmed on Amazon", text, StringComparison.Ordinal);
        Assert.Contains("ORDERS", text, StringComparison.Ordinal);
        Assert.Contains("902-1845936-5435065  default  MFN      Shipped        Shipped         000000001       complete         guest     2/2                 2026-11-22T23:59:59Z (done)", text, StringComparison.Ordinal);
        Assert.Contains("amazon.ConfirmShipment", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFile_Exit2()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await Program.RunAsync([ScenarioPath("no-such.jsonl"), "--json"], stdout, stderr);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout.ToString());
        Assert.Contains("cannot read", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoArguments_Exit2_WithUsage()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        Assert.Equal(2, await Program.RunAsync([], stdout, stderr));
        Assert.Contains("usage", stderr.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("customers-create-account.jsonl")]
    [InlineData("walkthrough-mfn.jsonl")]
    [InlineData("lost-responses.jsonl")]
    public async Task BuyerData_AppearsOnlyInCommerceCustomers(string scenario)
    {
        var text = Replay.Scenario(scenario);
        var json = await AmazonFulfillment.Replay.ScenarioReplayer.RunAsync(text, json: true);
        var readable = await AmazonFulfillment.Replay.ScenarioReplayer.RunAsync(text, json: false);

        Assert.DoesNotContain("@", readable.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("WESTLAKE", readable.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane Doe", readable.Stdout, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Stdout);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var section = property.Name == "commerce" ? property.Value.GetProperty("orders").GetRawText() : property.Value.GetRawText();
            Assert.DoesNotContain("@", section, StringComparison.Ordinal);
            Assert.DoesNotContain("WESTLAKE", section, StringComparison.Ordinal);
        }
    }
}
