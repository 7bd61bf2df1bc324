using AmazonFulfillment.Domain;
using AmazonFulfillment.SellingPartner.Json;

namespace AmazonFulfillment.SellingPartner.Orders2026;

/// <summary>The enum spellings of Orders 2026-01-01, and its field names for the domain's v0-named fields.</summary>
internal static class V2026Vocabulary
{
    public static AmazonOrderStatus Status(string text, FieldPath at) => text switch
    {
        "PENDING_AVAILABILITY" => AmazonOrderStatus.PendingAvailability,
        "PENDING" => AmazonOrderStatus.Pending,
        "UNSHIPPED" => AmazonOrderStatus.Unshipped,
        "PARTIALLY_SHIPPED" => AmazonOrderStatus.PartiallyShipped,
        "SHIPPED" => AmazonOrderStatus.Shipped,
        "CANCELLED" => AmazonOrderStatus.Canceled,
        "UNFULFILLABLE" => AmazonOrderStatus.Unfulfillable,
        _ => throw at.Fail($"'{JsonFields.Truncate(text)}' is not a 2026-01-01 fulfillmentStatus (PENDING_AVAILABILITY, PENDING, UNSHIPPED, PARTIALLY_SHIPPED, SHIPPED, CANCELLED, UNFULFILLABLE)."),
    };

    public static FulfillmentChannel Channel(string text, FieldPath at) => text switch
    {
        "MERCHANT" => FulfillmentChannel.Merchant,
        "AMAZON" => FulfillmentChannel.Amazon,
        _ => throw at.Fail($"'{JsonFields.Truncate(text)}' is not a fulfilledBy value (MERCHANT or AMAZON)."),
    };

    /// <summary>Where a field the domain names in v0 terms lives in a 2026-01-01 order or order item.</summary>
    public static string FieldName(string domainField) => domainField switch
    {
        "AmazonOrderId" => "orderId",
        "OrderStatus" => "fulfillment.fulfillmentStatus",
        "FulfillmentChannel" => "fulfillment.fulfilledBy",
        "PurchaseDate" => "createdTime",
        "LastUpdateDate" => "lastUpdatedTime",
        "OrderItems" => "orderItems",
        "OrderItemId" => "orderItemId",
        "SellerSKU" => "product.sellerSku",
        "QuantityOrdered" => "quantityOrdered",
        "QuantityShipped" => "fulfillment.quantityFulfilled",
        _ => domainField,
    };
}
