using System.Collections.Immutable;
using System.Globalization;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Workflows;

/// <content>
/// Verified confirmations: Amazon has answered success to a confirmation and kept no package. A while after Amazon accepts a package
/// (<see cref="OrderSettings.ConfirmationCheckAfter"/>) the order's packages are read back; a package Amazon does not hold is sent again
/// with the same package reference id, up to <see cref="OrderSettings.ConfirmationResends"/> times, then shown as refused.
/// </content>
public static partial class OrderWorkflow
{
    /// <summary>
    /// Schedules the read-back of the confirmed packages not yet seen on Amazon, at the earliest one's confirmation plus the check delay,
    /// or removes the scheduled read-back when none is left to check (or the check is off, or the order is not merchant-fulfilled).
    /// </summary>
    private static void ScheduleCheck(ref OrderDraft draft, OrderSettings settings, DateTimeOffset? notBefore = null)
    {
        DateTimeOffset? due = null;
        if (!CheckOff(draft.AmazonStatus, settings) && draft.Channel == FulfillmentChannel.Merchant)
        {
            var after = settings.ConfirmationCheckAfter!.Value;
            foreach (var p in draft.Packages)
            {
                if (p is { Confirmation: ConfirmationState.Confirmed, Verification: not PackageVerification.OnAmazon, ConfirmedAt: { } at } && (due is null || at + after < due))
                {
                    due = at + after;
                }
            }
        }

        if (due < notBefore)
        {
            due = notBefore;
        }

        var index = CheckIndex(draft.Outbox);
        if (index >= 0 && (draft.Outbox[index].Effect as VerifyShipment)!.DueAt == due)
        {
            return;
        }

        draft.Outbox = Outbox.RemoveAt(draft.Outbox, index);
        if (due is { } when)
        {
            draft.Outbox = draft.Outbox.Add(new PendingEffect(new VerifyShipment(draft.Id, when)));
        }
    }

    /// <summary>Outcome of <see cref="VerifyShipment"/>: each confirmed package is seen on Amazon, not yet due for judging, sent again, or shown as refused.</summary>
    private static Decision ReadBack(FulfillmentOrder? order, PackagesReadBack input, OrderSettings settings, DateTimeOffset now)
    {
        var index = order is null ? -1 : CheckIndex(order.Outbox);
        if (index < 0)
        {
            return NotPending(order, nameof(PackagesReadBack), input.AmazonOrderId.Value + ":verify");
        }

        var draft = new OrderDraft(order!);
        draft.Outbox = Outbox.RemoveAt(draft.Outbox, index);
        if (CheckOff(draft.AmazonStatus, settings) || draft.State == OrderState.Canceled)
        {
            // Switched off since it was scheduled, or nothing more is sent for a cancelled order.
            return Applied(order, draft);
        }

        var after = settings.ConfirmationCheckAfter!.Value;

        // Amazon's spelling of an id may differ from ours ("01" for 1): compared as numbers; an id that is not one is not ours.
        var held = new HashSet<long>();
        foreach (var text in input.PackageReferenceIds.IsDefault ? [] : input.PackageReferenceIds)
        {
            if (PackageReferenceId.TryCreate(text?.Trim()) is { IsValid: true } parsed)
            {
                held.Add(parsed.Value.Value);
            }
        }

        if (held.Count == 0 && draft.AmazonStatus is AmazonOrderStatus.Shipped or AmazonOrderStatus.PartiallyShipped or AmazonOrderStatus.InvoiceUnconfirmed)
        {
            // Amazon reports units shipped but lists no package: inconclusive (the answer lacks the packages), so nothing is resent.
            return Applied(order, draft);
        }

        var resend = ImportEnabled(draft.Channel, settings);
        var packages = draft.Packages.ToBuilder();
        for (var i = 0; i < packages.Count; i++)
        {
            var p = packages[i];
            if (p is not { Confirmation: ConfirmationState.Confirmed, Verification: not PackageVerification.OnAmazon })
            {
                continue;
            }

            if (held.Contains(p.Package.PackageReferenceId.Value))
            {
                packages[i] = p with { Verification = PackageVerification.OnAmazon };
            }
            else if (p.ConfirmedAt is { } at && at + after > now)
            {
                // Accepted too recently to judge: Amazon may not show it yet. The next check judges it.
            }
            else if (resend && p.Resends < settings.ConfirmationResends)
            {
                packages[i] = p with { Confirmation = ConfirmationState.Pending, ConfirmedAt = null, Verification = PackageVerification.NotOnAmazon, Resends = p.Resends + 1 };
                Enqueue(ref draft, new ConfirmShipment(p.Package, draft.MarketplaceId), settings);
            }
            else
            {
                var times = (p.Resends + 1).ToString(CultureInfo.InvariantCulture);
                packages[i] = p with
                {
                    Confirmation = ConfirmationState.Failed,
                    ConfirmedAt = null,
                    Verification = PackageVerification.NotOnAmazon,
                    FailureReason = resend
                        ? $"Amazon accepted the confirmation {times} time(s) but does not hold the package {after} later (read back at {now:u}); check the order in Seller Central."
                        : $"Amazon accepted the confirmation but does not hold the package {after} later (read back at {now:u}); it is not sent again while the order's import setting is off (managed in Seller Central).",
                };
            }
        }

        draft.Packages = packages.ToImmutable();
        SetConfirmationError(ref draft);

        ScheduleCheck(ref draft, settings);
        return Applied(order, draft);
    }

    /// <summary>Where the order's scheduled read-back is in its outbox, or -1 (an outbox holds one at most).</summary>
    private static int CheckIndex(ImmutableArray<PendingEffect> outbox) => Outbox.IndexOf(outbox, static (e, _) => e is VerifyShipment, 0);

    /// <summary>The order's error from its refused packages: a package Amazon accepted and did not keep gives its own code.</summary>
    private static void SetConfirmationError(ref OrderDraft draft)
    {
        var lost = draft.Packages.Any(p => p is { Confirmation: ConfirmationState.Failed, Verification: PackageVerification.NotOnAmazon });
        draft.SetError(lost ? ProblemCodes.ConfirmationNotKeptByAmazon : ProblemCodes.ConfirmationRefusedByAmazon, RefusedConfirmations(draft.Packages));
    }

    /// <summary>The packages with one package's verification reset (a merchant retry is a fresh start: its resends too).</summary>
    private static ImmutableArray<PackageRecord> Unverified(ImmutableArray<PackageRecord> packages, PackageReferenceId id, bool keepResends) =>
        packages.Select(p => p.Package.PackageReferenceId == id ? p with { Verification = PackageVerification.NotChecked, Resends = keepResends ? p.Resends : 0 } : p).ToImmutableArray();
}
