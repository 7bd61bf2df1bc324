using System.Collections.Immutable;
using System.Text.Json;
using AmazonFulfillment.Domain;
using AmazonFulfillment.SellingPartner.Json;

namespace AmazonFulfillment.SellingPartner.OrdersV0;

/// <summary>Maps Orders v0 <c>OrderItem</c> objects to <see cref="AmazonOrderItem"/>.</summary>
internal static class V0ItemMapper
{
    public static ImmutableArray<AmazonOrderItem> Items(JsonElement array, FieldPath at) => ItemArrays.Read(array, at, "OrderItemId", Item);

    public static AmazonOrderItem Item(JsonElement item, FieldPath at)
    {
        JsonFields.Object(item, at);
        var id = JsonFields.RequiredString(item, "OrderItemId", at);
        var sku = JsonFields.RequiredString(item, "SellerSKU", at);
        var ordered = JsonFields.RequiredInt(item, "QuantityOrdered", at);
        var shipped = JsonFields.OptionalInt(item, "QuantityShipped", at) ?? 0;
        var price = JsonFields.OptionalMoney(item, "ItemPrice", at, "Amount", "CurrencyCode");
        var cancel = JsonFields.OptionalObject(item, "BuyerRequestedCancel", at) is { } request
            && JsonFields.OptionalFlag(request, "IsBuyerRequestedCancel", at.Child("BuyerRequestedCancel"));

        // The domain's field names are v0's own (OrderItemId, SellerSKU, QuantityOrdered, QuantityShipped).
        return AmazonOrderItem.TryCreate(id, sku, ordered, shipped, price, cancel).OrThrow(at.Child);
    }
}
