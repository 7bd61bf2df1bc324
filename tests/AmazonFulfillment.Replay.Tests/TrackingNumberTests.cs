using System.Text.Json;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Replay.Tests;

/// <summary>The bundled scenarios ship with real-looking tracking numbers: each passes Amazon's carrier table, except where a scenario shows a bad one.</summary>
public class TrackingNumberTests
{
    /// <summary>Scenarios whose point is a carrier or tracking number Amazon would not count as valid (a refused or corrected package).</summary>
    private static readonly HashSet<string> ShowBadCarriers = new(StringComparer.Ordinal)
    {
        "bad-shipments.jsonl", "unhappy-other-carrier.jsonl", "unhappy-confirmation-refused.jsonl",
    };

    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "scenarios"), "*.jsonl").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            if (!ShowBadCarriers.Contains(file!))
            {
                data.Add(file!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void BundledShipments_PassTheCarrierCheck(string file)
    {
        var marketplaces = new Dictionary<string, MarketplaceId>(StringComparer.Ordinal);
        var problems = new List<string>();
        var number = 0;
        foreach (var line in Replay.Scenario(file).Split('\n'))
        {
            number++;
            if (!line.TrimStart().StartsWith('{'))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.TryGetProperty("amazon", out var amazon) && amazon.TryGetProperty("order", out var order)
                && order.TryGetProperty("AmazonOrderId", out var id) && order.TryGetProperty("MarketplaceId", out var marketplace))
            {
                marketplaces[id.GetString()!] = MarketplaceId.Parse(marketplace.GetString()!);
            }

            if (root.TryGetProperty("shipment", out var shipment))
            {
                var orderId = shipment.GetProperty("amazonOrderId").GetString()!;
                var name = shipment.TryGetProperty("carrierName", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                var check = CarrierCatalog.Default.Check(
                    marketplaces.TryGetValue(orderId, out var m) ? m : null,
                    shipment.GetProperty("carrierCode").GetString()!,
                    name,
                    shipment.GetProperty("trackingNumber").GetString()!);
                if (check.Problem is { } problem)
                {
                    problems.Add($"line {number}: {problem.Reason}");
                }
            }
        }

        Assert.True(problems.Count == 0, $"{file}: {problems.Count} shipment(s) fail the carrier check, first: {problems.FirstOrDefault()}");
    }
}
