namespace AmazonFulfillment.Domain;

/// <summary>
/// Where a merchant-fulfilled order stands against Amazon's ship-by deadline (<c>LatestShipDate</c>): Amazon counts an order as late
/// when its shipment is <em>confirmed</em> after that date, and cancels orders never confirmed some days later.
/// Computed by <see cref="FulfillmentOrder.ShipByAt"/> from the order, the clock and the settings.
/// </summary>
public enum ShipByStatus
{
    /// <summary>More than <see cref="OrderSettings.ShipByDueSoon"/> before the deadline.</summary>
    OnTime,

    /// <summary>Within <see cref="OrderSettings.ShipByDueSoon"/> of the deadline, not past it: ship and confirm today.</summary>
    DueSoon,

    /// <summary>Past the deadline with something still to ship or confirm: a confirmation now counts as a late shipment.</summary>
    Late,

    /// <summary>Late by <see cref="OrderSettings.ShipByAutoCancelNear"/> or more: Amazon may soon cancel the order, which counts
    /// against the seller's cancellation rate.</summary>
    AutoCancelNear,
}
