using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Replay;

/// <summary>Describes what changed on a tracked order between two moments, for the readable timeline. Never prints buyer data.</summary>
public static class Changes
{
    /// <summary>Lists the changes from <paramref name="before"/> to <paramref name="after"/>.</summary>
    /// <param name="before">The order as last seen, or <see langword="null"/> when it was not tracked.</param>
    /// <param name="after">The order now.</param>
    /// <returns>One line per change.</returns>
    public static IReadOnlyList<string> Describe(FulfillmentOrder? before, FulfillmentOrder after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var lines = new List<string>();
        if (before is null)
        {
            lines.Add($"observed {after.AmazonStatus} ({(after.Channel == FulfillmentChannel.Merchant ? "MFN" : "FBA")}): tracked, channel status {after.ChannelStatus}{(after.VisibleInOrders ? ", visible in Orders" : ", not visible in Orders")}");
        }
        else
        {
            if (before.AmazonStatus != after.AmazonStatus)
            {
                lines.Add($"Amazon status {before.AmazonStatus} -> {after.AmazonStatus}");
            }

            if (before.ChannelStatus != after.ChannelStatus)
            {
                lines.Add($"channel status {before.ChannelStatus} -> {after.ChannelStatus}{(!before.VisibleInOrders && after.VisibleInOrders ? ", now visible in Orders" : string.Empty)}");
            }
        }

        if (!after.Items.IsEmpty && (before is null || before.ItemsFetchedFor != after.ItemsFetchedFor))
        {
            lines.Add($"order items known: {after.Items.Length} line(s), {after.Items.Sum(i => i.QuantityOrdered)} unit(s)");
        }

        if (after.Error is not null && before?.Error != after.Error)
        {
            lines.Add(after.State == OrderState.Blocked
                ? $"blocked (attempt {after.ImportAttempts}): {after.Error}"
                : $"needs attention: {after.Error}");
        }
        else if (before is not null && before.ImportAttempts != after.ImportAttempts && before.ChannelStatus == ChannelStatus.Error)
        {
            lines.Add($"import retried (attempt {after.ImportAttempts})");
        }

        if (before?.Error is not null && after.Error is null)
        {
            lines.Add("error cleared");
        }

        if (before?.CommerceOrder is null && after.CommerceOrder is { } created)
        {
            var customer = after.Customer is { Kind: CustomerKind.Account } c ? $"customer account #{c.CustomerId}" : "guest";
            lines.Add($"imported: Commerce order {created.OrderNumber} (id {created.CommerceOrderId}), status {created.Status}, {customer}");
        }
        else if (before?.CommerceOrder is { } was && after.CommerceOrder is { } now && was.Status != now.Status)
        {
            lines.Add($"Commerce order {now.OrderNumber} status {was.Status} -> {now.Status}");
        }

        if (!(before?.CancellationRequested ?? false) && after.CancellationRequested)
        {
            lines.Add("buyer requested cancellation (the merchant decides)");
        }

        foreach (var package in after.Packages)
        {
            var old = before?.Packages.FirstOrDefault(p => p.Package.PackageReferenceId == package.Package.PackageReferenceId);
            var p = package.Package;
            if (old is null)
            {
                lines.Add($"package {p.PackageReferenceId} shipped from Commerce: {p.CarrierCode} {p.TrackingNumber}, {p.Items.Sum(i => i.Quantity)} unit(s)");
            }

            if (old is not null && package.Resends > old.Resends)
            {
                lines.Add($"package {p.PackageReferenceId}: Amazon accepted its confirmation but does not hold it when read back; sent again (resend {package.Resends})");
            }

            var state = JsonReport.Confirmation(after, package);
            var was = before is null || old is null ? null : JsonReport.Confirmation(before, old);
            if (was != state || (old is not null && !ReferenceEquals(old.Package, package.Package)) || (old is not null && package.Resends > old.Resends))
            {
                if (old is not null && !old.Package.SameContentAs(package.Package))
                {
                    lines.Add($"package {p.PackageReferenceId} corrected by the merchant: {p.CarrierCode}{(p.CarrierName is null ? string.Empty : " (" + p.CarrierName + ")")} {p.TrackingNumber}");
                }

                lines.Add(state switch
                {
                    "confirmed" => $"package {p.PackageReferenceId} confirmed on Amazon",
                    "refused" => $"package {p.PackageReferenceId} confirmation refused by Amazon: {package.FailureReason}",
                    "dropped" => $"package {p.PackageReferenceId} confirmation dropped: {package.FailureReason}",
                    "held" => $"package {p.PackageReferenceId} confirmation held (read-only mode)",
                    _ => $"package {p.PackageReferenceId} confirmation pending",
                });
            }
            else if (old is not null && old.Verification != PackageVerification.OnAmazon && package.Verification == PackageVerification.OnAmazon)
            {
                lines.Add($"package {p.PackageReferenceId} verified: Amazon holds it");
            }
        }

        if (before?.MerchantCancelReason is null && after.MerchantCancelReason is { } reason)
        {
            lines.Add($"merchant cancelled ({reason})");
        }

        if (!(before?.CanceledOnAmazon ?? false) && after.CanceledOnAmazon)
        {
            lines.Add("cancellation accepted by Amazon");
        }

        foreach (var failure in after.Failures.Skip(before?.Failures.Length ?? 0))
        {
            lines.Add($"effect {failure.IdempotencyKey} failed permanently: {failure.Reason}");
        }

        var heldBefore = before?.Outbox.Where(e => e.Held).Select(e => e.Effect.IdempotencyKey).ToHashSet(StringComparer.Ordinal) ?? [];
        var heldAfter = after.Outbox.Where(e => e.Held).ToList();
        var newlyHeld = heldAfter.Where(e => !heldBefore.Contains(e.Effect.IdempotencyKey) && e.Effect is not ConfirmShipment).ToList();
        if (newlyHeld.Count > 0)
        {
            lines.Add($"held: {string.Join(", ", newlyHeld.Select(e => $"{e.Effect.GetType().Name} ({HeldWhy(e.Effect, after.Channel)})"))}");
        }

        var stillQueued = after.Outbox.Select(e => e.Effect.IdempotencyKey).ToHashSet(StringComparer.Ordinal);
        var removed = before?.Outbox.Where(e => !stillQueued.Contains(e.Effect.IdempotencyKey)).ToList() ?? [];
        var dropped = removed.Where(e => after.AmazonStatus == AmazonOrderStatus.Canceled && e.Effect.ChangesAmazon
            && !(e.Effect is CancelOnAmazon && after.CanceledOnAmazon)
            && !(e.Effect is ConfirmShipment c && after.Packages.Any(p => p.Confirmation == ConfirmationState.Confirmed && p.Package.PackageReferenceId == c.Package.PackageReferenceId))).ToList();
        foreach (var e in dropped.Where(e => e.Effect is not ConfirmShipment))
        {
            lines.Add($"dropped: {e.Effect.GetType().Name} (Amazon reports the order Canceled; nothing more is sent to Amazon)");
        }

        var released = before?.Outbox.Where(e => e.Held && after.Outbox.Any(a => !a.Held && a.Effect.IdempotencyKey == e.Effect.IdempotencyKey))
            .Concat(removed.Where(e => e.Held && !dropped.Contains(e))).ToList() ?? [];
        if (released.Count > 0)
        {
            lines.Add($"held work released: {string.Join(", ", released.Select(e => e.Effect.GetType().Name))}");
        }

        var pendingBefore = before?.HasRunnableWork ?? false;
        if (!pendingBefore && after.HasRunnableWork)
        {
            lines.Add($"work left pending for retry: {string.Join(", ", after.Outbox.Where(e => !e.Held).Select(e => e.Effect.GetType().Name))}");
        }

        return lines;
    }

    /// <summary>Why a queued effect is held: read-only mode for an Amazon call, the import setting for an import step.</summary>
    /// <param name="effect">The held effect.</param>
    /// <param name="channel">The order's channel.</param>
    /// <returns>A short reason.</returns>
    public static string HeldWhy(OrderEffect effect, FulfillmentChannel channel)
    {
        ArgumentNullException.ThrowIfNull(effect);
        return effect.ChangesAmazon ? "read-only mode"
            : effect.Imports ? (channel == FulfillmentChannel.Amazon ? "ImportOrders or ImportFbaOrders off" : "ImportOrders off")
            : "held";
    }
}
