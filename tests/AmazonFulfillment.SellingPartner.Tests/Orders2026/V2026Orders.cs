using System.Text.Json.Nodes;

namespace AmazonFulfillment.SellingPartner.Tests.Orders2026;

/// <summary>Mutable copies of the 2026-01-01 example orders, for tests that break one field.</summary>
internal static class V2026Orders
{
    /// <summary>The MERCHANT UNSHIPPED Brazil order (171-2345678-9012345).</summary>
    public static JsonObject Brazil() =>
        Payloads.ExampleNode("v2026_searchOrders_response_2.json")["orders"]![0]!.DeepClone().AsObject();

    /// <summary>Applies "remove a.b[0].c" or "a.b[0].c=value" (a string value) to an order.</summary>
    public static void Mutate(JsonObject order, string mutation)
    {
        var remove = mutation.StartsWith("remove ", StringComparison.Ordinal);
        var path = remove ? mutation["remove ".Length..] : mutation[..mutation.IndexOf('=', StringComparison.Ordinal)];
        var parts = path.Split('.');
        JsonNode parent = order;
        foreach (var part in parts[..^1])
        {
            parent = Step(parent, part);
        }

        var last = parts[^1];
        if (remove)
        {
            parent.AsObject().Remove(last);
            return;
        }

        var text = mutation[(mutation.IndexOf('=', StringComparison.Ordinal) + 1)..];
        parent[last] = int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? JsonValue.Create(number)
            : JsonValue.Create(text);
    }

    private static JsonNode Step(JsonNode node, string part)
    {
        var bracket = part.IndexOf('[', StringComparison.Ordinal);
        if (bracket < 0)
        {
            return node[part]!;
        }

        var index = int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
        return node[part[..bracket]]![index]!;
    }
}
