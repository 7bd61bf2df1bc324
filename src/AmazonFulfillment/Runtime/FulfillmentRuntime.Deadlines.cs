using AmazonFulfillment.Diagnostics;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;

namespace AmazonFulfillment.Runtime;

/// <content>Ship-by deadlines: the orders at risk, for a host's "ship today" list and the at-risk gauge.</content>
public sealed partial class FulfillmentRuntime
{
    /// <summary>
    /// Lists the merchant-fulfilled orders at risk now: <see cref="ShipByStatus.DueSoon"/>, <see cref="ShipByStatus.Late"/> or
    /// <see cref="ShipByStatus.AutoCancelNear"/> by their store's settings, nearest deadline first. With read-only mode on it shows
    /// what would be late (<see cref="OrderAtRisk.ConfirmationHeld"/>). Also updates the <c>amazonfulfillment.order.at_risk</c>
    /// gauge (the orders listed, per Amazon store and status); a host calls it once per polling cycle, or when it shows the list.
    /// </summary>
    /// <param name="max">The most orders to list, at least 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The orders at risk.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is below 1.</exception>
    /// <exception cref="NotSupportedException">The order store does not implement <see cref="IShipByIndex"/>.</exception>
    public async Task<IReadOnlyList<OrderAtRisk>> OrdersAtRiskAsync(int max = 1_000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (_store is not IShipByIndex index)
        {
            throw ProblemCodes.Attach(ProblemCodes.StoreShipByIndexMissing, new NotSupportedException($"The order store ({_store.GetType().Name}) cannot list orders by ship-by deadline: implement IShipByIndex (the in-memory, PostgreSQL and EF Core stores do)."));
        }

        var now = _time.GetUtcNow();
        var dueSoon = RunStores.Max(store => SettingsOf(store).ShipByDueSoon);
        var ids = await StoreCall((_, _, ct) => index.ListShipByAsync(now + dueSoon, max, ct), 0, "ListShipBy", default, cancellationToken).ConfigureAwait(false);
        var atRisk = new List<OrderAtRisk>(ids.Count);
        foreach (var id in ids)
        {
            if (await LoadOrSkipAsync(id, cancellationToken).ConfigureAwait(false) is not { } order || !Runs(order.AmazonStore)
                || order.ShipByAt(now, SettingsOf(order.AmazonStore)) is not { } status || status == ShipByStatus.OnTime)
            {
                continue;
            }

            atRisk.Add(new OrderAtRisk(
                order.Id,
                order.AmazonStore,
                order.LatestShipDate!.Value,
                status,
                order.Items.Sum(item => item.Remaining),
                order.Packages.Count(p => p.Confirmation is ConfirmationState.Pending or ConfirmationState.Failed),
                order.Outbox.Any(e => e.Held && e.Effect is ConfirmShipment)));
        }

        FulfillmentTelemetry.CountAtRisk(RunStores, atRisk);
        return atRisk;
    }

    /// <summary>Loads an order for the list; one that cannot be read is reported (log, metric; order id only) and left out, never ending the list.</summary>
    private async ValueTask<FulfillmentOrder?> LoadOrSkipAsync(AmazonOrderId id, CancellationToken ct)
    {
        var result = await IsolatedAsync(
            id,
            nameof(OrdersAtRiskAsync),
            async () => new ProcessResult(id, Workflows.DecisionKind.Ignored, null, null, (await LoadAsync(id, ct).ConfigureAwait(false))?.Order),
            ct).ConfigureAwait(false);
        return result.Failed ? null : result.Order;
    }

    /// <summary>Counts a confirmation Amazon accepted after the order's ship-by deadline.</summary>
    private void CountIfLate(OrderEffect effect, FulfillmentOrder order)
    {
        if (effect is ConfirmShipment && order.LatestShipDate is { } deadline && _time.GetUtcNow() > deadline)
        {
            FulfillmentTelemetry.LateConfirmations.Add(1, new KeyValuePair<string, object?>(TelemetryTags.AmazonStore, order.AmazonStore));
        }
    }

    /// <summary>Counts the packages a read-back found missing on Amazon: each one sent again, or shown refused after the last resend.</summary>
    private static void CountLost(FulfillmentOrder before, FulfillmentOrder after)
    {
        var lost = 0;
        foreach (var p in after.Packages)
        {
            if (p.Verification == PackageVerification.NotOnAmazon
                && before.Packages.FirstOrDefault(b => b.Package.PackageReferenceId == p.Package.PackageReferenceId) is { Confirmation: ConfirmationState.Confirmed })
            {
                lost++;
            }
        }

        if (lost > 0)
        {
            FulfillmentTelemetry.LostConfirmations.Add(lost, new KeyValuePair<string, object?>(TelemetryTags.AmazonStore, after.AmazonStore));
        }
    }
}
