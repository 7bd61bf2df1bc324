using System.Text.Json;
using AmazonFulfillment.Domain;
using AmazonFulfillment.SellingPartner.Json;
using AmazonFulfillment.SellingPartner.OrdersV0;

namespace AmazonFulfillment.SellingPartner.Orders2026;

/// <summary>Maps an Orders 2026-01-01 <c>Order</c> object to an <see cref="AmazonOrderSnapshot"/>.</summary>
internal static class V2026OrderMapper
{
    public static AmazonOrderSnapshot Order(JsonElement order, FieldPath at)
    {
        JsonFields.Object(order, at);
        var id = V0OrderMapper.OrderId(order, "orderId", at);
        var here = at.ForOrder(id);

        // fulfillment is only returned when the request's includedData names FULFILLMENT.
        var fulfillmentAt = here.Child("fulfillment");
        var fulfillment = JsonFields.OptionalObject(order, "fulfillment", here)
            ?? throw fulfillmentAt.Fail("is required (request includedData=FULFILLMENT): it carries fulfillmentStatus and fulfilledBy.");
        var status = V2026Vocabulary.Status(JsonFields.RequiredString(fulfillment, "fulfillmentStatus", fulfillmentAt), fulfillmentAt.Child("fulfillmentStatus"));
        var channel = V2026Vocabulary.Channel(JsonFields.RequiredString(fulfillment, "fulfilledBy", fulfillmentAt), fulfillmentAt.Child("fulfilledBy"));

        var createdTime = JsonFields.RequiredDate(order, "createdTime", here);
        var lastUpdatedTime = JsonFields.RequiredDate(order, "lastUpdatedTime", here);
        var marketplace = JsonFields.OptionalObject(order, "salesChannel", here) is { } salesChannel
            ? V0OrderMapper.Marketplace(salesChannel, "marketplaceId", here.Child("salesChannel"))
            : null;
        var total = JsonFields.OptionalObject(order, "proceeds", here) is { } proceeds
            ? JsonFields.OptionalMoney(proceeds, "grandTotal", here.Child("proceeds"), "amount", "currencyCode")
            : null;
        var buyer = Buyer(order, here);
        var address = JsonFields.OptionalObject(order, "recipient", here) is { } recipient
            ? AddressFields.Read(recipient, "deliveryAddress", here.Child("recipient"), camelCase: true)
            : null;
        var items = JsonFields.OptionalArray(order, "orderItems", here) is { } array
            ? V2026ItemMapper.Items(array, here.Child("orderItems"))
            : (IReadOnlyList<AmazonOrderItem>?)null;

        var windowAt = fulfillmentAt.Child("shipByWindow");
        var window = JsonFields.OptionalObject(fulfillment, "shipByWindow", fulfillmentAt);
        var (earliest, latest) = window is { } w
            ? V0OrderMapper.ShipWindow(JsonFields.OptionalDate(w, "earliestDateTime", windowAt), JsonFields.OptionalDate(w, "latestDateTime", windowAt), windowAt.Child("latestDateTime"))
            : (null, null);
        return AmazonOrderSnapshot
            .TryCreate(id, status, channel, createdTime, lastUpdatedTime, marketplace, total, buyer, address, items)
            .OrThrow(field => here.Child(V2026Vocabulary.FieldName(field)))
            with { EarliestShipDate = earliest, LatestShipDate = latest };
    }

    private static BuyerInfo? Buyer(JsonElement order, FieldPath at)
    {
        if (JsonFields.OptionalObject(order, "buyer", at) is not { } buyer)
        {
            return null;
        }

        var here = at.Child("buyer");
        var email = JsonFields.OptionalString(buyer, "buyerEmail", here);
        var name = JsonFields.OptionalString(buyer, "buyerName", here);
        var result = BuyerInfo.TryCreate(email, name).OrThrow(_ => here.Child("buyerEmail"));
        return result.Email is null && result.Name is null ? null : result;
    }
}
