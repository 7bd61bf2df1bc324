using System.Text.Json;
using AmazonFulfillment.Domain;
using AmazonFulfillment.SellingPartner.Json;
using AmazonFulfillment.SellingPartner.OrdersV0;

namespace AmazonFulfillment.SellingPartner;

/// <summary>Reads SP-API <c>ORDER_CHANGE</c> notifications (the push alternative to polling <c>getOrders</c>).</summary>
public static class OrderChangeNotificationReader
{
    private const string NotificationType = "ORDER_CHANGE";

    /// <summary>Reads an <c>ORDER_CHANGE</c> notification.</summary>
    /// <param name="json">The notification document.</param>
    /// <returns>The order id, change type, status, channel and times it carries.</returns>
    /// <exception cref="SellingPartnerFormatException">
    /// The JSON is malformed, the notification is not an <c>ORDER_CHANGE</c>, or a field is missing or invalid
    /// (an unknown <c>OrderStatus</c> or <c>FulfillmentType</c> included; an unknown <c>OrderChangeType</c> is
    /// <see cref="OrderChangeType.Other"/>).
    /// </exception>
    public static OrderChangeNotification Read(string json) => ResponseFields.FromText(json, Read);

    /// <summary>Reads an <c>ORDER_CHANGE</c> notification.</summary>
    /// <param name="notification">The notification document.</param>
    /// <returns>The order id, change type, status, channel and times it carries.</returns>
    /// <exception cref="SellingPartnerFormatException">The notification is not an <c>ORDER_CHANGE</c>, or a field is missing or invalid.</exception>
    public static OrderChangeNotification Read(JsonElement notification)
    {
        var root = FieldPath.Root;
        JsonFields.Object(notification, root);
        var type = JsonFields.RequiredString(notification, "NotificationType", root);
        if (type != NotificationType)
        {
            throw root.Child("NotificationType").Fail($"'{JsonFields.Truncate(type)}' is not {NotificationType}.");
        }

        var eventTime = JsonFields.RequiredDate(notification, "EventTime", root);
        var payloadAt = root.Child("Payload");
        var payload = JsonFields.RequiredObject(notification, "Payload", root);
        var changeAt = payloadAt.Child("OrderChangeNotification");
        var change = JsonFields.RequiredObject(payload, "OrderChangeNotification", payloadAt);
        var id = V0OrderMapper.OrderId(change, "AmazonOrderId", changeAt);
        var here = changeAt.ForOrder(id);
        var rawType = JsonFields.RequiredString(change, "OrderChangeType", here);
        var changedAt = JsonFields.OptionalObject(change, "OrderChangeTrigger", here) is { } trigger
            ? JsonFields.OptionalDate(trigger, "TimeOfOrderChange", here.Child("OrderChangeTrigger"))
            : null;

        AmazonOrderStatus? status = null;
        FulfillmentChannel? channel = null;
        MarketplaceId? marketplace = null;
        var cancelRequested = false;
        if (JsonFields.OptionalObject(change, "Summary", here) is { } summary)
        {
            var summaryAt = here.Child("Summary");
            status = JsonFields.OptionalString(summary, "OrderStatus", summaryAt) is { } s ? V0Vocabulary.Status(s, summaryAt.Child("OrderStatus")) : null;
            channel = JsonFields.OptionalString(summary, "FulfillmentType", summaryAt) is { } c ? V0Vocabulary.Channel(c, summaryAt.Child("FulfillmentType")) : null;
            marketplace = V0OrderMapper.Marketplace(summary, "MarketplaceId", summaryAt);
            cancelRequested = AnyBuyerRequestedCancel(summary, summaryAt);
        }

        var notificationId = JsonFields.OptionalObject(notification, "NotificationMetadata", root) is { } metadata
            ? JsonFields.OptionalString(metadata, "NotificationId", root.Child("NotificationMetadata"))
            : null;

        return new OrderChangeNotification(
            AmazonOrderId.Parse(id), ChangeType(rawType), rawType, eventTime, changedAt, status, channel, marketplace, cancelRequested, notificationId);
    }

    private static bool AnyBuyerRequestedCancel(JsonElement summary, FieldPath at)
    {
        if (JsonFields.OptionalArray(summary, "OrderItems", at) is not { } items)
        {
            return false;
        }

        var any = false;
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var itemAt = at.Child("OrderItems").Index(index++);
            any |= JsonFields.OptionalFlag(JsonFields.Object(item, itemAt), "IsBuyerRequestedCancel", itemAt);
        }

        return any;
    }

    private static OrderChangeType ChangeType(string text) => text switch
    {
        "OrderStatusChange" => OrderChangeType.OrderStatusChange,
        "BuyerRequestedChange" => OrderChangeType.BuyerRequestedChange,
        "DeliveryTipChange" => OrderChangeType.DeliveryTipChange,
        _ => OrderChangeType.Other,
    };
}
