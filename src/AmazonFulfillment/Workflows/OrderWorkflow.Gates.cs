using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Workflows;

/// <content>Gates: whether queued work may run, judged when it runs (settings now, Amazon's cancellation).</content>
public static partial class OrderWorkflow
{
    // ---- Gates: whether queued work may run, judged when it runs --------------------------------

    /// <summary>Whether the settings hold an effect now: an Amazon call in read-only mode, or an import step while the channel's import is off.</summary>
    internal static bool HeldBy(OrderEffect effect, FulfillmentChannel channel, OrderSettings settings) =>
        (effect.ChangesAmazon && settings.ReadOnly)
        || (effect.Imports && !ImportEnabled(channel, settings));

    /// <summary>Whether Commerce orders are created for the channel: ImportOrders, and ImportFbaOrders for FBA (the one definition).</summary>
    internal static bool ImportEnabled(FulfillmentChannel channel, OrderSettings settings) =>
        settings.ImportOrders && (channel == FulfillmentChannel.Merchant || settings.ImportFbaOrders);

    /// <summary>
    /// Whether the order's queued work no longer agrees with the settings and the order now (an effect to hold, release or drop).
    /// The runtime asks before it runs an order's work, and lets a <see cref="WorkDue"/> decision settle it when it does not agree.
    /// </summary>
    internal static bool NeedsReview(FulfillmentOrder order, OrderSettings settings)
    {
        foreach (var e in order.Outbox)
        {
            if (e.Held != HeldBy(e.Effect, order.Channel, settings) || (e.Effect.ChangesAmazon && order.AmazonStatus == AmazonOrderStatus.Canceled)
                || (e.Effect is VerifyShipment && CheckOff(order.AmazonStatus, settings)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a scheduled read-back of the packages no longer runs: the check is off, or Amazon reports the order Canceled.</summary>
    private static bool CheckOff(AmazonOrderStatus status, OrderSettings settings) =>
        settings.ConfirmationCheckAfter is null || status == AmazonOrderStatus.Canceled;

    private static Decision Due(FulfillmentOrder? order, WorkDue input, OrderSettings settings)
    {
        if (order is null)
        {
            return Decision.Ignore(null, $"{nameof(WorkDue)} for an untracked order changes nothing.");
        }

        var draft = new OrderDraft(order);
        return Review(ref draft, settings) ? Applied(order, draft) : Decision.Ignore(order, "The queued work may run as it is.");
    }

    /// <summary>Holds, releases or drops queued effects as the settings and the order now require; returns whether anything changed.</summary>
    private static bool Review(ref OrderDraft draft, OrderSettings settings)
    {
        var changed = false;
        if (draft.AmazonStatus == AmazonOrderStatus.Canceled)
        {
            changed = DropAmazonWork(ref draft);
        }

        if (CheckOff(draft.AmazonStatus, settings) && CheckIndex(draft.Outbox) is var check and >= 0)
        {
            // Switched off since it was scheduled, or Amazon cancelled the order: the read-back is not made at all.
            draft.Outbox = Outbox.RemoveAt(draft.Outbox, check);
            changed = true;
        }

        var outbox = draft.Outbox;
        for (var i = 0; i < outbox.Length; i++)
        {
            var held = HeldBy(outbox[i].Effect, draft.Channel, settings);
            if (outbox[i].Held != held)
            {
                outbox = outbox.SetItem(i, outbox[i] with { Held = held });
                changed = true;
            }
        }

        draft.Outbox = outbox;
        return changed;
    }

    /// <summary>
    /// Amazon reports the order Canceled: nothing more is sent to Amazon for it. Queued confirmations and cancellations are dropped,
    /// each dropped package says why, and packages Commerce shipped are shown as an error (the parcel must be recovered).
    /// </summary>
    private static bool DropAmazonWork(ref OrderDraft draft)
    {
        var dropped = false;
        foreach (var e in draft.Outbox)
        {
            if (!e.Effect.ChangesAmazon)
            {
                continue;
            }

            dropped = true;
            if (e.Effect is ConfirmShipment c)
            {
                draft.Packages = SetConfirmation(draft.Packages, c.Package.PackageReferenceId, ConfirmationState.Dropped, "Amazon reports the order Canceled: the confirmation was not sent.", null);
            }
        }

        if (dropped)
        {
            draft.Outbox = draft.Outbox.RemoveAll(e => e.Effect.ChangesAmazon);
        }

        if (draft.State == OrderState.Canceled && !draft.Packages.IsEmpty)
        {
            var ids = string.Join(", ", draft.Packages.Select(p => p.Package.PackageReferenceId.ToString()));
            draft.SetError(ProblemCodes.OrderCanceledAfterShipment, $"Amazon reports the order Canceled, but Commerce shipped package {ids} for it: recover the parcel. Nothing more is sent to Amazon for this order.");
        }

        return dropped;
    }

    /// <summary>A reason from the other side as a sentence of its own (it may or may not end with a full stop).</summary>
    private static string Sentence(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "no reason given." : reason.TrimEnd() is var r && r.EndsWith('.') ? r : r + ".";

    /// <summary>Amazon reports shipped units: a merchant cancellation still queued can no longer apply, so it is dropped with a note.</summary>
    private static void DropMerchantCancel(ref OrderDraft draft, AmazonOrderStatus status)
    {
        if (draft.State != OrderState.Canceled && draft.Outbox.Any(e => e.Effect is CancelOnAmazon))
        {
            draft.Outbox = draft.Outbox.RemoveAll(e => e.Effect is CancelOnAmazon);
            draft.MerchantCancelReason = null;
            draft.SetError(ProblemCodes.CancelOvertakenByShipment, $"Amazon reports the order {status}: the merchant's cancellation was not sent, and the order was not cancelled in Commerce.");
        }
    }

    private static readonly string MerchantImportHeldNote = ImportHeldNoteOf(FulfillmentChannel.Merchant);
    private static readonly string AmazonImportHeldNote = ImportHeldNoteOf(FulfillmentChannel.Amazon);

    /// <summary>The note an order shows while its import steps are held because the channel's import setting is off (made once: every decision reads it).</summary>
    private static string ImportHeldNote(FulfillmentChannel channel) =>
        channel == FulfillmentChannel.Amazon ? AmazonImportHeldNote : MerchantImportHeldNote;

    private static string ImportHeldNoteOf(FulfillmentChannel channel) =>
        $"{ImportSetting(channel)} is off: the import waits, and resumes once it is switched on again.";

    private static string ImportSetting(FulfillmentChannel channel) =>
        channel == FulfillmentChannel.Amazon ? "ImportFbaOrders" : nameof(OrderSettings.ImportOrders);
}
