using AmazonFulfillment.Domain;

namespace AmazonFulfillment.SellingPartner.Tests.Notifications;

public sealed class OrderChangeNotificationReaderTests
{
    private const string File = "notification_ORDER_CHANGE_example.json";

    [Fact]
    public void Read_BuyerRequestedCancelExample_MapsWhatItCarries()
    {
        var notification = OrderChangeNotificationReader.Read(Payloads.Example(File));

        Assert.Equal(AmazonOrderId.Parse("903-8868176-2219830"), notification.AmazonOrderId);
        Assert.Equal(OrderChangeType.BuyerRequestedChange, notification.ChangeType);
        Assert.Equal("BuyerRequestedChange", notification.RawChangeType);
        Assert.Equal(AmazonOrderStatus.Unshipped, notification.OrderStatus);
        Assert.Equal(FulfillmentChannel.Merchant, notification.Channel);
        Assert.Equal(MarketplaceId.Parse("ATVPDKIKX0DER"), notification.MarketplaceId);
        Assert.Equal(new DateTimeOffset(2020, 1, 11, 0, 9, 53, 109, TimeSpan.Zero), notification.EventTime);
        Assert.Equal(new DateTimeOffset(2022, 11, 29, 19, 42, 4, 284, TimeSpan.Zero), notification.TimeOfOrderChange);
        Assert.True(notification.BuyerRequestedCancel);
        Assert.Equal("d0e9e693-c3ad-4373-979f-ed4ec98dd746", notification.NotificationId);
    }

    [Fact]
    public void Read_StatusChangeWithoutSummary_LeavesOptionalValuesEmpty()
    {
        var json = """
            {"NotificationType":"ORDER_CHANGE","EventTime":"2024-01-01T00:00:00Z",
             "Payload":{"OrderChangeNotification":{"AmazonOrderId":"903-8868176-2219830","OrderChangeType":"OrderStatusChange",
               "OrderChangeTrigger":{"TimeOfOrderChange":null,"ChangeReason":"Order status changed"}}}}
            """;

        var notification = OrderChangeNotificationReader.Read(json);

        Assert.Equal(OrderChangeType.OrderStatusChange, notification.ChangeType);
        Assert.Null(notification.OrderStatus);
        Assert.Null(notification.Channel);
        Assert.Null(notification.TimeOfOrderChange);
        Assert.Null(notification.NotificationId);
        Assert.False(notification.BuyerRequestedCancel);
    }

    [Fact]
    public void Read_UnknownChangeType_IsOtherWithRawValue()
    {
        var node = Payloads.ExampleNode(File);
        node["Payload"]!["OrderChangeNotification"]!["OrderChangeType"] = "SomethingNew";

        var notification = OrderChangeNotificationReader.Read(node.ToJsonString());

        Assert.Equal(OrderChangeType.Other, notification.ChangeType);
        Assert.Equal("SomethingNew", notification.RawChangeType);
    }

    [Theory]
    [InlineData("NotificationType", "ANY_OFFER_CHANGED", "NotificationType", null)]
    [InlineData("EventTime", "yesterday", "EventTime", null)]
    [InlineData("Summary.OrderStatus", "Upcoming", "Payload.OrderChangeNotification.Summary.OrderStatus", "903-8868176-2219830")]
    [InlineData("Summary.FulfillmentType", "FBA", "Payload.OrderChangeNotification.Summary.FulfillmentType", "903-8868176-2219830")]
    [InlineData("AmazonOrderId", "903", "Payload.OrderChangeNotification.AmazonOrderId", null)]
    public void Read_BrokenField_ThrowsNamingField(string where, string value, string field, string? orderId)
    {
        var node = Payloads.ExampleNode(File);
        var change = node["Payload"]!["OrderChangeNotification"]!;
        switch (where)
        {
            case "NotificationType" or "EventTime":
                node[where] = value;
                break;
            case "AmazonOrderId":
                change[where] = value;
                break;
            default:
                change["Summary"]![where["Summary.".Length..]] = value;
                break;
        }

        var error = Assert.Throws<SellingPartnerFormatException>(() => OrderChangeNotificationReader.Read(node.ToJsonString()));

        Assert.Equal(field, error.Field);
        Assert.Equal(orderId, error.AmazonOrderId);
    }
}
