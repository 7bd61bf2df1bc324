using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Workflows;

/// <content>Outcomes of effects that change no state of their own: bookkeeping on the outbox and the packages.</content>
public static partial class OrderWorkflow
{
    // ---- Effect outcomes that change no state: bookkeeping on the outbox -------------------------

    private static Decision Completed(FulfillmentOrder? order, EffectCompleted input, OrderSettings settings, DateTimeOffset now)
    {
        var index = order is null ? -1 : Outbox.IndexOfKey(order.Outbox, input.IdempotencyKey);
        if (index < 0)
        {
            return NotPending(order, nameof(EffectCompleted), input.IdempotencyKey);
        }

        var draft = new OrderDraft(order!);
        var effect = draft.Outbox[index].Effect;
        draft.Outbox = Outbox.RemoveAt(draft.Outbox, index);
        switch (effect)
        {
            case ConfirmShipment c:
                Confirmation(ref draft, c.Package.PackageReferenceId, ConfirmationState.Confirmed, null, now);
                ScheduleCheck(ref draft, settings);
                break;
            case CancelOnAmazon:
                draft.CanceledOnAmazon = true;
                var accepted = GraphFor(draft.Channel).Resolve(draft.State, OrderTrigger.AmazonCancelAccepted, FactsOf(draft, settings));
                if (accepted.Kind == GraphOutcomeKind.Transition && accepted.Destination != draft.State)
                {
                    // Amazon accepted: now, and only now, the Commerce order is cancelled.
                    draft.State = accepted.Destination;
                    draft.Error = null;
                    DropAmazonWork(ref draft);
                    CancelImportAndCommerce(ref draft, settings);
                }

                break;
            case MarkCommerceOrderProcessing when draft.CommerceOrder is { Status: not (CommerceStatuses.Complete or CommerceStatuses.Canceled) } co:
                draft.CommerceOrder = co with { Status = CommerceStatuses.Processing };
                break;
            case CompleteCommerceOrder when draft.CommerceOrder is { } co:
                draft.CommerceOrder = co with { Status = CommerceStatuses.Complete };
                break;
            case CancelCommerceOrder when draft.CommerceOrder is { } co:
                draft.CommerceOrder = co with { Status = CommerceStatuses.Canceled };
                break;
        }

        return Applied(order, draft);
    }

    private static Decision Failed(FulfillmentOrder? order, EffectFailed input, OrderSettings settings, DateTimeOffset now)
    {
        var index = order is null ? -1 : Outbox.IndexOfKey(order.Outbox, input.IdempotencyKey);
        if (index < 0)
        {
            return NotPending(order, nameof(EffectFailed), input.IdempotencyKey);
        }

        var reason = string.IsNullOrWhiteSpace(input.Reason) ? "failed permanently." : input.Reason;
        var draft = new OrderDraft(order!);
        var effect = draft.Outbox[index].Effect;
        draft.Outbox = Outbox.RemoveAt(draft.Outbox, index);
        var code = input.Code ?? FailureCode(effect);
        draft.Failures = draft.Failures.Add(new EffectFailure(input.IdempotencyKey, reason, now) { Code = code });
        switch (effect)
        {
            case ConfirmShipment c:
                // Amazon's own refusal of a resend is an ordinary refusal, not a package it lost.
                draft.Packages = Unverified(draft.Packages, c.Package.PackageReferenceId, keepResends: true);
                Confirmation(ref draft, c.Package.PackageReferenceId, ConfirmationState.Failed, reason, null);
                break;
            case VerifyShipment when settings.ConfirmationCheckAfter is { } after:
                // The packages stay as they are (not judged on a failed read); the order shows why, and the check runs again later.
                draft.SetError(ProblemCodes.ConfirmationCheckFailed, $"Reading the packages back from Amazon failed: {Sentence(reason)} The confirmations are not verified; the check runs again after {after}.");
                ScheduleCheck(ref draft, settings, now + after);
                break;
            case CancelOnAmazon:
                // Amazon said no: Commerce is left alone, the order stays shippable, and the refusal is shown.
                draft.MerchantCancelReason = null;
                draft.SetError(ProblemCodes.CancelRefusedByAmazon, $"Amazon refused the cancellation: {Sentence(reason)} The order stays open on Amazon and in Commerce: ship it, or ask to cancel again.");
                break;
            case FetchOrderItems or ResolveCustomer or CreateCommerceOrder when draft.State == OrderState.Importing:
                // The import cannot go on: block it with the reason, like a refused creation.
                draft.State = GraphFor(draft.Channel).Resolve(draft.State, OrderTrigger.CommerceRefused, FactsOf(draft, settings)).Destination;
                draft.SetError(code, reason);
                break;
        }

        return Applied(order, draft);
    }

    /// <summary>The code of a permanent failure of an effect, by its kind.</summary>
    private static string FailureCode(OrderEffect effect) => effect switch
    {
        ConfirmShipment => ProblemCodes.ConfirmationRefusedByAmazon,
        CancelOnAmazon => ProblemCodes.CancelRefusedByAmazon,
        FetchOrderItems or ResolveCustomer or CreateCommerceOrder => ProblemCodes.ImportStepRejected,
        _ => ProblemCodes.EffectRejected,
    };

    /// <summary>Amazon answered a package's confirmation: the package records it, and the order's error shows the refusals left.</summary>
    private static void Confirmation(ref OrderDraft draft, PackageReferenceId id, ConfirmationState state, string? reason, DateTimeOffset? at)
    {
        draft.Packages = SetConfirmation(draft.Packages, id, state, reason, at);
        if (draft.State != OrderState.Canceled)
        {
            SetConfirmationError(ref draft);
        }
    }
}
