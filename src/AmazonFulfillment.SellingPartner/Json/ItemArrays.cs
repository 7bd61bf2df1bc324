using System.Collections.Immutable;
using System.Text.Json;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.SellingPartner.Json;

/// <summary>Reads an array of order items, each line once, for either Orders API version.</summary>
internal static class ItemArrays
{
    public static ImmutableArray<AmazonOrderItem> Read(JsonElement array, FieldPath at, string idField, Func<JsonElement, FieldPath, AmazonOrderItem> item)
    {
        JsonFields.Array(array, at);
        var items = ImmutableArray.CreateBuilder<AmazonOrderItem>(array.GetArrayLength());
        var seen = new HashSet<OrderItemId>();
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var here = at.Index(index++);
            var read = item(element, here);
            if (!seen.Add(read.OrderItemId))
            {
                throw here.Child(idField).Fail($"'{read.OrderItemId}' appears twice in the order.");
            }

            items.Add(read);
        }

        return items.MoveToImmutable();
    }
}
