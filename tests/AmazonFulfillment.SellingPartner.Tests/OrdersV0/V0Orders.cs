using System.Text.Json.Nodes;

namespace AmazonFulfillment.SellingPartner.Tests.OrdersV0;

/// <summary>Mutable copies of the v0 example orders and items, for tests that break one field.</summary>
internal static class V0Orders
{
    public const string UnshippedId = "902-1845936-5435065";

    /// <summary>The first order of the getOrders MFN Unshipped example (902-1845936-5435065).</summary>
    public static JsonObject Unshipped() =>
        Payloads.ExampleNode("v0_getOrders_response_mfn_unshipped.json")["payload"]!["Orders"]![0]!.DeepClone().AsObject();

    /// <summary>The OrderItems array of the getOrderItems example (one item of 902-1845936-5435065).</summary>
    public static JsonArray Items() =>
        Payloads.ExampleNode("v0_getOrderItems_response.json")["payload"]!["OrderItems"]!.DeepClone().AsArray();

    public static JsonObject FirstItem(this JsonArray items) => items[0]!.AsObject();
}
