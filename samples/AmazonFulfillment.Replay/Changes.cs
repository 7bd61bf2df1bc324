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

        if (after.ChannelStatus == ChannelStatus.Error && after.Error is not null && (before?.Error != after.Error || before.ChannelStatus != ChannelStatus.Error))
        {
            lines.Add($"blocked (attempt {after.ImportAttempts}): {after.Error}");
        }
        else if (before is not null && before.ImportAttempts != after.ImportAttempts && before.ChannelStatus == ChannelStatus.Error)
        {
            lines.Add($"import retried (attempt {after.ImportAttempts})");
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

            if (old?.Confirmation != package.Confirmation)
            {
                lines.Add(package.Confirmation switch
                {
                    ConfirmationState.Confirmed => $"package {p.PackageReferenceId} confirmed on Amazon",
                    ConfirmationState.Failed => $"package {p.PackageReferenceId} confirmation failed: {package.FailureReason}",
                    _ when after.Outbox.Any(e => e.Held && e.Effect is ConfirmShipment c && c.Package.PackageReferenceId == p.PackageReferenceId) =>
                        $"package {p.PackageReferenceId} confirmation held (read-only mode)",
                    _ => $"package {p.PackageReferenceId} confirmation pending",
                });
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

        var heldBefore = before?.Outbox.Count(e => e.Held) ?? 0;
        var heldAfter = after.Outbox.Count(e => e.Held);
        if (heldBefore > 0 && heldAfter == 0)
        {
            lines.Add("held Amazon calls released");
        }

        var pendingBefore = before?.HasRunnableWork ?? false;
        if (!pendingBefore && after.HasRunnableWork)
        {
            lines.Add($"work left pending for retry: {string.Join(", ", after.Outbox.Where(e => !e.Held).Select(e => e.Effect.GetType().Name))}");
        }

        return lines;
    }
}
