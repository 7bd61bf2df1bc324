using AmazonFulfillment.Domain;
using AmazonFulfillment.SellingPartner.Json;

namespace AmazonFulfillment.SellingPartner.OrdersV0;

/// <summary>The enum spellings of Orders v0 (and of the ORDER_CHANGE notification, which shares them).</summary>
internal static class V0Vocabulary
{
    public static AmazonOrderStatus Status(string text, FieldPath at) => text switch
    {
        "PendingAvailability" => AmazonOrderStatus.PendingAvailability,
        "Pending" => AmazonOrderStatus.Pending,
        "Unshipped" => AmazonOrderStatus.Unshipped,
        "PartiallyShipped" => AmazonOrderStatus.PartiallyShipped,
        "Shipped" => AmazonOrderStatus.Shipped,
        "InvoiceUnconfirmed" => AmazonOrderStatus.InvoiceUnconfirmed,
        "Canceled" => AmazonOrderStatus.Canceled,
        "Unfulfillable" => AmazonOrderStatus.Unfulfillable,
        _ => throw at.Fail($"'{JsonFields.Truncate(text)}' is not an Orders v0 OrderStatus (PendingAvailability, Pending, Unshipped, PartiallyShipped, Shipped, InvoiceUnconfirmed, Canceled, Unfulfillable)."),
    };

    public static FulfillmentChannel Channel(string text, FieldPath at) => text switch
    {
        "MFN" => FulfillmentChannel.Merchant,
        "AFN" => FulfillmentChannel.Amazon,
        _ => throw at.Fail($"'{JsonFields.Truncate(text)}' is not a fulfillment channel (MFN or AFN)."),
    };
}
