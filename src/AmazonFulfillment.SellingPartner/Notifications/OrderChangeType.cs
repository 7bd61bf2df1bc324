namespace AmazonFulfillment.SellingPartner;

/// <summary>Why Amazon sent an <c>ORDER_CHANGE</c> notification (its <c>OrderChangeType</c>).</summary>
public enum OrderChangeType
{
    /// <summary>The order's status changed (<c>OrderStatusChange</c>).</summary>
    OrderStatusChange,

    /// <summary>The buyer asked for a change, such as a cancellation (<c>BuyerRequestedChange</c>).</summary>
    BuyerRequestedChange,

    /// <summary>The buyer changed a delivery tip (<c>DeliveryTipChange</c>).</summary>
    DeliveryTipChange,

    /// <summary>
    /// A change type this version does not know. Kept rather than refused: a notification only prompts the
    /// host to read the order again, so a new type must not block it.
    /// </summary>
    Other,
}
