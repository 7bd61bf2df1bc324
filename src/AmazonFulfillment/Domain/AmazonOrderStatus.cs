namespace AmazonFulfillment.Domain;

/// <summary>Amazon's order status (SP-API Orders v0 <c>OrderStatus</c>).</summary>
public enum AmazonOrderStatus
{
    /// <summary>A pre-order not yet available; payment not yet authorized.</summary>
    PendingAvailability,

    /// <summary>Placed, payment not yet verified.</summary>
    Pending,

    /// <summary>Payment verified; nothing shipped yet.</summary>
    Unshipped,

    /// <summary>Some items shipped.</summary>
    PartiallyShipped,

    /// <summary>Every item shipped.</summary>
    Shipped,

    /// <summary>Shipped, invoice not yet confirmed (counts as Shipped).</summary>
    InvoiceUnconfirmed,

    /// <summary>Canceled by the buyer or Amazon.</summary>
    Canceled,

    /// <summary>Multi-channel fulfilment order that cannot be fulfilled.</summary>
    Unfulfillable,
}

/// <summary>Helpers over <see cref="AmazonOrderStatus"/>.</summary>
public static class AmazonOrderStatusExtensions
{
    /// <summary>Gets how far along an order with this status is; a status never moves to a lower rank.</summary>
    /// <param name="status">The status.</param>
    /// <returns>0 pending, 1 unshipped, 2 partially shipped, 3 shipped or ended.</returns>
    public static int Rank(this AmazonOrderStatus status) => status switch
    {
        AmazonOrderStatus.PendingAvailability or AmazonOrderStatus.Pending => 0,
        AmazonOrderStatus.Unshipped => 1,
        AmazonOrderStatus.PartiallyShipped => 2,
        _ => 3,
    };

    /// <summary>Gets whether the status counts as shipped (Shipped or InvoiceUnconfirmed).</summary>
    /// <param name="status">The status.</param>
    /// <returns><see langword="true"/> for Shipped and InvoiceUnconfirmed.</returns>
    public static bool IsShipped(this AmazonOrderStatus status) =>
        status is AmazonOrderStatus.Shipped or AmazonOrderStatus.InvoiceUnconfirmed;

    /// <summary>Gets whether the status is before payment verification.</summary>
    /// <param name="status">The status.</param>
    /// <returns><see langword="true"/> for Pending and PendingAvailability.</returns>
    public static bool IsPending(this AmazonOrderStatus status) =>
        status is AmazonOrderStatus.Pending or AmazonOrderStatus.PendingAvailability;
}
