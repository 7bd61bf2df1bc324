using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Runtime;

/// <summary>
/// A merchant-fulfilled order on the "ship today" list: due soon, late, or near Amazon's automatic cancellation (see
/// <see cref="FulfillmentRuntime.OrdersAtRiskAsync"/>). Carries no buyer data.
/// </summary>
/// <param name="AmazonOrderId">The order.</param>
/// <param name="AmazonStore">The Amazon store it belongs to.</param>
/// <param name="LatestShipDate">Amazon's ship-by deadline.</param>
/// <param name="ShipBy">Where it stands against the deadline now.</param>
/// <param name="UnshippedUnits">Units the merchant has not shipped yet.</param>
/// <param name="UnconfirmedPackages">Packages shipped but not yet accepted by Amazon (pending, held or refused): a confirmation
/// that reaches Amazon after the deadline counts as a late shipment.</param>
/// <param name="ConfirmationHeld">Whether a confirmation waits because read-only mode holds it: what would be late once it is off.</param>
public sealed record OrderAtRisk(
    AmazonOrderId AmazonOrderId,
    string AmazonStore,
    DateTimeOffset LatestShipDate,
    ShipByStatus ShipBy,
    int UnshippedUnits,
    int UnconfirmedPackages,
    bool ConfirmationHeld);
