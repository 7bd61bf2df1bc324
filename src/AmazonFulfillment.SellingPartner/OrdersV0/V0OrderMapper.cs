using System.Text.Json;
using AmazonFulfillment.Domain;
using AmazonFulfillment.SellingPartner.Json;

namespace AmazonFulfillment.SellingPartner.OrdersV0;

/// <summary>Maps an Orders v0 <c>Order</c> object (and optionally its items) to an <see cref="AmazonOrderSnapshot"/>.</summary>
internal static class V0OrderMapper
{
    public static AmazonOrderSnapshot Order(JsonElement order, FieldPath at, JsonElement? items = null, FieldPath? itemsAt = null)
    {
        JsonFields.Object(order, at);
        var id = OrderId(order, "AmazonOrderId", at);
        var here = at.ForOrder(id);
        var status = V0Vocabulary.Status(JsonFields.RequiredString(order, "OrderStatus", here), here.Child("OrderStatus"));
        var channel = V0Vocabulary.Channel(JsonFields.RequiredString(order, "FulfillmentChannel", here), here.Child("FulfillmentChannel"));
        var purchaseDate = JsonFields.RequiredDate(order, "PurchaseDate", here);
        var lastUpdateDate = JsonFields.RequiredDate(order, "LastUpdateDate", here);
        var marketplace = Marketplace(order, "MarketplaceId", here);
        var total = JsonFields.OptionalMoney(order, "OrderTotal", here, "Amount", "CurrencyCode");
        var buyer = Buyer(order, here);
        var address = AddressFields.Read(order, "ShippingAddress", here, camelCase: false);
        var linesAt = (itemsAt ?? FieldPath.Root.Child("OrderItems")).ForOrder(id);
        var lines = items is { } array ? V0ItemMapper.Items(array, linesAt) : (IReadOnlyList<AmazonOrderItem>?)null;

        var (earliest, latest) = ShipWindow(JsonFields.OptionalDate(order, "EarliestShipDate", here), JsonFields.OptionalDate(order, "LatestShipDate", here), here.Child("LatestShipDate"));
        return AmazonOrderSnapshot
            .TryCreate(id, status, channel, purchaseDate, lastUpdateDate, marketplace, total, buyer, address, lines)
            .OrThrow(field => field == "OrderItems" ? linesAt : here.Child(field))
            with { EarliestShipDate = earliest, LatestShipDate = latest };
    }

    /// <summary>Amazon's ship-by window, both ends in UTC; a deadline before the window opens is refused.</summary>
    public static (DateTimeOffset? Earliest, DateTimeOffset? Latest) ShipWindow(DateTimeOffset? earliest, DateTimeOffset? latest, FieldPath latestAt)
    {
        if (earliest is { } e && latest is { } l && l < e)
        {
            throw latestAt.Fail($"{l:O} is before the earliest ship date {e:O}.");
        }

        return (earliest?.ToUniversalTime(), latest?.ToUniversalTime());
    }

    public static string OrderId(JsonElement parent, string name, FieldPath at)
    {
        var text = JsonFields.RequiredString(parent, name, at);
        return AmazonOrderId.TryCreate(text).OrThrow(at.Child(name)).Value;
    }

    public static MarketplaceId? Marketplace(JsonElement parent, string name, FieldPath at) =>
        JsonFields.OptionalString(parent, name, at) is { } text
            ? MarketplaceId.TryCreate(text).OrThrow(at.Child(name))
            : null;

    /// <summary>Reads v0 <c>BuyerInfo</c>; absent or empty (restricted data withheld) gives <see langword="null"/>.</summary>
    private static BuyerInfo? Buyer(JsonElement order, FieldPath at) =>
        JsonFields.OptionalObject(order, "BuyerInfo", at) is { } info ? BuyerFields(info, at.Child("BuyerInfo")) : null;

    public static BuyerInfo? BuyerFields(JsonElement info, FieldPath at)
    {
        var email = JsonFields.OptionalString(info, "BuyerEmail", at);
        var name = JsonFields.OptionalString(info, "BuyerName", at);
        var buyer = BuyerInfo.TryCreate(email, name).OrThrow(at.Child);
        return buyer.Email is null && buyer.Name is null ? null : buyer;
    }
}
