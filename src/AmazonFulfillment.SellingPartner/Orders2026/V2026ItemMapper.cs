using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using AmazonFulfillment.Domain;
using AmazonFulfillment.SellingPartner.Json;

namespace AmazonFulfillment.SellingPartner.Orders2026;

/// <summary>Maps Orders 2026-01-01 <c>OrderItem</c> objects to <see cref="AmazonOrderItem"/>.</summary>
internal static class V2026ItemMapper
{
    public static ImmutableArray<AmazonOrderItem> Items(JsonElement array, FieldPath at) => ItemArrays.Read(array, at, "orderItemId", Item);

    public static AmazonOrderItem Item(JsonElement item, FieldPath at)
    {
        JsonFields.Object(item, at);
        var id = JsonFields.RequiredString(item, "orderItemId", at);
        var ordered = JsonFields.RequiredInt(item, "quantityOrdered", at);
        var productAt = at.Child("product");
        var product = JsonFields.RequiredObject(item, "product", at);
        var sku = JsonFields.RequiredString(product, "sellerSku", productAt);
        var shipped = JsonFields.OptionalObject(item, "fulfillment", at) is { } fulfillment
            ? JsonFields.OptionalInt(fulfillment, "quantityFulfilled", at.Child("fulfillment")) ?? 0
            : 0;

        return AmazonOrderItem
            .TryCreate(id, sku, ordered, shipped, LineTotal(product, productAt, ordered), BuyerRequestedCancel(item, at))
            .OrThrow(field => at.Child(V2026Vocabulary.FieldName(field)));
    }

    /// <summary>
    /// 2026-01-01 gives the unit price; the domain (like v0's <c>ItemPrice</c>) holds the line total, unit × quantity.
    /// </summary>
    private static Money? LineTotal(JsonElement product, FieldPath at, int quantity)
    {
        if (JsonFields.OptionalObject(product, "price", at) is not { } price
            || JsonFields.OptionalMoney(price, "unitPrice", at.Child("price"), "amount", "currencyCode") is not { } unit)
        {
            return null;
        }

        try
        {
            return Money.Of(unit.Amount * Math.Max(quantity, 0), unit.Currency);
        }
        catch (OverflowException)
        {
            throw at.Child("price").Child("unitPrice").Child("amount").Fail(string.Create(CultureInfo.InvariantCulture, $"'{unit.FormatAmount()}' × {quantity} is too large."));
        }
    }

    /// <summary>A cancellation request on an item comes from the buyer (the model's only requester).</summary>
    private static bool BuyerRequestedCancel(JsonElement item, FieldPath at)
    {
        if (JsonFields.OptionalObject(item, "cancellation", at) is not { } cancellation
            || JsonFields.OptionalObject(cancellation, "cancellationRequest", at.Child("cancellation")) is not { } request)
        {
            return false;
        }

        var requester = JsonFields.OptionalString(request, "requester", at.Child("cancellation").Child("cancellationRequest"));
        return requester is null || string.Equals(requester, "BUYER", StringComparison.Ordinal);
    }
}
