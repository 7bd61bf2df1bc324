using AmazonFulfillment.Domain;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Verification.Guarantees;

/// <summary>The check that no outcome is one-sided: cancellations, refusals and dropped packages agree with Amazon (guarantee 16).</summary>
public sealed partial class GuaranteeOracle
{
    /// <summary>
    /// 16. No one-sided outcomes: Commerce is cancelled, and an order is Canceled, only when Amazon reported it Canceled or accepted the
    /// cancellation; an order Amazon reports Canceled is Canceled, has no Amazon call queued, and gets no Amazon call after the oracle saw it
    /// so; Amazon is asked to cancel only what the merchant cancelled; a package is dropped only for such an order; a refused confirmation
    /// shows its reason and the order's channel status Error (when not cancelled) and is explained by a refusal; an order cancelled after
    /// Commerce shipped shows an error. Once quiet, a cancellation Amazon accepted ended the order Canceled.
    /// </summary>
    private IEnumerable<GuaranteeViolation> Guarantee16(View v)
    {
        var calls = new AmazonCallsByOrder(
            v.ConfirmationCalls.GroupBy(c => c.Package.AmazonOrderId).ToDictionary(g => g.Key, g => g.Count()),
            v.CancellationCalls.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count()));
        var confirmRefusalsScripted = FaultsLocked("amazon", "ConfirmShipment", FaultMode.Permanent, FaultMode.Malformed) > 0;
        return CommerceCanceledOnlyWithAmazon(v)
            .Concat(v.Orders.SelectMany(o => OneOrderAgreesWithAmazon(v, o, calls, confirmRefusalsScripted)))
            .Concat(AmazonAskedToCancelOnlyMerchantCancels(v))
            .Concat(AcceptedCancellationsEndCanceled(v));
    }

    private static IEnumerable<GuaranteeViolation> CommerceCanceledOnlyWithAmazon(View v)
    {
        foreach (var (id, c) in v.CommerceById.Where(c => c.Value.Status == CommerceStatuses.Canceled))
        {
            if (v.Stored.GetValueOrDefault(id)?.Order is { } o && o.AmazonStatus != AmazonOrderStatus.Canceled && !v.CanceledByAmazon.Contains(id))
            {
                yield return new(16, id, "the Commerce order is canceled, and Amazon neither reported the order Canceled nor accepted its cancellation.");
            }
        }
    }

    private IEnumerable<GuaranteeViolation> OneOrderAgreesWithAmazon(View v, FulfillmentOrder o, AmazonCallsByOrder calls, bool confirmRefusalsScripted)
    {
        var amazonCanceled = o.AmazonStatus == AmazonOrderStatus.Canceled;
        if (o.State == OrderState.Canceled && !amazonCanceled && !v.CanceledByAmazon.Contains(o.Id))
        {
            yield return new(16, o.Id, "the order is Canceled, and Amazon neither reported it Canceled nor accepted its cancellation.");
        }

        if (amazonCanceled)
        {
            foreach (var violation in CanceledByAmazonStaysCanceled(o, calls))
            {
                yield return violation;
            }
        }

        foreach (var p in o.Packages)
        {
            foreach (var violation in PackageOutcomeShown(o, p, amazonCanceled, confirmRefusalsScripted))
            {
                yield return violation;
            }
        }

        if (o.State == OrderState.Canceled && amazonCanceled && o.Packages.Any(p => p.Confirmation != ConfirmationState.Dropped) && string.IsNullOrWhiteSpace(o.Error))
        {
            yield return new(16, o.Id, "Amazon cancelled an order Commerce shipped packages of, and the order shows no error.");
        }
    }

    /// <summary>An order Amazon reports Canceled is Canceled, has no Amazon call queued, and gets none after the oracle saw it so.</summary>
    private IEnumerable<GuaranteeViolation> CanceledByAmazonStaysCanceled(FulfillmentOrder o, AmazonCallsByOrder calls)
    {
        if (o.State != OrderState.Canceled)
        {
            yield return new(16, o.Id, $"Amazon reports the order Canceled, it is {o.State}.");
        }

        if (o.Outbox.Any(e => e.Effect.ChangesAmazon))
        {
            yield return new(16, o.Id, "Amazon reports the order Canceled, and an Amazon call is still queued for it.");
        }

        var facts = FactsOf(o.Id);
        var sent = (calls.Confirmations.GetValueOrDefault(o.Id), calls.Cancellations.GetValueOrDefault(o.Id));
        if (facts.CanceledMark is { } mark && (sent.Item1 > mark.Confirmations || sent.Item2 > mark.Cancellations))
        {
            yield return new(16, o.Id, Text($"{sent.Item1 - mark.Confirmations} confirmations and {sent.Item2 - mark.Cancellations} cancellations were sent to Amazon after it reported the order Canceled."));
        }

        facts.CanceledMark = sent;
    }

    /// <summary>A package is dropped only for an order Amazon cancelled; a dropped or refused one shows its reason; a refusal is Amazon's and shows on the order.</summary>
    private IEnumerable<GuaranteeViolation> PackageOutcomeShown(FulfillmentOrder o, PackageRecord p, bool amazonCanceled, bool confirmRefusalsScripted)
    {
        if (p.Confirmation == ConfirmationState.Dropped && !amazonCanceled)
        {
            yield return new(16, o.Id, $"package {p.Package.PackageReferenceId} was dropped, though Amazon does not report the order Canceled.");
        }

        if (p.Confirmation is ConfirmationState.Dropped or ConfirmationState.Failed && string.IsNullOrWhiteSpace(p.FailureReason))
        {
            yield return new(16, o.Id, $"package {p.Package.PackageReferenceId} is {p.Confirmation} without a reason.");
        }

        if (p.Confirmation != ConfirmationState.Failed)
        {
            yield break;
        }

        if (!confirmRefusalsScripted && !FactsOf(o.Id).EverRefused.Contains(p.Package.PackageReferenceId))
        {
            yield return new(16, o.Id, $"package {p.Package.PackageReferenceId} is refused, and Amazon never refused it.");
        }

        if (o.State != OrderState.Canceled
            && (o.ChannelStatus != ChannelStatus.Error || o.Error is null || !o.Error.Contains(p.Package.PackageReferenceId.ToString(), StringComparison.Ordinal)))
        {
            yield return new(16, o.Id, $"Amazon refused package {p.Package.PackageReferenceId}, and the order does not show it (channel status {o.ChannelStatus}).");
        }
    }

    private IEnumerable<GuaranteeViolation> AmazonAskedToCancelOnlyMerchantCancels(View v)
    {
        foreach (var id in v.CancellationCalls.Distinct())
        {
            var o = v.Stored.GetValueOrDefault(id)?.Order;
            if (o is not null && o.MerchantCancelReason is null && !HasFailure(o, "cancel-amazon") && FactsOf(id).MerchantCancelsApplied == 0)
            {
                yield return new(16, id, "Amazon was asked to cancel an order the merchant did not cancel.");
            }
        }
    }

    /// <summary>Once quiet, a cancellation Amazon accepted ended the order Canceled.</summary>
    private IEnumerable<GuaranteeViolation> AcceptedCancellationsEndCanceled(View v)
    {
        if (!v.Quiet)
        {
            yield break;
        }

        // Amazon answering one cancellation both ways (accepted with the answer lost, or accepted for one of two workers, then refused by a
        // scripted refusal) leaves the order open on one side: the faults, not the library, say two things.
        var contradicted = FaultsLocked("amazon", "CancelOrder", FaultMode.Permanent, FaultMode.Malformed) > 0
            && (FaultsLocked("amazon", "CancelOrder", FaultMode.LostResponse) > 0 || _concurrencySlack > 0);
        foreach (var id in v.CanceledByAmazon)
        {
            if (v.Stored.GetValueOrDefault(id)?.Order is { State: not OrderState.Canceled } o && !contradicted && !_poisonedNow.Contains(id))
            {
                yield return new(16, id, $"Amazon accepted the cancellation, the order ends {o.State}.");
            }
        }
    }

    /// <summary>How many confirmations and cancellations each order has sent to Amazon so far.</summary>
    private sealed record AmazonCallsByOrder(Dictionary<AmazonOrderId, int> Confirmations, Dictionary<AmazonOrderId, int> Cancellations);
}
