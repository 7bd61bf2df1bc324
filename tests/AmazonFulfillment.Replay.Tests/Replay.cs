using System.Text.Json;
using AmazonFulfillment.Replay;

namespace AmazonFulfillment.Replay.Tests;

/// <summary>Runs scenarios in-process and parses the JSON report.</summary>
internal static class Replay
{
    public static string Scenario(string name) => System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "scenarios", name));

    public static async Task<JsonElement> JsonOf(string text)
    {
        var result = await ScenarioReplayer.RunAsync(text, json: true);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }

    public static Task<JsonElement> File(string name) => JsonOf(Scenario(name));

    public static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    /// <summary>The first <paramref name="lines"/> lines of a scenario, to see the report part-way through.</summary>
    public static string Upto(string text, int lines) => string.Join("\n", text.Split('\n').Take(lines)) + "\n";

    public static JsonElement Order(this JsonElement report, string id) =>
        report.GetProperty("orders").EnumerateArray().Single(o => o.GetProperty("amazonOrderId").GetString() == id);

    public static bool HasOrder(this JsonElement report, string id) =>
        report.GetProperty("orders").EnumerateArray().Any(o => o.GetProperty("amazonOrderId").GetString() == id);

    public static string? Str(this JsonElement e, string name) => e.GetProperty(name).GetString();

    public static int Calls(this JsonElement report, string operation) =>
        report.GetProperty("calls").TryGetProperty(operation, out var n) ? n.GetInt32() : 0;

    public static JsonElement[] Array(this JsonElement e, params string[] path)
    {
        foreach (var p in path)
        {
            e = e.GetProperty(p);
        }

        return e.EnumerateArray().ToArray();
    }

    /// <summary>A minimal SP-API v0 Order object.</summary>
    public static string OrderJson(string id, string status, string updated, string channel = "MFN", string? email = null, string total = "10.00") =>
        "{\"AmazonOrderId\":\"" + id + "\",\"PurchaseDate\":\"2026-11-20T08:00:00Z\",\"LastUpdateDate\":\"" + updated + "\",\"OrderStatus\":\"" + status +
        "\",\"FulfillmentChannel\":\"" + channel + "\",\"MarketplaceId\":\"ATVPDKIKX0DER\"" +
        (status is "Pending" ? string.Empty : ",\"OrderTotal\":{\"CurrencyCode\":\"USD\",\"Amount\":\"" + total + "\"}") +
        (email is null ? string.Empty : ",\"BuyerInfo\":{\"BuyerEmail\":\"" + email + "\",\"BuyerName\":\"Jane Doe\"}") + "}";

    /// <summary>A minimal SP-API v0 OrderItem object.</summary>
    public static string ItemJson(string itemId, string sku = "SKU-1", int quantity = 1, string price = "10.00", int shipped = 0) =>
        "{\"OrderItemId\":\"" + itemId + "\",\"SellerSKU\":\"" + sku + "\",\"QuantityOrdered\":" + quantity + ",\"QuantityShipped\":" + shipped +
        ",\"ItemPrice\":{\"CurrencyCode\":\"USD\",\"Amount\":\"" + price + "\"}}";

    public static string Amazon(string order, params string[] items) =>
        "{\"amazon\":{\"order\":" + order + (items.Length == 0 ? string.Empty : ",\"items\":[" + string.Join(",", items) + "]") + "}}";

    public static string Ship(string id, string reference, string tracking, string itemId, int quantity, string shipDate = "2026-11-20T09:00:00Z", string? at = null) =>
        "{" + (at is null ? string.Empty : "\"at\":\"" + at + "\",") + "\"shipment\":{\"amazonOrderId\":\"" + id + "\",\"packageReferenceId\":\"" + reference +
        "\",\"carrierCode\":\"UPS\",\"trackingNumber\":\"" + tracking + "\",\"shipDate\":\"" + shipDate + "\",\"items\":[{\"orderItemId\":\"" + itemId + "\",\"quantity\":" + quantity + "}]}}";

    public const string Catalog = "{\"at\":\"2026-11-20T08:00:00Z\",\"catalog\":[{\"sku\":\"SKU-1\",\"stock\":\"InStock\",\"enabled\":true}]}";
}
