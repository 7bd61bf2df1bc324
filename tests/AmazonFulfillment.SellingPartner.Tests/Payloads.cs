using System.Text.Json;
using System.Text.Json.Nodes;

namespace AmazonFulfillment.SellingPartner.Tests;

/// <summary>The SP-API example files: each is <c>{"_meta":...,"example":payload}</c>.</summary>
internal static class Payloads
{
    public static JsonElement Example(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(PathOf(file)));
        return document.RootElement.GetProperty("example").Clone();
    }

    public static string ExampleText(string file) => Example(file).GetRawText();

    public static JsonNode ExampleNode(string file) =>
        JsonNode.Parse(File.ReadAllText(PathOf(file)))!["example"]!.DeepClone();

    public static JsonElement ToElement(this JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }

    private static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Payloads", file);
}
