using AmazonFulfillment.Domain;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Verification.Guarantees;

/// <summary>One check per guarantee of docs/rules.md section 6. Each runs under the oracle's lock and yields what it finds.</summary>
public sealed partial class GuaranteeOracle
{
    private static readonly OrderTrigger[] ItemTriggers = [OrderTrigger.ObservedUnshipped, OrderTrigger.ObservedPartiallyShipped, OrderTrigger.ObservedShipped];

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
    /// 3. Each package is confirmed to Amazon exactly once in effect: Amazon holds each (order, package reference id) once, with the content the
    /// order records (unless the merchant corrected it after a refusal); every call carries a package reference id the order records (retries
    /// reuse it) and the order's marketplace; a package the order shows confirmed is held by Amazon and stays confirmed with the same content.
    /// </summary>
    private IEnumerable<GuaranteeViolation> Guarantee3(View v)
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

        foreach (var group in v.Confirmations.GroupBy(c => (c.Package.AmazonOrderId, c.Package.PackageReferenceId)).Where(g => g.Count() > 1))
        {
            yield return new(3, group.Key.AmazonOrderId, Text($"Amazon holds package {group.Key.PackageReferenceId} {group.Count()} times."));
        }

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

    /// <summary>11. Determinism: judged on the inputs run alone (each decided twice, on the order and a copy, with the same settings and clock).</summary>
    private static IEnumerable<GuaranteeViolation> Guarantee11(View v) => [];

    /// <summary>12. Bad input is refused, naming the field, changing nothing: judged on the inputs run alone and on <see cref="Constructed"/>.</summary>
    private static IEnumerable<GuaranteeViolation> Guarantee12(View v) => [];

    /// <summary>
    /// 13. API budget: throttling is never a permanent failure; Amazon receives a package again only as often as lost responses and store
    /// failures explain, plus once per other worker running while it was sent; <c>getOrderItems</c> is called at most once per item-needing status an order went through and per import
    /// attempt, plus what faults explain; cancellations at most once per merchant cancellation, plus what faults explain.
    /// </summary>
    private IEnumerable<GuaranteeViolation> Guarantee13(View v)
    {
        foreach (var o in v.Orders)
        {
            if (Throttling(o.Error) || o.Failures.Any(f => Throttling(f.Reason)) || o.Packages.Any(p => Throttling(p.FailureReason)))
            {
                yield return new(13, o.Id, "throttling was recorded as a permanent failure.");
            }
        }

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
        var slack = StoreFaultsLocked() + _concurrencySlack;
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

        if (_poisoned.Count > 0)
        {
            yield break;
        }

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

        static bool Throttling(string? text) =>
            text is not null && (text.Contains("throttl", StringComparison.OrdinalIgnoreCase) || text.Contains("HTTP 429", StringComparison.Ordinal));
    }

    /// <summary>
    /// 14. Buyer data stays private: an order in Commerce (or cancelled, or unfulfillable) holds no buyer name, email, phone or address, in
    /// itself or its queued work; errors, failure reasons, refusals, notes, exception messages and log lines never hold buyer data the run saw.
    /// </summary>
    private IEnumerable<GuaranteeViolation> Guarantee14(View v)
    {
        foreach (var o in v.Orders)
        {
            if (o.CommerceOrder is not null || o.State is OrderState.Canceled or OrderState.Unfulfillable)
            {
                if (o.Buyer is not null || o.ShippingAddress is not null
                    || o.Outbox.Any(e => e.Effect is ResolveCustomer || (e.Effect is CreateCommerceOrder c && (c.Request.Buyer is not null || c.Request.ShippingAddress is not null))))
                {
                    yield return new(14, o.Id, $"the order ({o.State}, {(o.CommerceOrder is null ? "not" : "now")} in Commerce) still holds buyer data.");
                }
            }

            if (ContainsBuyerDataLocked(o.Error ?? string.Empty)
                || o.Failures.Any(f => ContainsBuyerDataLocked(f.Reason))
                || o.Packages.Any(p => ContainsBuyerDataLocked(p.FailureReason ?? string.Empty)))
            {
                yield return new(14, o.Id, "the order's error or a failure reason holds buyer data.");
            }
        }
    }

    /// <summary>
    /// 15. Settings take effect at once: while ReadOnly stays on, no state-changing call reaches Amazon; while ImportOrders stays off, no Commerce
    /// order is created and the customer store is not called; while ImportFbaOrders stays off, no FBA Commerce order is created — queued work
    /// included. Once quiet, exactly the work the settings hold is held. A merchant retry while import is off is judged on the inputs.
    /// </summary>
    private IEnumerable<GuaranteeViolation> Guarantee15(View v)
    {
        if (_readOnlyMark is { } m)
        {
            var now = AmazonMark.Of(_amazon);
            foreach (var call in v.ConfirmationCalls.Skip(m.ConfirmationCalls))
            {
                yield return new(15, call.Package.AmazonOrderId, $"package {call.Package.PackageReferenceId} was sent to Amazon while ReadOnly is on.");
            }

            foreach (var id in v.CancellationCalls.Skip(m.CancellationCalls))
            {
                yield return new(15, id, "Amazon was asked to cancel while ReadOnly is on.");
            }

            if (now.Calls > m.Calls && now.ConfirmationCalls == m.ConfirmationCalls && now.CancellationCalls == m.CancellationCalls)
            {
                yield return new(15, null, Text($"{now.Calls - m.Calls} state-changing Amazon calls were made while ReadOnly is on."));
            }

            _readOnlyMark = now;
        }

        if (_importOffMark is { } im)
        {
            var now = ImportMark.Of(_commerce, _customers);
            foreach (var id in now.CommerceOrders.Where(id => !im.CommerceOrders.Contains(id)))
            {
                yield return new(15, id, "a Commerce order was created while ImportOrders is off.");
            }

            if ((now.CreateOrderCalls > im.CreateOrderCalls || now.CustomerCalls > im.CustomerCalls) && now.CommerceOrders.Count == im.CommerceOrders.Count)
            {
                yield return new(15, null, Text($"Commerce was asked to create {now.CreateOrderCalls - im.CreateOrderCalls} orders and the customer store was called {now.CustomerCalls - im.CustomerCalls} times while ImportOrders is off."));
            }

            _importOffMark = now;
        }

        if (_fbaImportOffMark is { } fm)
        {
            foreach (var c in v.Commerce.Where(c => c.Request.Channel == FulfillmentChannel.Amazon && !fm.Contains(c.AmazonOrderId)))
            {
                fm.Add(c.AmazonOrderId);
                yield return new(15, c.AmazonOrderId, "an FBA Commerce order was created while FBA import is off.");
            }
        }

        if (!v.Quiet)
        {
            yield break;
        }

        foreach (var o in v.Orders.Where(o => !_poisonedNow.Contains(o.Id)))
        {
            foreach (var e in o.Outbox.Where(e => e.Held != HeldBy(e.Effect, o.Channel, v.Settings)))
            {
                yield return new(15, o.Id, $"{e.Effect.IdempotencyKey} is {(e.Held ? "held" : "not held")} once quiet, and the settings say otherwise.");
            }
        }
    }

    /// <summary>
    /// 16. No one-sided outcomes: Commerce is cancelled, and an order is Canceled, only when Amazon reported it Canceled or accepted the
    /// cancellation; an order Amazon reports Canceled is Canceled, has no Amazon call queued, and gets no Amazon call after the oracle saw it
    /// so; Amazon is asked to cancel only what the merchant cancelled; a package is dropped only for such an order; a refused confirmation
    /// shows its reason and the order's channel status Error (when not cancelled) and is explained by a refusal; an order cancelled after
    /// Commerce shipped shows an error. Once quiet, a cancellation Amazon accepted ended the order Canceled.
    /// </summary>
    private IEnumerable<GuaranteeViolation> Guarantee16(View v)
    {
        var confirmationsByOrder = v.ConfirmationCalls.GroupBy(c => c.Package.AmazonOrderId).ToDictionary(g => g.Key, g => g.Count());
        var cancellationsByOrder = v.CancellationCalls.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        var confirmRefusalsScripted = FaultsLocked("amazon", "ConfirmShipment", FaultMode.Permanent, FaultMode.Malformed) > 0;
        foreach (var (id, c) in v.CommerceById.Where(c => c.Value.Status == CommerceStatuses.Canceled))
        {
            if (v.Stored.GetValueOrDefault(id)?.Order is { } o && o.AmazonStatus != AmazonOrderStatus.Canceled && !v.CanceledByAmazon.Contains(id))
            {
                yield return new(16, id, "the Commerce order is canceled, and Amazon neither reported the order Canceled nor accepted its cancellation.");
            }
        }

        foreach (var o in v.Orders)
        {
            var amazonCanceled = o.AmazonStatus == AmazonOrderStatus.Canceled;
            if (o.State == OrderState.Canceled && !amazonCanceled && !v.CanceledByAmazon.Contains(o.Id))
            {
                yield return new(16, o.Id, "the order is Canceled, and Amazon neither reported it Canceled nor accepted its cancellation.");
            }

            if (amazonCanceled)
            {
                if (o.State != OrderState.Canceled)
                {
                    yield return new(16, o.Id, $"Amazon reports the order Canceled, it is {o.State}.");
                }

                if (o.Outbox.Any(e => e.Effect.ChangesAmazon))
                {
                    yield return new(16, o.Id, "Amazon reports the order Canceled, and an Amazon call is still queued for it.");
                }

                var facts = FactsOf(o.Id);
                var calls = (confirmationsByOrder.GetValueOrDefault(o.Id), cancellationsByOrder.GetValueOrDefault(o.Id));
                if (facts.CanceledMark is { } mark && (calls.Item1 > mark.Confirmations || calls.Item2 > mark.Cancellations))
                {
                    yield return new(16, o.Id, Text($"{calls.Item1 - mark.Confirmations} confirmations and {calls.Item2 - mark.Cancellations} cancellations were sent to Amazon after it reported the order Canceled."));
                }

                facts.CanceledMark = calls;
            }

            foreach (var p in o.Packages)
            {
                if (p.Confirmation == ConfirmationState.Dropped && !amazonCanceled)
                {
                    yield return new(16, o.Id, $"package {p.Package.PackageReferenceId} was dropped, though Amazon does not report the order Canceled.");
                }

                if (p.Confirmation is ConfirmationState.Dropped or ConfirmationState.Failed && string.IsNullOrWhiteSpace(p.FailureReason))
                {
                    yield return new(16, o.Id, $"package {p.Package.PackageReferenceId} is {p.Confirmation} without a reason.");
                }

                if (p.Confirmation != ConfirmationState.Failed)
                {
                    continue;
                }

                if (!confirmRefusalsScripted && !FactsOf(o.Id).EverRefused.Contains(p.Package.PackageReferenceId))
                {
                    yield return new(16, o.Id, $"package {p.Package.PackageReferenceId} is refused, and Amazon never refused it.");
                }

                if (o.State != OrderState.Canceled
                    && (o.ChannelStatus != ChannelStatus.Error || o.Error is null || !o.Error.Contains(p.Package.PackageReferenceId.ToString(), StringComparison.Ordinal)))
                {
                    yield return new(16, o.Id, $"Amazon refused package {p.Package.PackageReferenceId}, and the order does not show it (channel status {o.ChannelStatus}).");
                }
            }

            if (o.State == OrderState.Canceled && amazonCanceled && o.Packages.Any(p => p.Confirmation != ConfirmationState.Dropped) && string.IsNullOrWhiteSpace(o.Error))
            {
                yield return new(16, o.Id, "Amazon cancelled an order Commerce shipped packages of, and the order shows no error.");
            }
        }

        foreach (var id in v.CancellationCalls.Distinct())
        {
            var o = v.Stored.GetValueOrDefault(id)?.Order;
            if (o is not null && o.MerchantCancelReason is null && !HasFailure(o, "cancel-amazon") && FactsOf(id).MerchantCancelsApplied == 0)
            {
                yield return new(16, id, "Amazon was asked to cancel an order the merchant did not cancel.");
            }
        }

        if (!v.Quiet)
        {
            yield break;
        }

        // Amazon answering one cancellation both ways (accepted with the answer lost, or accepted for one of two workers, then refused by a
        // scripted refusal) leaves the order open on one side: the faults, not the library, say two things.
        var contradicted = FaultsLocked("amazon", "CancelOrder", FaultMode.Permanent, FaultMode.Malformed) > 0
            && (FaultsLocked("amazon", "CancelOrder", FaultMode.LostResponse) > 0 || _concurrencySlack > 0);
        foreach (var id in v.CanceledByAmazon)
        {
            if (v.Stored.GetValueOrDefault(id)?.Order is { State: not OrderState.Canceled } o && !contradicted && !_poisonedNow.Contains(id))
            {
                yield return new(16, id, $"Amazon accepted the cancellation, the order ends {o.State}.");
            }
        }
    }

    /// <summary>17. Failure isolation: judged on the sweeps, pages and resumes run through the oracle (none throws; each swept order gets a result;
    /// only a store failure or a poisoned document fails an order, and its report names the order); once quiet, a cured order has no runnable work
    /// left (guarantee 9).</summary>
    private static IEnumerable<GuaranteeViolation> Guarantee17(View v) => [];

    /// <summary>
    /// 18. Ports are untrusted: no stored order holds a doubled or negative line, or more shipped than ordered; a Commerce order has the order's
    /// quantities (not doubled); every permanent failure and every blocked import has a reason; recorded Commerce and customer ids are not blank.
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
