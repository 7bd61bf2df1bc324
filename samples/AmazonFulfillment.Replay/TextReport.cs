using System.Globalization;
using System.Text;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Replay;

/// <summary>Writes the readable report: a timeline per order, a summary table and the API calls. Never prints buyer data.</summary>
public static class TextReport
{
    /// <summary>Renders a finished run.</summary>
    /// <param name="run">The run.</param>
    /// <param name="name">The scenario's name, if any.</param>
    /// <returns>Plain text.</returns>
    public static string Write(ReplayRun run, string? name)
    {
        ArgumentNullException.ThrowIfNull(run);
        var harness = run.Harness;
        var sb = new StringBuilder();
        var end = harness.Clock.GetUtcNow();
        Line(sb, $"Scenario {name ?? "(inline)"}: {run.Events} event(s), virtual time {JsonReport.Iso(run.Start)} -> {JsonReport.Iso(end)}");
        Line(sb, string.Empty);

        Line(sb, "TIMELINE");
        foreach (var group in run.Timeline.GroupBy(t => t.AmazonOrderId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Line(sb, string.Empty);
            var tracked = harness.OrderStore.All().FirstOrDefault(s => s.Order.Id.Value == group.Key)?.Order;
            var header = group.Key.StartsWith('(')
                ? group.Key
                : $"{group.Key}{(tracked is null ? " (not tracked)" : tracked.Channel == FulfillmentChannel.Merchant ? " (merchant-fulfilled)" : " (fulfilled by Amazon)")}";
            Line(sb, header);
            foreach (var entry in group)
            {
                var where = entry.Line is { } n ? $"line {n}" : "end";
                Line(sb, $"  {JsonReport.Iso(entry.At),-24} {where,-9} {entry.Text}");
            }
        }

        Line(sb, string.Empty);
        Line(sb, "ORDERS");
        var headers = new[] { "Amazon order", "Store", "Channel", "Amazon status", "Channel status", "Commerce order", "Commerce status", "Customer", "Packages confirmed", "Ship by", "Error" };
        var rows = harness.OrderStore.All().Select(s => s.Order).OrderBy(o => o.Id.Value, StringComparer.Ordinal).Select(o => new[]
        {
            o.Id.Value,
            o.AmazonStore,
            o.Channel == FulfillmentChannel.Merchant ? "MFN" : "FBA",
            o.AmazonStatus.ToString(),
            o.ChannelStatus.ToString(),
            o.CommerceOrder?.OrderNumber ?? "-",
            o.CommerceOrder?.Status ?? "-",
            o.CommerceOrder is null ? "-" : o.Customer is { Kind: CustomerKind.Account } c ? "account #" + c.CustomerId : "guest",
            o.Packages.IsEmpty ? "-" : $"{o.Packages.Count(p => p.Confirmation == ConfirmationState.Confirmed)}/{o.Packages.Length}",
            o.LatestShipDate is { } deadline ? $"{JsonReport.Iso(deadline)} ({JsonReport.ShipBy(o, harness) ?? "done"})" : "-",
            o.Error ?? string.Empty,
        }).ToList();
        Table(sb, headers, rows);

        var orders = harness.OrderStore.All().Select(s => s.Order).OrderBy(o => o.Id.Value, StringComparer.Ordinal).ToList();
        var packages = orders.SelectMany(o => o.Packages.Select(p => (Order: o, Package: p))).ToList();
        if (packages.Count > 0)
        {
            Line(sb, string.Empty);
            Line(sb, "PACKAGES");
            Table(
                sb,
                ["Amazon order", "Package", "Carrier", "Tracking", "Confirmation", "Confirmed at / reason", "Verified"],
                packages.Select(x => new[]
                {
                    x.Order.Id.Value,
                    x.Package.Package.PackageReferenceId.ToString(),
                    x.Package.Package.CarrierCode + (x.Package.Package.CarrierName is { } carrierName ? $" ({carrierName})" : string.Empty),
                    x.Package.Package.TrackingNumber,
                    JsonReport.Confirmation(x.Order, x.Package),
                    x.Package.Confirmation switch
                    {
                        ConfirmationState.Confirmed when x.Package.ConfirmedAt is { } at => JsonReport.Iso(at),
                        ConfirmationState.Failed or ConfirmationState.Dropped => x.Package.FailureReason ?? string.Empty,
                        _ => string.Empty,
                    },
                    x.Package.Verification switch
                    {
                        PackageVerification.OnAmazon => "on Amazon",
                        PackageVerification.NotOnAmazon => "not on Amazon",
                        _ => "-",
                    } + (x.Package.Resends > 0 ? $", resent {x.Package.Resends}x" : string.Empty),
                }).ToList());
        }

        var held = orders.SelectMany(o => o.Outbox.Where(e => e.Held).Select(e => (Order: o, e.Effect))).ToList();
        Line(sb, string.Empty);
        Line(sb, $"HELD WORK ({held.Count})");
        foreach (var (order, effect) in held)
        {
            var what = effect is ConfirmShipment c ? $"{effect.GetType().Name} of package {c.Package.PackageReferenceId}" : effect.GetType().Name;
            Line(sb, $"  {order.Id.Value,-20} {what} - held by {Changes.HeldWhy(effect, order.Channel)}; runs once it is off again");
        }

        var dropped = packages.Where(x => x.Package.Confirmation == ConfirmationState.Dropped).ToList();
        Line(sb, string.Empty);
        Line(sb, $"DROPPED WORK ({dropped.Count})");
        foreach (var (order, package) in dropped)
        {
            Line(sb, $"  {order.Id.Value,-20} confirmation of package {package.Package.PackageReferenceId}: {package.FailureReason}");
        }

        Line(sb, string.Empty);
        Line(sb, $"Commerce: {harness.Commerce.Orders.Count} order(s), {harness.Customers.Customers.Count} customer(s). " +
            $"Amazon: {harness.Amazon.Confirmations.Count} package confirmation(s), {harness.Amazon.Cancellations.Count} cancellation(s).");

        Line(sb, string.Empty);
        Line(sb, $"REFUSALS ({run.Refusals.Count})");
        foreach (var r in run.Refusals)
        {
            Line(sb, $"  line {r.Line,-6} {r.AmazonOrderId ?? "-",-20} {r.Reason}");
        }

        Line(sb, string.Empty);
        Line(sb, "API CALLS (failed attempts included)");
        var calls = harness.Faults.Calls();
        var width = calls.Count == 0 ? 0 : calls.Keys.Max(k => k.Length);
        foreach (var (operation, count) in calls)
        {
            Line(sb, $"  {operation.PadRight(width)}  {count.ToString(CultureInfo.InvariantCulture),6}");
        }

        if (run.Warnings.Count > 0)
        {
            Line(sb, string.Empty);
            Line(sb, "WARNINGS");
            foreach (var warning in run.Warnings)
            {
                Line(sb, "  " + warning);
            }
        }

        return sb.ToString();
    }

    private static void Table(StringBuilder sb, string[] headers, List<string[]> rows)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        Row(headers);
        Row(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in rows)
        {
            Row(row);
        }

        void Row(string[] cells) => Line(sb, "  " + string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
    }

    private static void Line(StringBuilder sb, string text) => sb.Append(text).Append('\n');
}
