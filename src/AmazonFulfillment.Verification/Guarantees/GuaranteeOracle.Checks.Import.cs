using AmazonFulfillment.Domain;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Verification.Guarantees;

/// <summary>The checks of what an import leaves in Commerce and the customer store (guarantees 1, 2, 7 and 8).</summary>
public sealed partial class GuaranteeOracle
{
    /// <summary>
    /// 1. Exactly one Commerce order per Amazon order: never two for one Amazon order, never one for an order that is not tracked or still
    /// Pending, the one an order records is the one Commerce holds; once quiet, every imported order (Unshipped, PartiallyShipped, Shipped
    /// while its import was never off) has one, and Commerce holds none the order does not know of unless the import is blocked, held or
    /// cancelled (or the Commerce port answered one creation both ways: created with the answer lost or for another worker, and refused).
    /// </summary>
    private IEnumerable<GuaranteeViolation> Guarantee1(View v)
    {
        foreach (var group in v.Commerce.GroupBy(c => c.AmazonOrderId).Where(g => g.Count() > 1))
        {
            yield return new(1, group.Key, Text($"Commerce holds {group.Count()} orders for it."));
        }

        foreach (var c in v.Commerce.Where(c => !v.Stored.ContainsKey(c.AmazonOrderId)))
        {
            yield return new(1, c.AmazonOrderId, "Commerce holds an order for an Amazon order that is not tracked.");
        }

        var createContradicted = FaultsLocked("commerce", "CreateOrder", FaultMode.Permanent, FaultMode.Malformed) > 0
            && (FaultsLocked("commerce", "CreateOrder", FaultMode.LostResponse) > 0 || _concurrencySlack > 0);

        foreach (var o in v.Orders)
        {
            var commerce = v.CommerceById.GetValueOrDefault(o.Id);
            if (o.CommerceOrder is { } recorded && commerce?.CommerceOrderId != recorded.CommerceOrderId)
            {
                yield return new(1, o.Id, $"the order records Commerce order {recorded.CommerceOrderId}, Commerce holds {commerce?.CommerceOrderId ?? "none"}.");
            }

            if (o.State == OrderState.Pending && commerce is not null)
            {
                yield return new(1, o.Id, "the order is Pending and has a Commerce order.");
            }

            if (!v.Quiet || _poisonedNow.Contains(o.Id))
            {
                continue;
            }

            // A creation the port answered both ways (created with the answer lost, or created for one of two workers, and refused by a
            // scripted refusal) leaves a Commerce order the tracked order cannot know of.
            if (o.CommerceOrder is null && commerce is not null && !createContradicted
                && !(o.State is OrderState.Blocked or OrderState.Importing
                    || (o.State == OrderState.Canceled && (commerce.Status == CommerceStatuses.Canceled || HasFailure(o, "cancel-commerce")))))
            {
                yield return new(1, o.Id, $"Commerce holds an order the tracked order does not record (state {o.State}).");
            }

            var everOff = o.Channel == FulfillmentChannel.Amazon ? _fbaImportEverOff : _mfnImportEverOff;
            if (o.State is OrderState.Unshipped or OrderState.PartiallyShipped or OrderState.Shipped && o.CommerceOrder is null && !everOff)
            {
                yield return new(1, o.Id, $"the order is {o.State} without a Commerce order, and its import was never switched off.");
            }
        }
    }

    /// <summary>
    /// 2. At most one customer per buyer email (case-insensitive), every customer an order records exists, and missing PII never blocks an
    /// order: an order Amazon never gave an email for is never blocked by the customer step and never has a customer account.
    /// </summary>
    private IEnumerable<GuaranteeViolation> Guarantee2(View v)
    {
        foreach (var group in v.Customers.GroupBy(c => c.Email, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            yield return new(2, null, Text($"{group.Count()} customers share one email."));
        }

        foreach (var o in v.Orders)
        {
            if (o.Customer is { Kind: CustomerKind.Account } account)
            {
                if (!v.Customers.Any(c => c.CustomerId == account.CustomerId))
                {
                    yield return new(2, o.Id, $"the order records customer {account.CustomerId}, which does not exist.");
                }

                if (v.CommerceById.GetValueOrDefault(o.Id) is { } commerce && o.CommerceOrder is not null && commerce.Request.CustomerId != account.CustomerId)
                {
                    yield return new(2, o.Id, $"the Commerce order belongs to customer {commerce.Request.CustomerId ?? "guest"}, the order records {account.CustomerId}.");
                }
            }

            if (_facts.GetValueOrDefault(o.Id) is { ReportedAny: true, ReportedEmail: false })
            {
                if (o.State == OrderState.Blocked && HasFailure(o, "customer"))
                {
                    yield return new(2, o.Id, "Amazon never gave a buyer email, and the import is blocked by the customer step.");
                }

                if (o.Customer is { Kind: CustomerKind.Account })
                {
                    yield return new(2, o.Id, "Amazon never gave a buyer email, and the order has a customer account.");
                }
            }
        }
    }

    /// <summary>
    /// 7. FBA isolation: an FBA order is stored only once Amazon reported it Shipped, nothing is ever sent to Amazon for it, its Commerce order
    /// reserves no stock and does not need it, and is complete once quiet.
    /// </summary>
    private IEnumerable<GuaranteeViolation> Guarantee7(View v)
    {
        foreach (var o in v.Orders.Where(o => o.Channel == FulfillmentChannel.Amazon))
        {
            if (!o.AmazonStatus.IsShipped() || _facts.GetValueOrDefault(o.Id) is { ReportedAny: true, ReportedShipped: false })
            {
                yield return new(7, o.Id, $"the FBA order is stored ({o.AmazonStatus}) though Amazon never reported it Shipped.");
            }

            if (v.CommerceById.GetValueOrDefault(o.Id) is { } c)
            {
                if (c.Request.ReserveInventory || c.Request.RequireStock)
                {
                    yield return new(7, o.Id, "the FBA order's Commerce order reserves or requires stock.");
                }

                if (v.Quiet && c.Status != CommerceStatuses.Complete && !_poisonedNow.Contains(o.Id))
                {
                    yield return new(7, o.Id, $"the FBA order's Commerce order is {c.Status}, not complete.");
                }
            }
        }

        bool Fba(AmazonOrderId id) =>
            (v.Stored.GetValueOrDefault(id)?.Order.Channel ?? _facts.GetValueOrDefault(id)?.Channel) == FulfillmentChannel.Amazon;

        foreach (var call in v.ConfirmationCalls.Where(c => Fba(c.Package.AmazonOrderId)))
        {
            yield return new(7, call.Package.AmazonOrderId, $"package {call.Package.PackageReferenceId} was sent to Amazon for an FBA order.");
        }

        foreach (var id in v.CancellationCalls.Where(Fba).Distinct())
        {
            yield return new(7, id, "Amazon was asked to cancel an FBA order.");
        }
    }

    /// <summary>
    /// 8. Complete only when complete: a merchant-fulfilled order's Commerce order is complete only when every item is shipped; once quiet, a
    /// Shipped order's Commerce order is complete (unless Commerce refused, visibly), and one Amazon partly shipped outside Commerce, with
    /// items left to ship, is processing.
    /// </summary>
    private IEnumerable<GuaranteeViolation> Guarantee8(View v)
    {
        foreach (var (id, c) in v.CommerceById)
        {
            if (c.Status == CommerceStatuses.Complete && v.Stored.GetValueOrDefault(id)?.Order is { Channel: FulfillmentChannel.Merchant, AllItemsShipped: false })
            {
                yield return new(8, id, "the Commerce order is complete while items remain unshipped.");
            }
        }

        if (!v.Quiet)
        {
            yield break;
        }

        foreach (var o in v.Orders.Where(o => o.Channel == FulfillmentChannel.Merchant && o.CommerceOrder is not null && !_poisonedNow.Contains(o.Id)))
        {
            var status = v.CommerceById.GetValueOrDefault(o.Id)?.Status;
            if (o.State == OrderState.Shipped && status != CommerceStatuses.Complete && !HasFailure(o, "complete"))
            {
                yield return new(8, o.Id, $"the order is Shipped, its Commerce order is {status}.");
            }

            if (o.State == OrderState.PartiallyShipped && o.Packages.IsEmpty && o.AnyItemShipped && !o.AllItemsShipped
                && status is not (CommerceStatuses.Processing or CommerceStatuses.Complete) && !HasFailure(o, "processing"))
            {
                yield return new(8, o.Id, $"Amazon shipped part of the order outside Commerce, its Commerce order is {status}, not processing.");
            }
        }
    }
}
