using AmazonFulfillment.Domain;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Verification.Guarantees;

/// <summary>The checks of what reaches Amazon: each package confirmed once in effect, and the API budget (guarantees 3 and 13).</summary>
public sealed partial class GuaranteeOracle
{
    private static readonly OrderTrigger[] ItemTriggers = [OrderTrigger.ObservedUnshipped, OrderTrigger.ObservedPartiallyShipped, OrderTrigger.ObservedShipped];

    /// <summary>
    /// 3. Each package is confirmed to Amazon exactly once in effect: Amazon holds each (order, package reference id) once, with the content the
    /// order records (unless the merchant corrected it after a refusal); every call carries a package reference id the order records (retries
    /// reuse it) and the order's marketplace; a package the order shows confirmed is held by Amazon and stays confirmed with the same content.
    /// </summary>
    private IEnumerable<GuaranteeViolation> Guarantee3(View v)
    {
        NoteRefusedPackages(v);
        return HeldOnce(v).Concat(HeldAsRecorded(v)).Concat(SentAsRecorded(v)).Concat(ConfirmedStaysConfirmed(v));
    }

    /// <summary>Remembers every package Amazon ever refused: a merchant may correct its content afterwards.</summary>
    private void NoteRefusedPackages(View v)
    {
        foreach (var call in v.ConfirmationCalls.Where(c => !c.Accepted))
        {
            FactsOf(call.Package.AmazonOrderId).EverRefused.Add(call.Package.PackageReferenceId);
        }

        foreach (var o in v.Orders)
        {
            foreach (var p in o.Packages.Where(p => p.Confirmation == ConfirmationState.Failed))
            {
                FactsOf(o.Id).EverRefused.Add(p.Package.PackageReferenceId);
            }
        }
    }

    private static IEnumerable<GuaranteeViolation> HeldOnce(View v) =>
        v.Confirmations.GroupBy(c => (c.Package.AmazonOrderId, c.Package.PackageReferenceId)).Where(g => g.Count() > 1)
            .Select(group => new GuaranteeViolation(3, group.Key.AmazonOrderId, Text($"Amazon holds package {group.Key.PackageReferenceId} {group.Count()} times.")));

    private IEnumerable<GuaranteeViolation> HeldAsRecorded(View v)
    {
        foreach (var accepted in v.Confirmations)
        {
            var package = accepted.Package;
            var order = v.Stored.GetValueOrDefault(package.AmazonOrderId)?.Order;
            var recorded = order?.Packages.FirstOrDefault(p => p.Package.PackageReferenceId == package.PackageReferenceId);
            if (recorded is null)
            {
                yield return new(3, package.AmazonOrderId, $"Amazon holds package {package.PackageReferenceId}, which the order does not record.");
            }
            else if (!recorded.Package.SameContentAs(package) && !FactsOf(package.AmazonOrderId).EverRefused.Contains(package.PackageReferenceId))
            {
                yield return new(3, package.AmazonOrderId, $"Amazon holds package {package.PackageReferenceId} with other content than the order records, and it was never refused.");
            }
        }
    }

    private static IEnumerable<GuaranteeViolation> SentAsRecorded(View v)
    {
        foreach (var call in v.ConfirmationCalls)
        {
            var order = v.Stored.GetValueOrDefault(call.Package.AmazonOrderId)?.Order;
            if (order is not null && !order.Packages.Any(p => p.Package.PackageReferenceId == call.Package.PackageReferenceId))
            {
                yield return new(3, order.Id, $"Amazon was sent package {call.Package.PackageReferenceId}, which the order does not record.");
            }

            if (call.MarketplaceId is null && order?.MarketplaceId is not null)
            {
                yield return new(3, order.Id, $"package {call.Package.PackageReferenceId} was sent without the order's marketplace.");
            }
        }
    }

    private IEnumerable<GuaranteeViolation> ConfirmedStaysConfirmed(View v)
    {
        foreach (var o in v.Orders)
        {
            foreach (var p in o.Packages.Where(p => p.Confirmation == ConfirmationState.Confirmed))
            {
                if (!v.Confirmations.Any(c => c.Package.AmazonOrderId == o.Id && c.Package.PackageReferenceId == p.Package.PackageReferenceId))
                {
                    yield return new(3, o.Id, $"package {p.Package.PackageReferenceId} is confirmed, Amazon does not hold it.");
                }
            }

            if (_previous.GetValueOrDefault(o.Id) is not { } prev)
            {
                continue;
            }

            foreach (var p in prev.Order.Packages.Where(p => p.Confirmation == ConfirmationState.Confirmed))
            {
                if (!o.Packages.Any(n => n.Confirmation == ConfirmationState.Confirmed && n.Package.SameContentAs(p.Package)))
                {
                    yield return new(3, o.Id, $"package {p.Package.PackageReferenceId} was confirmed, and no longer is (or changed).");
                }
            }
        }
    }

    /// <summary>
    /// 13. API budget: throttling is never a permanent failure; Amazon receives a package again only as often as lost responses and store
    /// failures explain, plus once per other worker running while it was sent; <c>getOrderItems</c> is called at most once per item-needing status an order went through and per import
    /// attempt, plus what faults explain; cancellations at most once per merchant cancellation, plus what faults explain.
    /// </summary>
    private IEnumerable<GuaranteeViolation> Guarantee13(View v)
    {
        var throttling = v.Orders
            .Where(o => Throttling(o.Error) || o.Failures.Any(f => Throttling(f.Reason)) || o.Packages.Any(p => Throttling(p.FailureReason)))
            .Select(o => new GuaranteeViolation(13, o.Id, "throttling was recorded as a permanent failure."));
        return throttling.Concat(ConfirmationBudget(v)).Concat(ItemAndCancelBudget(v));

        static bool Throttling(string? text) =>
            text is not null && (text.Contains("throttl", StringComparison.OrdinalIgnoreCase) || text.Contains("HTTP 429", StringComparison.Ordinal));
    }

    /// <summary>Amazon receives a package again only as often as lost responses, store failures and concurrent workers explain.</summary>
    private IEnumerable<GuaranteeViolation> ConfirmationBudget(View v)
    {
        // A package sent while several workers ran at once (or a host stopped) may have reached Amazon once per worker.
        foreach (var c in v.Confirmations)
        {
            var key = (c.Package.AmazonOrderId, c.Package.PackageReferenceId);
            if (c.Calls > _confirmationCalls.GetValueOrDefault(key))
            {
                _repeatsAllowed[key] = _repeatsAllowed.GetValueOrDefault(key) + _repeatsSinceCheck;
                _confirmationCalls[key] = c.Calls;
            }
        }

        _repeatsSinceCheck = 0;
        var repeated = v.Confirmations
            .Where(c => !_poisoned.Contains(c.Package.AmazonOrderId))
            .Select(c => (c.Package, Extra: c.Calls - 1 - _repeatsAllowed.GetValueOrDefault((c.Package.AmazonOrderId, c.Package.PackageReferenceId))))
            .Where(c => c.Extra > 0)
            .ToList();
        var extra = repeated.Sum(c => c.Extra);
        var explained = FaultsLocked("amazon", "ConfirmShipment", FaultMode.LostResponse) + StoreFaultsLocked();
        if (extra > explained)
        {
            var worst = repeated.OrderByDescending(c => c.Extra).First();
            yield return new(13, worst.Package.AmazonOrderId, Text($"Amazon received {extra} confirmations more than once that no concurrent worker explains (package {worst.Package.PackageReferenceId}: {worst.Extra}); lost responses and store failures explain {explained}."));
        }
    }

    /// <summary><c>getOrderItems</c> at most once per item-needing status and import attempt, cancellations at most once per merchant cancellation, plus what faults explain.</summary>
    private IEnumerable<GuaranteeViolation> ItemAndCancelBudget(View v)
    {
        if (_poisoned.Count > 0)
        {
            yield break;
        }

        var slack = StoreFaultsLocked() + _concurrencySlack;
        var items = _amazon.Faults.CallsOf("amazon", "GetOrderItems");
        var itemBudget = v.Orders.Sum(o => (_facts.GetValueOrDefault(o.Id) is { AppliedTriggers.Count: > 0 } f ? f.AppliedTriggers.Count(ItemTriggers.Contains) : ItemTriggers.Length) + o.ImportAttempts)
            + FaultsLocked("amazon", "GetOrderItems", AnyFault) + slack;
        if (items > itemBudget)
        {
            yield return new(13, null, Text($"getOrderItems was called {items} times; the orders' statuses, import attempts and faults explain {itemBudget}."));
        }

        if (_inputsSeen)
        {
            var cancels = _amazon.Faults.CallsOf("amazon", "CancelOrder");
            var cancelBudget = _facts.Values.Sum(f => f.MerchantCancelsApplied) + FaultsLocked("amazon", "CancelOrder", AnyFault) + slack;
            if (cancels > cancelBudget)
            {
                yield return new(13, null, Text($"Amazon was asked to cancel {cancels} times; merchant cancellations and faults explain {cancelBudget}."));
            }
        }
    }
}
