using System.Collections.Frozen;

namespace AmazonFulfillment.Domain;

/// <summary>
/// The reasons Amazon accepts for a merchant's cancellation (the <c>CancelReason</c> of an order acknowledgement). Only
/// <see cref="BuyerCanceled"/> keeps a cancellation out of the seller's cancellation rate, and only when the buyer asked.
/// </summary>
public static class CancelReasons
{
    /// <summary>The buyer asked to cancel; allowed only when Amazon flagged the order's cancellation as requested by the buyer.</summary>
    public const string BuyerCanceled = "BuyerCanceled";

    private static readonly FrozenDictionary<string, string> ByName = new[]
    {
        "NoInventory", "ShippingAddressUndeliverable", "CustomerExchange", BuyerCanceled, "GeneralAdjustment",
        "CarrierCreditDecision", "RiskAssessmentInformationNotValid", "CarrierCoverageFailure", "CustomerReturn",
        "MerchandiseNotReceived",
    }.ToFrozenDictionary(reason => reason, StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets every reason Amazon accepts, in Amazon's spelling.</summary>
    public static IReadOnlyCollection<string> All => ByName.Values;

    /// <summary>Finds a reason in Amazon's spelling, trimmed and matched case-insensitively (<c>noinventory</c> is <c>NoInventory</c>).</summary>
    /// <param name="reason">The reason given.</param>
    /// <param name="amazonSpelling">The reason as Amazon spells it, when found.</param>
    /// <returns>Whether Amazon accepts the reason.</returns>
    public static bool TryNormalize(string? reason, out string amazonSpelling)
    {
        if (reason is not null && ByName.TryGetValue(reason.Trim(), out var found))
        {
            amazonSpelling = found;
            return true;
        }

        amazonSpelling = string.Empty;
        return false;
    }
}
