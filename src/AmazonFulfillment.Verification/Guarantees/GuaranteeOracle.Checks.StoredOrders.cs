using AmazonFulfillment.Domain;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Verification.Guarantees;

/// <summary>The checks of the stored orders themselves: idempotence, monotonicity, totality, crash safety, concurrency and untrusted ports (guarantees 4, 5, 6, 9, 10 and 18).</summary>
public sealed partial class GuaranteeOracle
{
    /// <summary>
    /// 4. Idempotence: nothing is held twice — an order records each package reference id once and queues each piece of work (idempotency key)
    /// once; a duplicate observation or package changes nothing (judged on the inputs run alone through <see cref="InputAsync"/>).
    /// </summary>
    private static IEnumerable<GuaranteeViolation> Guarantee4(View v)
    {
        foreach (var o in v.Orders)
        {
            foreach (var group in o.Packages.GroupBy(p => p.Package.PackageReferenceId).Where(g => g.Count() > 1))
            {
                yield return new(4, o.Id, $"package {group.Key} is recorded {group.Count()} times.");
            }

            foreach (var group in o.Outbox.GroupBy(e => e.Effect.IdempotencyKey).Where(g => g.Count() > 1))
            {
                yield return new(4, o.Id, $"{group.Key} is queued {group.Count()} times.");
            }
        }
    }

    /// <summary>
    /// 5. Monotonicity: a stored order's version, <c>LastUpdateDate</c> and Amazon status never go back; Canceled is final, Shipped moves only
    /// to Canceled; a Commerce order never leaves canceled, and leaves complete only to canceled. Stale observations are judged on the inputs.
    /// </summary>
    private IEnumerable<GuaranteeViolation> Guarantee5(View v)
    {
        foreach (var (id, s) in v.Stored)
        {
            if (_previous.GetValueOrDefault(id) is not { } prev)
            {
                continue;
            }

            if (s.Version < prev.Version)
            {
                yield return new(5, id, $"the stored version went back from {prev.Version} to {s.Version}.");
            }

            if (s.Order.LastUpdateDate < prev.Order.LastUpdateDate || s.Order.AmazonStatus.Rank() < prev.Order.AmazonStatus.Rank())
            {
                yield return new(5, id, $"regressed from {prev.Order.AmazonStatus} at {prev.Order.LastUpdateDate:O} to {s.Order.AmazonStatus} at {s.Order.LastUpdateDate:O}.");
            }

            if ((prev.Order.State == OrderState.Canceled && s.Order.State != OrderState.Canceled)
                || (prev.Order.State == OrderState.Shipped && s.Order.State is not (OrderState.Shipped or OrderState.Canceled)))
            {
                yield return new(5, id, $"went from {prev.Order.State} back to {s.Order.State}.");
            }
        }

        foreach (var (id, c) in v.CommerceById)
        {
            if (_previousCommerce.GetValueOrDefault(id) is { } was && was != c.Status
                && (was == CommerceStatuses.Canceled || (was == CommerceStatuses.Complete && c.Status != CommerceStatuses.Canceled)))
            {
                yield return new(5, id, $"the Commerce order went from {was} to {c.Status}.");
            }
        }
    }

    /// <summary>6. Totality: every stored order is in a defined state; exceptions and throwing decisions are judged as they happen.</summary>
    private static IEnumerable<GuaranteeViolation> Guarantee6(View v) =>
        v.Orders.Where(o => !Enum.IsDefined(o.State) || !Enum.IsDefined(o.AmazonStatus))
            .Select(o => new GuaranteeViolation(6, o.Id, $"the order is in an undefined state ({(int)o.State}/{(int)o.AmazonStatus})."));

    /// <summary>
    /// 9. Crash safety: stored orders and their packages never disappear (a package changes only when the merchant corrects a refused one), a
    /// package waiting for Amazon always has its confirmation queued, an import in progress always has its next step queued; once quiet, no
    /// runnable work is left (an order whose document is poisoned aside) and no package is left waiting unless the settings hold it.
    /// </summary>
    private IEnumerable<GuaranteeViolation> Guarantee9(View v)
    {
        foreach (var id in _previous.Keys.Where(k => !v.Stored.ContainsKey(k)))
        {
            yield return new(9, id, "the order disappeared from the store.");
        }

        foreach (var o in v.Orders)
        {
            if (_previous.GetValueOrDefault(o.Id) is { } prev)
            {
                foreach (var p in prev.Order.Packages)
                {
                    var now = o.Packages.FirstOrDefault(n => n.Package.PackageReferenceId == p.Package.PackageReferenceId);
                    if (now is null)
                    {
                        yield return new(9, o.Id, $"package {p.Package.PackageReferenceId} disappeared.");
                    }
                    else if (!now.Package.SameContentAs(p.Package) && p.Confirmation != ConfirmationState.Failed && !FactsOf(o.Id).EverRefused.Contains(p.Package.PackageReferenceId))
                    {
                        yield return new(9, o.Id, $"package {p.Package.PackageReferenceId} changed though Amazon had not refused it.");
                    }
                }
            }

            foreach (var p in o.Packages.Where(p => p.Confirmation == ConfirmationState.Pending))
            {
                if (!o.Outbox.Any(e => e.Effect is ConfirmShipment c && c.Package.PackageReferenceId == p.Package.PackageReferenceId))
                {
                    yield return new(9, o.Id, $"package {p.Package.PackageReferenceId} waits for Amazon, and no confirmation is queued for it.");
                }
            }

            if (o.State == OrderState.Importing && !o.Outbox.Any(e => e.Effect is FetchOrderItems or ResolveCustomer or CreateCommerceOrder))
            {
                yield return new(9, o.Id, "the import is in progress with no step queued.");
            }

            if (!v.Quiet || _poisonedNow.Contains(o.Id))
            {
                continue;
            }

            if (o.HasRunnableWork)
            {
                yield return new(9, o.Id, $"runnable work is left once quiet: {string.Join(", ", o.Outbox.Where(e => !e.Held).Select(e => e.Effect.IdempotencyKey))}.");
            }
        }
    }

    /// <summary>
    /// 10. Concurrency: once quiet, every input the runtime applied is reflected — an applied observation is not older than the order's, an
    /// applied package is recorded, an applied merchant cancellation ended Canceled, refused by Amazon visibly, or still held; a conflict that
    /// surfaces as an exception is judged as it happens.
    /// </summary>
    private IEnumerable<GuaranteeViolation> Guarantee10(View v)
    {
        if (!v.Quiet)
        {
            yield break;
        }

        foreach (var (id, facts) in _facts)
        {
            var o = v.Stored.GetValueOrDefault(id)?.Order;
            if (facts.AppliedDate is { } date && (o is null || o.LastUpdateDate < date || o.AmazonStatus.Rank() < facts.AppliedStatus!.Value.Rank()))
            {
                yield return new(10, id, $"the observation of {facts.AppliedStatus} at {date:O} was applied, the order shows {o?.AmazonStatus.ToString() ?? "nothing"} at {o?.LastUpdateDate:O}.");
            }

            foreach (var p in facts.AppliedPackages.Where(p => o is null || !o.Packages.Any(r => r.Package.PackageReferenceId == p)))
            {
                yield return new(10, id, $"package {p} was applied, and the order does not record it.");
            }

            // Amazon reporting shipped units overtakes a cancellation still queued: it is dropped, never sent (section 3a).
            var overtaken = o is not null && !o.CanceledOnAmazon && (o.AmazonStatus == AmazonOrderStatus.PartiallyShipped || o.AmazonStatus.IsShipped());
            if (facts.MerchantCancelsApplied > 0 && o is not null && !_poisonedNow.Contains(id) && o.State != OrderState.Canceled && !HasFailure(o, "cancel-amazon")
                && !o.Outbox.Any(e => e.Effect is CancelOnAmazon && e.Held) && !overtaken)
            {
                yield return new(10, id, $"the merchant's cancellation was applied, the order ends {o.State} with no refusal from Amazon.");
            }
        }
    }

    /// <summary>
    /// 18. Ports are untrusted: no stored order holds a doubled or negative line, or more shipped than ordered; a Commerce order has the order's
    /// quantities (not doubled); every permanent failure and every blocked import has a reason, and every error and failure a code of the catalog; recorded Commerce and customer ids are not blank.
    /// A port's exception escaping the runtime is judged as it happens.
    /// </summary>
    private IEnumerable<GuaranteeViolation> Guarantee18(View v)
    {
        foreach (var o in v.Orders)
        {
            foreach (var group in o.Items.GroupBy(i => i.OrderItemId).Where(g => g.Count() > 1))
            {
                yield return new(18, o.Id, $"order item {group.Key} is held {group.Count()} times.");
            }

            foreach (var i in o.Items.Where(i => i.QuantityOrdered < 0 || i.ShippedByCommerce < 0 || i.ShippedOutside < 0 || i.Remaining < 0))
            {
                yield return new(18, o.Id, $"order item {i.OrderItemId} has impossible quantities ({i.QuantityOrdered} ordered, {i.ShippedByCommerce} + {i.ShippedOutside} shipped).");
            }

            if (v.CommerceById.GetValueOrDefault(o.Id) is { } c && !o.Items.IsEmpty && c.Request.Lines.Sum(l => l.Quantity) != o.Items.Sum(i => i.QuantityOrdered))
            {
                yield return new(18, o.Id, Text($"the Commerce order has {c.Request.Lines.Sum(l => l.Quantity)} units, the order {o.Items.Sum(i => i.QuantityOrdered)}."));
            }

            if (o.Failures.Any(f => string.IsNullOrWhiteSpace(f.Reason)) || (o.State == OrderState.Blocked && string.IsNullOrWhiteSpace(o.Error)))
            {
                yield return new(18, o.Id, "a permanent failure or a blocked import has no reason.");
            }

            if ((o.Error is null) != (o.ErrorCode is null) || !IsCatalogCode(o.ErrorCode) || o.Failures.Any(f => f.Code is null || !IsCatalogCode(f.Code)))
            {
                yield return new(18, o.Id, $"an error or a permanent failure has no code of the catalog (error code {o.ErrorCode ?? "none"}, failure codes {string.Join(", ", o.Failures.Select(f => f.Code ?? "none"))}).");
            }

            if (o.CommerceOrder is { } co && (string.IsNullOrWhiteSpace(co.CommerceOrderId) || string.IsNullOrWhiteSpace(co.OrderNumber)))
            {
                yield return new(18, o.Id, "the order records a Commerce order without an id or number.");
            }

            if (o.Customer is { Kind: CustomerKind.Account, CustomerId: var customerId } && string.IsNullOrWhiteSpace(customerId))
            {
                yield return new(18, o.Id, "the order records a customer account without an id.");
            }
        }
    }
}
