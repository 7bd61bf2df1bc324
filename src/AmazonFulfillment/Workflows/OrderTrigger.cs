namespace AmazonFulfillment.Workflows;

/// <summary>The triggers of the workflow graphs: what an input means for the state machine.</summary>
public enum OrderTrigger
{
    /// <summary>Amazon reports Pending or PendingAvailability.</summary>
    ObservedPending,

    /// <summary>Amazon reports Unshipped.</summary>
    ObservedUnshipped,

    /// <summary>Amazon reports PartiallyShipped.</summary>
    ObservedPartiallyShipped,

    /// <summary>Amazon reports Shipped or InvoiceUnconfirmed.</summary>
    ObservedShipped,

    /// <summary>Amazon reports Canceled.</summary>
    ObservedCanceled,

    /// <summary>Amazon reports Unfulfillable.</summary>
    ObservedUnfulfillable,

    /// <summary>The order's lines were fetched.</summary>
    ItemsFetched,

    /// <summary>The buyer's customer account was found or created.</summary>
    CustomerFound,

    /// <summary>The Commerce order exists.</summary>
    CommerceCreated,

    /// <summary>Commerce refused to create the order.</summary>
    CommerceRefused,

    /// <summary>The merchant shipped a package.</summary>
    Shipment,

    /// <summary>The merchant cancels.</summary>
    MerchantCancel,

    /// <summary>The merchant retries a blocked import.</summary>
    Retry,

    /// <summary>A sync cycle ended.</summary>
    Sync,

    /// <summary>Amazon accepted the merchant's cancellation.</summary>
    AmazonCancelAccepted,
}
