using AmazonFulfillment.Domain;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Verification.Guarantees;

/// <summary>The check that buyer data stays private (guarantee 14).</summary>
public sealed partial class GuaranteeOracle
{
    /// <summary>
    /// 14. Buyer data stays private: an order in Commerce (or cancelled, or unfulfillable) holds no buyer name, email, phone or address, in
    /// itself or its queued work; errors, failure reasons, refusals, notes, exception messages and log lines never hold buyer data the run saw.
    /// </summary>
    private IEnumerable<GuaranteeViolation> Guarantee14(View v)
    {
        foreach (var o in v.Orders)
        {
            if (o.CommerceOrder is not null || o.State is OrderState.Canceled or OrderState.Unfulfillable)
            {
                if (o.Buyer is not null || o.ShippingAddress is not null
                    || o.Outbox.Any(e => e.Effect is ResolveCustomer || (e.Effect is CreateCommerceOrder c && (c.Request.Buyer is not null || c.Request.ShippingAddress is not null))))
                {
                    yield return new(14, o.Id, $"the order ({o.State}, {(o.CommerceOrder is null ? "not" : "now")} in Commerce) still holds buyer data.");
                }
            }

            if (ContainsBuyerDataLocked(o.Error ?? string.Empty)
                || o.Failures.Any(f => ContainsBuyerDataLocked(f.Reason))
                || o.Packages.Any(p => ContainsBuyerDataLocked(p.FailureReason ?? string.Empty)))
            {
                yield return new(14, o.Id, "the order's error or a failure reason holds buyer data.");
            }
        }
    }
}
