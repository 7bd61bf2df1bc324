using System.Text.Json;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Verification.Guarantees;

/// <summary>Single inputs run under the oracle's eye: what they must not break as they run, and, run alone, their own guarantees (4, 5, 11, 12, 15).</summary>
public sealed partial class GuaranteeOracle
{
    /// <summary>
    /// Runs one input through the runtime under the oracle's eye: what Amazon reported is noted, an exception is judged (a scripted store
    /// failure may surface; anything else breaks guarantee 6, 10 or 18), and the result is remembered (applied observations, shipments
    /// and cancellations must not be lost). When <paramref name="alone"/>, nothing else runs meanwhile, so the oracle also checks the input's
    /// own guarantees: the decision is deterministic (11), a duplicate or stale observation changes nothing (4, 5), a refusal has a reason
    /// and changes nothing (12), a retry of a blocked import is refused while import is off (15).
    /// </summary>
    /// <param name="input">The input, as the runtime receives it.</param>
    /// <param name="run">Runs it (for example <c>() =&gt; runtime.ObserveAsync(snapshot)</c>).</param>
    /// <param name="alone">Whether nothing else runs meanwhile.</param>
    /// <param name="expected">What the model expects the runtime to decide (for example Refused for bad data), or <see langword="null"/>.</param>
    /// <param name="guarantee">The guarantee a different decision breaks (12 for bad input by default).</param>
    /// <returns>The result, or <see langword="null"/> when the call threw.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="run"/> is null.</exception>
    public async Task<ProcessResult?> InputAsync(OrderInput input, Func<Task<ProcessResult>> run, bool alone = true, DecisionKind? expected = null, int guarantee = 12)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(run);
        if (input is AmazonOrderObserved observed)
        {
            Reported(observed.Snapshot);
        }

        lock (_gate)
        {
            _inputsSeen = true;
        }

        var before = alone ? Capture(input) : null;
        ProcessResult result;
        try
        {
            result = await run().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Every exception is judged against the guarantees, not thrown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Threw(input.AmazonOrderId, ex, input.GetType().Name);
            return null;
        }

        Processed(input, result);
        if (before is not null)
        {
            CheckAlone(input, before, result);
        }

        if (expected is { } kind && result.Kind != kind)
        {
            Add(guarantee, input.AmazonOrderId, $"{input.GetType().Name} was {result.Kind}; the model expects {kind}{(result.Refusal is { } r ? $" ({r.Field ?? "no field"})" : string.Empty)}.");
        }

        return result;
    }

    private Before? Capture(OrderInput input)
    {
        if (_orders is null)
        {
            return null;
        }

        var stored = _orders().FirstOrDefault(s => s.Order.Id == input.AmazonOrderId);
        OrderSettings settings;
        lock (_gate)
        {
            settings = _settings;
        }

        // Guarantee 11: the decision depends only on (state, input, settings, clock): taken twice, on the order and on a copy, it is the same.
        var now = _clock.GetUtcNow();
        try
        {
            var first = Canonical(OrderWorkflow.Decide(stored?.Order, input, settings, now));
            var second = Canonical(OrderWorkflow.Decide(stored?.Order is { } o ? o with { } : null, input, settings, now));
            if (first != second)
            {
                Add(11, input.AmazonOrderId, $"{input.GetType().Name} decided twice on the same state, settings and clock gave two different decisions.");
            }
        }
#pragma warning disable CA1031 // A decision that throws breaks totality; reported, not thrown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Add(6, input.AmazonOrderId, $"deciding {input.GetType().Name} in state {stored?.Order.State.ToString() ?? "Untracked"} threw {ex.GetType().Name}.");
        }

        return new Before(stored, AmazonMark.Of(_amazon), _commerce.Orders.Count, _customers.Customers.Count, settings);
    }

    private static string Canonical(Decision d) =>
        JsonSerializer.Serialize(new { d.Kind, d.Order, NewEffects = d.NewEffects.Select(e => e.IdempotencyKey).ToList(), Refusal = d.Refusal?.ToString(), d.Note });

    private void Processed(OrderInput input, ProcessResult result)
    {
        var id = input.AmazonOrderId;
        CheckText(14, id, result.Refusal?.Reason, "a refusal");
        CheckText(14, id, result.Note, "a result's note");
        CheckText(14, id, result.Failure, "a result's failure");
        if (result.Kind != DecisionKind.Applied || result.Failed)
        {
            return;
        }

        lock (_gate)
        {
            var facts = FactsOf(id);
            switch (input)
            {
                case AmazonOrderObserved o:
                    facts.Channel ??= o.Snapshot.Channel;
                    if (facts.AppliedDate is null || o.Snapshot.LastUpdateDate > facts.AppliedDate)
                    {
                        facts.AppliedDate = o.Snapshot.LastUpdateDate;
                        facts.AppliedStatus = o.Snapshot.Status;
                    }

                    facts.AppliedTriggers.Add(OrderWorkflow.TriggerFor(o.Snapshot.Status));
                    break;
                case ShipmentRecorded s:
                    facts.AppliedPackages.Add(s.Package.PackageReferenceId);
                    break;
                case MerchantCancelRequested:
                    facts.MerchantCancelsApplied++;
                    break;
            }
        }
    }

    private void CheckAlone(OrderInput input, Before before, ProcessResult result)
    {
        var id = input.AmazonOrderId;
        var after = _orders!().FirstOrDefault(s => s.Order.Id == id);
        var b = before.Stored?.Order;
        if (input is AmazonOrderObserved { Snapshot: var snapshot } && b is not null && snapshot.LastUpdateDate <= b.LastUpdateDate)
        {
            var (guarantee, what) = snapshot.LastUpdateDate == b.LastUpdateDate ? (4, "a duplicate") : (5, "a stale");
            if (result.Kind == DecisionKind.Applied)
            {
                Add(guarantee, id, $"{what} observation ({snapshot.Status} at {snapshot.LastUpdateDate:O}) was applied.");
            }

            if (after is null || after.Order.LastUpdateDate != b.LastUpdateDate || after.Order.AmazonStatus != b.AmazonStatus)
            {
                Add(guarantee, id, $"{what} observation changed the order's Amazon status or LastUpdateDate.");
            }
        }

        if (input is ShipmentRecorded { Package: var package } && b is not null
            && b.Packages.FirstOrDefault(p => p.Package.PackageReferenceId == package.PackageReferenceId && p.Package.SameContentAs(package)) is { } known)
        {
            if (result.Kind == DecisionKind.Applied)
            {
                Add(4, id, $"package {package.PackageReferenceId} recorded again with the same content was applied.");
            }

            if (after?.Order.Packages.Count(p => p.Package.PackageReferenceId == package.PackageReferenceId) != 1
                || !after.Order.Packages.Any(p => p.Package.SameContentAs(known.Package)))
            {
                Add(4, id, $"package {package.PackageReferenceId} recorded again with the same content changed the package.");
            }
        }

        if (input is RetryRequested && b is { State: OrderState.Blocked, HasRefusedConfirmation: false }
            && !ImportEnabled(before.Settings, b.Channel) && result.Kind != DecisionKind.Refused)
        {
            Add(15, id, $"a merchant retry of a blocked import was {result.Kind} while the import setting of its channel is off.");
        }

        if (result.Kind != DecisionKind.Refused)
        {
            return;
        }

        if (result.Refusal is null || string.IsNullOrWhiteSpace(result.Refusal.Reason))
        {
            Add(12, id, $"{input.GetType().Name} was refused without a reason.");
        }

        var now = AmazonMark.Of(_amazon);
        if (after?.Version != before.Stored?.Version || _commerce.Orders.Count != before.CommerceOrders
            || _customers.Customers.Count != before.Customers || now.Calls != before.Amazon.Calls)
        {
            Add(12, id, $"a refused {input.GetType().Name} changed something (version {before.Stored?.Version} -> {after?.Version}).");
        }
    }

    private void Threw(AmazonOrderId id, Exception ex, string what)
    {
        CheckText(14, id, ex.Message, "an exception message");
        bool storeFailuresScripted;
        lock (_gate)
        {
            storeFailuresScripted = StoreFaultsLocked() > 0;
        }

        switch (ex)
        {
            case InjectedStoreFaultException or OrderStoreException when storeFailuresScripted:
                Interlocked.Increment(ref _allowedExceptions);
                break;
            case OrderConflictException:
                Add(10, id, $"{what} was lost: {ex.GetType().Name} (concurrent writers kept winning).");
                break;
            case InjectedFaultException:
                Add(18, id, $"{what}: a port's exception escaped the runtime ({ex.GetType().Name}); it must be an unknown outcome, retried.");
                break;
            default:
                Add(6, id, $"{what} threw {ex.GetType().Name}.");
                break;
        }
    }
}
