namespace AmazonFulfillment.Domain;

/// <summary>The order's status as the Amazon sales channel reports it (a value a host shows beside its Commerce orders): the channel status of docs/rules.md section 2.</summary>
public enum ChannelStatus
{
    /// <summary>A pre-order waiting for availability; not visible in Orders.</summary>
    PendingAvailability,

    /// <summary>Payment not yet verified; not visible in Orders.</summary>
    Pending,

    /// <summary>Verified; nothing shipped.</summary>
    Unshipped,

    /// <summary>Some items shipped.</summary>
    PartiallyShipped,

    /// <summary>Every item shipped.</summary>
    Shipped,

    /// <summary>Canceled.</summary>
    Canceled,

    /// <summary>The import into Commerce is blocked; the reason is on the order.</summary>
    Error,
}
