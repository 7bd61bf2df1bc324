using AmazonFulfillment.Domain;

namespace AmazonFulfillment.SellingPartner;

/// <summary>
/// What an <c>ORDER_CHANGE</c> notification says. It is a prompt, not an observation: it carries no
/// <c>LastUpdateDate</c>, so the host reads the order (<c>getOrder</c>) and applies that snapshot.
/// </summary>
/// <param name="AmazonOrderId">The order that changed.</param>
/// <param name="ChangeType">Why the notification was sent.</param>
/// <param name="RawChangeType">The <c>OrderChangeType</c> as Amazon wrote it (useful when <paramref name="ChangeType"/> is <see cref="OrderChangeType.Other"/>).</param>
/// <param name="EventTime">When Amazon published the notification (<c>EventTime</c>), in UTC.</param>
/// <param name="TimeOfOrderChange">When the order changed (<c>OrderChangeTrigger.TimeOfOrderChange</c>), in UTC, when given.</param>
/// <param name="OrderStatus">The order's status after the change (<c>Summary.OrderStatus</c>), when given.</param>
/// <param name="Channel">Who fulfils the order (<c>Summary.FulfillmentType</c>), when given.</param>
/// <param name="MarketplaceId">The order's marketplace (<c>Summary.MarketplaceId</c>), when given.</param>
/// <param name="BuyerRequestedCancel">Whether any item in the summary has <c>IsBuyerRequestedCancel</c> true.</param>
/// <param name="NotificationId">Amazon's id of this notification (<c>NotificationMetadata.NotificationId</c>), for de-duplicating deliveries, when given.</param>
public sealed record OrderChangeNotification(
    AmazonOrderId AmazonOrderId,
    OrderChangeType ChangeType,
    string RawChangeType,
    DateTimeOffset EventTime,
    DateTimeOffset? TimeOfOrderChange,
    AmazonOrderStatus? OrderStatus,
    FulfillmentChannel? Channel,
    MarketplaceId? MarketplaceId,
    bool BuyerRequestedCancel,
    string? NotificationId);
