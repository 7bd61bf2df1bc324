using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Testing;

namespace AmazonFulfillment.Replay;

/// <summary>Writes the report of REPLAY.md: every name exactly as specified.</summary>
public static class JsonReport
{
    /// <summary>Renders a finished run as the JSON report.</summary>
    /// <param name="run">The run.</param>
    /// <returns>One JSON document, ending with a new line.</returns>
    public static string Write(ReplayRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var harness = run.Harness;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();

            w.WriteStartArray("orders");
            foreach (var order in harness.OrderStore.All().Select(s => s.Order).OrderBy(o => o.Id.Value, StringComparer.Ordinal))
            {
                WriteOrder(w, order, ShipBy(order, harness), Checked(order, harness));
            }

            w.WriteEndArray();

            w.WriteStartObject("commerce");
            w.WriteStartArray("orders");
            foreach (var o in harness.Commerce.Orders)
            {
                w.WriteStartObject();
                w.WriteString("commerceOrderId", o.CommerceOrderId);
                w.WriteString("orderNumber", o.OrderNumber);
                w.WriteString("amazonOrderId", o.AmazonOrderId.Value);
                w.WriteString("status", o.Status);
                w.WriteString("storeView", o.Request.StoreView);
                w.WriteString("customerId", o.Request.CustomerId);
                w.WriteBoolean("guest", o.Request.CustomerId is null);
                w.WriteBoolean("reservedInventory", o.Request.ReserveInventory);
                w.WriteStartArray("items");
                foreach (var line in o.Request.Lines)
                {
                    w.WriteStartObject();
                    w.WriteString("sku", line.Sku.Value);
                    w.WriteNumber("quantity", line.Quantity);
                    w.WriteString("unitPrice", line.UnitPrice?.FormatAmount());
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                if (o.Request.Total is { } total)
                {
                    w.WriteStartObject("total");
                    w.WriteString("amount", total.FormatAmount());
                    w.WriteString("currency", total.Currency);
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteNull("total");
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("customers");
            foreach (var c in harness.Customers.Customers)
            {
                w.WriteStartObject();
                w.WriteString("customerId", c.CustomerId);
                w.WriteString("email", c.Email);
                w.WriteString("name", c.Name);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteStartObject("amazon");
            w.WriteStartArray("shipmentConfirmations");
            foreach (var confirmation in harness.Amazon.Confirmations)
            {
                var p = confirmation.Package;
                w.WriteStartObject();
                w.WriteString("amazonOrderId", p.AmazonOrderId.Value);
                w.WriteString("packageReferenceId", p.PackageReferenceId.ToString());
                w.WriteString("carrierCode", p.CarrierCode);
                w.WriteString("carrierName", p.CarrierName);
                w.WriteString("trackingNumber", p.TrackingNumber);
                w.WriteString("shipDate", Iso(p.ShipDate));
                w.WriteStartArray("items");
                foreach (var item in p.Items)
                {
                    w.WriteStartObject();
                    w.WriteString("orderItemId", item.OrderItemId.Value);
                    w.WriteNumber("quantity", item.Quantity);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("cancellations");
            foreach (var c in harness.Amazon.Cancellations)
            {
                w.WriteStartObject();
                w.WriteString("amazonOrderId", c.AmazonOrderId.Value);
                w.WriteString("reason", c.Reason);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteStartArray("refusals");
            foreach (var r in run.Refusals)
            {
                w.WriteStartObject();
                w.WriteNumber("line", r.Line);
                w.WriteString("amazonOrderId", r.AmazonOrderId);
                w.WriteString("reason", r.Reason);
                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WriteStartObject("calls");
            foreach (var (operation, count) in harness.Faults.Calls())
            {
                w.WriteNumber(operation, count);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Formats a time as ISO-8601 UTC with <c>Z</c>, with fractions of a second only when there are any.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The text, such as <c>2026-11-20T10:00:00Z</c>.</returns>
    public static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.') + "Z";

    /// <summary>
    /// Where a package's confirmation stands, as the report names it: <c>pending</c> (queued or being retried), <c>held</c> (its
    /// confirmation waits in the outbox, held by read-only mode), <c>confirmed</c>, <c>refused</c> (Amazon said no) or <c>dropped</c>
    /// (not sent because Amazon cancelled the order).
    /// </summary>
    /// <param name="order">The order.</param>
    /// <param name="package">One of its packages.</param>
    /// <returns>The report's word for it.</returns>
    public static string Confirmation(FulfillmentOrder order, PackageRecord package)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(package);
        return package.Confirmation switch
        {
            ConfirmationState.Confirmed => "confirmed",
            ConfirmationState.Failed => "refused",
            ConfirmationState.Dropped => "dropped",
            _ when order.Outbox.Any(e => e.Held && e.Effect is ConfirmShipment c && c.Package.PackageReferenceId == package.Package.PackageReferenceId) => "held",
            _ => "pending",
        };
    }

    /// <summary>
    /// The order's ship-by status at the end of the replay, as the report names it: <c>onTime</c>, <c>dueSoon</c>, <c>late</c>
    /// (Amazon's auto-cancellation near counts as late), or <see langword="null"/> (FBA, no date, or nothing left to ship).
    /// </summary>
    /// <param name="order">The order.</param>
    /// <param name="harness">The channel, for its clock and the order's store's settings.</param>
    /// <returns>The report's word for it.</returns>
    public static string? ShipBy(FulfillmentOrder order, InMemoryFulfillment harness)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(harness);
        var settings = order.AmazonStore == ScenarioEvent.DefaultStore ? harness.Settings.CurrentValue : harness.Settings.Get(order.AmazonStore);
        return order.ShipByAt(harness.Clock.GetUtcNow(), settings) switch
        {
            ShipByStatus.OnTime => "onTime",
            ShipByStatus.DueSoon => "dueSoon",
            ShipByStatus.Late or ShipByStatus.AutoCancelNear => "late",
            _ => null,
        };
    }

    /// <summary>Whether the order's packages are read back from Amazon: its store's <c>confirmationCheckAfter</c> is set, or one already was.</summary>
    private static bool Checked(FulfillmentOrder order, InMemoryFulfillment harness)
    {
        var settings = order.AmazonStore == ScenarioEvent.DefaultStore ? harness.Settings.CurrentValue : harness.Settings.Get(order.AmazonStore);
        return settings.ConfirmationCheckAfter is not null || order.Packages.Any(p => p.Verification != PackageVerification.NotChecked || p.Resends > 0);
    }

    private static void WriteOrder(Utf8JsonWriter w, FulfillmentOrder order, string? shipBy, bool verified)
    {
        w.WriteStartObject();
        w.WriteString("amazonOrderId", order.Id.Value);
        w.WriteString("amazonStore", order.AmazonStore);
        w.WriteString("channel", order.Channel.ToString());
        w.WriteString("amazonStatus", order.AmazonStatus.ToString());
        w.WriteString("channelStatus", order.ChannelStatus.ToString());
        w.WriteBoolean("visibleInOrders", order.VisibleInOrders);
        w.WriteString("commerceOrderId", order.CommerceOrder?.CommerceOrderId);
        w.WriteString("commerceOrderNumber", order.CommerceOrder?.OrderNumber);
        w.WriteString("commerceStatus", order.CommerceOrder?.Status);
        if (order.CommerceOrder is null)
        {
            w.WriteNull("customer");
        }
        else
        {
            var customer = order.Customer ?? CustomerRef.Guest;
            w.WriteStartObject("customer");
            w.WriteString("kind", customer.Kind.ToString());
            w.WriteString("customerId", customer.CustomerId);
            w.WriteEndObject();
        }

        w.WriteBoolean("cancellationRequested", order.CancellationRequested);
        w.WriteString("error", order.Error);
        w.WriteNumber("importAttempts", order.ImportAttempts);

        w.WriteString("latestShipDate", order.LatestShipDate is { } deadline ? Iso(deadline) : null);
        w.WriteString("shipBy", shipBy);
        w.WriteStartArray("packages");
        foreach (var p in order.Packages)
        {
            w.WriteStartObject();
            w.WriteString("packageReferenceId", p.Package.PackageReferenceId.ToString());
            w.WriteString("trackingNumber", p.Package.TrackingNumber);
            w.WriteBoolean("confirmedOnAmazon", p.Confirmation == ConfirmationState.Confirmed);
            w.WriteString("confirmation", Confirmation(order, p));
            w.WriteString("reason", p.Confirmation is ConfirmationState.Failed or ConfirmationState.Dropped ? p.FailureReason : null);
            w.WriteString("confirmedAt", p.ConfirmedAt is { } at ? Iso(at) : null);
            w.WriteString("carrierCode", p.Package.CarrierCode);
            if (verified)
            {
                // Only where confirmations are read back, so that the report of a scenario without the check is exactly as documented.
                w.WriteString("verification", Verification(p.Verification));
                w.WriteNumber("resends", p.Resends);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A package's read-back verification, as the report spells it.</summary>
    internal static string Verification(PackageVerification verification) => verification switch
    {
        PackageVerification.OnAmazon => "onAmazon",
        PackageVerification.NotOnAmazon => "notOnAmazon",
        _ => "notChecked",
    };
}
