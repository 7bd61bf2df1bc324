namespace AmazonFulfillment.Domain;

/// <summary>Where a tracked order is in its workflow.</summary>
public enum OrderState
{
    /// <summary>Not tracked yet (no stored order).</summary>
    Untracked,

    /// <summary>Amazon has not verified payment; tracked, not visible in Orders.</summary>
    Pending,

    /// <summary>Visible; the Commerce order is being created (items, customer, creation).</summary>
    Importing,

    /// <summary>Creation was refused; channel status Error with the reason.</summary>
    Blocked,

    /// <summary>Nothing shipped.</summary>
    Unshipped,

    /// <summary>Some items shipped.</summary>
    PartiallyShipped,

    /// <summary>Every item shipped (or FBA).</summary>
    Shipped,

    /// <summary>Canceled by Amazon, the buyer or the merchant.</summary>
    Canceled,

    /// <summary>Amazon reports it Unfulfillable (multi-channel fulfilment); never imported.</summary>
    Unfulfillable,
}
