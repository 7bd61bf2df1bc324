using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Runtime;

/// <content>Running the queued effects of an order one by one, under its claim, judged again before every retry.</content>
public sealed partial class FulfillmentRuntime
{
    /// <summary>Runs the order's runnable effects one by one, feeding each outcome back; starts from <paramref name="known"/> when given.</summary>
    private async ValueTask<FulfillmentOrder?> DrainAsync(AmazonOrderId id, CancellationToken ct, Known? known = null)
    {
        var stored = known;
        HashSet<string>? leftPending = null; // effects still failing after their attempts: the others of the order go on
        for (var i = 0; i < MaxEffectsPerDrain; i++)
        {
            stored ??= Known.From(await LoadAsync(id, ct).ConfigureAwait(false));
            if (stored is { } s && OrderWorkflow.NeedsReview(s.Order, SettingsOf(s.Order.AmazonStore)))
            {
                // Queued work is judged when it runs: a setting switched on (read-only, import off) or Amazon's cancellation since it
                // was queued holds or drops it first, by a decision saved like any other.
                (_, stored) = await ApplyAsync(new WorkDue(id), ct, stored).ConfigureAwait(false);
                continue;
            }

            var next = stored is { } candidate ? NextRunnable(candidate.Order.Outbox, leftPending, _time.GetUtcNow()) : null;
            if (next is null)
            {
                return stored?.Order;
            }

            if (_store is IOrderClaims claims
                && !await StoreCall((_, _, c) => claims.TryClaimAsync(_claimOwner, id, _options.ClaimLease, c), 0, "Claim", id, ct).ConfigureAwait(false))
            {
                // The claim expired and another host holds it now: it runs the rest (renewed before each effect, so a long drain keeps it).
                return stored?.Order;
            }

            var effect = next.Effect;
            var order = stored!.Value.Order;
            var outcome = await _runner.RunAsync(effect, order.AmazonStore, effect.ChangesAmazon ? c => StillDueAsync(effect, order.Channel, order.AmazonStore, c) : null, ct).ConfigureAwait(false);
            if (outcome is null)
            {
                // Left pending for the next sweep; a throttled confirmation must not hold up the Commerce side of the order.
                (leftPending ??= new HashSet<string>(StringComparer.Ordinal)).Add(next.Effect.IdempotencyKey);
                continue;
            }

            var (decision, current) = await ApplyAsync(outcome, ct, stored).ConfigureAwait(false);
            if (outcome is EffectCompleted && decision.Kind == DecisionKind.Applied && current is { Order: var done })
            {
                CountIfLate(effect, done);
            }
            else if (outcome is PackagesReadBack && decision.Kind == DecisionKind.Applied && current is { Order: var read })
            {
                CountLost(order, read);
            }

            if (decision.Kind == DecisionKind.Refused)
            {
                // An outcome the workflow cannot take (a malformed port answer) must not loop: record it as a failure.
                (_, current) = await ApplyAsync(new EffectFailed(id, next.Effect.IdempotencyKey, decision.Refusal!.Reason) { Code = decision.Refusal!.Code }, ct, current).ConfigureAwait(false);
            }

            stored = current;
        }

        throw ProblemCodes.Attach(ProblemCodes.InternalInvariantBroken, new InvalidOperationException($"Order {id}: more than {MaxEffectsPerDrain} effects in one run; the workflow is not converging. This is a defect: report it with this message."));
    }

    /// <summary>The first queued effect that is not held, is due, and was not left pending in this drain (a loop: the drain's hot path allocates nothing here).</summary>
    private static PendingEffect? NextRunnable(System.Collections.Immutable.ImmutableArray<PendingEffect> outbox, HashSet<string>? leftPending, DateTimeOffset now)
    {
        foreach (var e in outbox)
        {
            if (e.RunnableAt(now) && (leftPending is null || !leftPending.Contains(e.Effect.IdempotencyKey)))
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>Whether an Amazon call being retried may still be sent: not held by the settings now, and still queued on the order as stored (not dropped by Amazon's cancellation on another host).</summary>
    private async ValueTask<bool> StillDueAsync(OrderEffect effect, FulfillmentChannel channel, string store, CancellationToken ct)
    {
        if (OrderWorkflow.HeldBy(effect, channel, SettingsOf(store)))
        {
            return false;
        }

        var fresh = await LoadAsync(effect.AmazonOrderId, ct).ConfigureAwait(false);
        return fresh is not null
            && fresh.Order.AmazonStatus != AmazonOrderStatus.Canceled
            && fresh.Order.Outbox.Any(e => !e.Held && e.Effect.SameKeyAs(effect));
    }
}
