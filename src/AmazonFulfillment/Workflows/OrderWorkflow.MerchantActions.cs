using System.Collections.Immutable;
using System.Runtime.InteropServices;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Workflows;

/// <content>What the merchant does: ship, correct a refused package, cancel, retry, and the sync cycle.</content>
public static partial class OrderWorkflow
{
    // ---- Merchant actions ----------------------------------------------------------------------

    private static Decision Ship(FulfillmentOrder? order, ShipmentPackage package, OrderSettings settings, DateTimeOffset now)
    {
        const string input = nameof(ShipmentRecorded);
        if (order is null)
        {
            return RefuseUntracked(input, package.AmazonOrderId);
        }

        // Amazon's spelling of the carrier, "Other" with a listed carrier's name mapped to it; a failed check refuses or flags.
        var check = settings.Carriers.Check(order.MarketplaceId, package.CarrierCode, package.CarrierName, package.TrackingNumber);
        package = package.WithCarrier(check.CarrierCode, check.CarrierName);
        if (ShipmentNotAllowed(order, package, settings, now, check) is { } early)
        {
            return early;
        }

        var items = new TrackedItem[order.Items.Length];
        order.Items.CopyTo(items);
        foreach (var line in package.Items)
        {
            var index = IndexOf(items, line.OrderItemId);
            if (index < 0)
            {
                return Refuse(order, input, ProblemCodes.ShipmentItemNotInOrder, "items.orderItemId", $"order item {line.OrderItemId} is not part of the order, whose items are {ItemIds(order)}; "
                    + "nothing was recorded. Use the order's own Amazon order item ids and record the package again.");
            }

            if (line.Quantity > items[index].Remaining)
            {
                return Refuse(order, input, ProblemCodes.ShipmentQuantityExceedsRemaining, "items.quantity", $"{line.Quantity} of order item {line.OrderItemId} is more than the {items[index].Remaining} that remain unshipped "
                    + $"(of {items[index].QuantityOrdered} ordered); nothing was recorded. Ship at most {items[index].Remaining} and record the package again.");
            }

            items[index] = items[index] with { ShippedByCommerce = items[index].ShippedByCommerce + line.Quantity };
        }

        var draft = new OrderDraft(order);
        draft.Items = ImmutableCollectionsMarshal.AsImmutableArray(items);
        draft.Packages = order.Packages.Add(new PackageRecord(package, ConfirmationState.Pending, CarrierWarning: check.Problem?.Reason));
        SetConfirmationError(ref draft); // a new package moves on from an earlier refused cancellation
        if (Move(order, ref draft, OrderTrigger.Shipment, input, settings) is { } moved)
        {
            return moved;
        }

        Enqueue(ref draft, new ConfirmShipment(package, draft.MarketplaceId), settings);
        if (draft.State == OrderState.Shipped)
        {
            Enqueue(ref draft, new CompleteCommerceOrder(draft.Id), settings);
        }
        else if (draft.CommerceOrder!.Status != CommerceStatuses.Complete)
        {
            draft.CommerceOrder = draft.CommerceOrder with { Status = CommerceStatuses.Processing };
        }

        return Applied(order, draft);
    }

    /// <summary>
    /// The decision instead of recording the package when the order cannot take it: the same package again (a no-op, or the
    /// correction of a refused one), or a refusal naming the field. <see langword="null"/> when the package may be recorded.
    /// </summary>
    private static Decision? ShipmentNotAllowed(FulfillmentOrder order, ShipmentPackage package, OrderSettings settings, DateTimeOffset now, CarrierCheck check)
    {
        const string input = nameof(ShipmentRecorded);
        if (order.Channel == FulfillmentChannel.Amazon)
        {
            return Refuse(order, input, ProblemCodes.ShipmentFbaOrder, "amazonOrderId", "FBA orders are shipped by Amazon; nothing is confirmed for them, so nothing was recorded. Do not record shipments for FBA (AFN) orders.");
        }

        if (!settings.ImportOrders)
        {
            return Refuse(order, input, ProblemCodes.ShipmentImportOff, null, $"ImportOrders is off for Amazon store '{order.AmazonStore}': shipments are managed in Seller Central, so nothing was recorded. "
                + "Confirm the shipment in Seller Central, or switch ImportOrders on and record it again.");
        }

        foreach (var existing in order.Packages)
        {
            if (existing.Package.PackageReferenceId == package.PackageReferenceId)
            {
                if (existing.Package.SameContentAs(package))
                {
                    return Decision.Ignore(order, $"Package {package.PackageReferenceId} is already recorded.");
                }

                return existing.Confirmation == ConfirmationState.Failed && order.State != OrderState.Canceled
                    ? CarrierRefusal(order, check, settings) ?? Correct(order, package, settings, now, check)
                    : Refuse(order, input, ProblemCodes.ShipmentPackageIdReused, "packageReferenceId", $"package {package.PackageReferenceId} is already recorded with a different {Differences(existing.Package, package)}; "
                        + "a package id names one package: record a new package under a new id (only a package Amazon refused can be corrected under its id).");
            }
        }

        return order.State == OrderState.Canceled ? Refuse(order, input, ProblemCodes.ShipmentOrderCanceled, "amazonOrderId", $"the order is canceled (Amazon status {order.AmazonStatus}); nothing was recorded. Do not ship it; if the parcel already left, recover it.")
            : order.CancellationPending ? Refuse(order, input, ProblemCodes.ShipmentCancellationPending, "amazonOrderId", "the merchant's cancellation waits for Amazon's answer; nothing was recorded. Ship only if Amazon refuses it.")
            : order.CommerceOrder is null ? (order.State == OrderState.Blocked
                ? Refuse(order, input, ProblemCodes.ShipmentImportBlocked, "amazonOrderId", $"the order is not yet in Commerce: its import is blocked ({order.Error}). Fix that and retry the import, then record the shipment again.")
                : Refuse(order, input, ProblemCodes.ShipmentNotInCommerce, "amazonOrderId", $"the order is not yet in Commerce (it is {order.ChannelStatus}); record the shipment again once its Commerce order exists."))
            : package.ShipDate > now + settings.ShipDateClockSkew ? FutureShipDate(order, package, settings, now)
            : CarrierRefusal(order, check, settings);
    }

    private static Decision FutureShipDate(FulfillmentOrder order, ShipmentPackage package, OrderSettings settings, DateTimeOffset now) =>
        Refuse(order, nameof(ShipmentRecorded), ProblemCodes.ShipmentShipDateInFuture, "shipDate", $"{package.ShipDate:O} is in the future: later than the runtime's clock ({now:O}) plus the allowed skew "
            + $"({settings.ShipDateClockSkew}). Check the clock of the system that recorded the shipment, or the ShipDateClockSkew setting.");

    /// <summary>The order's item ids for a refusal (Amazon's ids, never buyer data); a long list is cut short.</summary>
    private static string ItemIds(FulfillmentOrder order) =>
        order.Items.IsEmpty ? "not fetched yet"
            : string.Join(", ", order.Items.Take(10).Select(i => i.OrderItemId.ToString())) + (order.Items.Length > 10 ? $" and {order.Items.Length - 10} more" : string.Empty);

    /// <summary>Names what differs between two packages recorded under one id.</summary>
    private static string Differences(ShipmentPackage recorded, ShipmentPackage given)
    {
        var fields = new List<string>(6);
        if (recorded.CarrierCode != given.CarrierCode || recorded.CarrierName != given.CarrierName)
        {
            fields.Add("carrier");
        }

        if (recorded.ShippingMethod != given.ShippingMethod)
        {
            fields.Add("shippingMethod");
        }

        if (recorded.TrackingNumber != given.TrackingNumber)
        {
            fields.Add("trackingNumber");
        }

        if (recorded.ShipDate != given.ShipDate)
        {
            fields.Add("shipDate");
        }

        if (!recorded.Items.SequenceEqual(given.Items))
        {
            fields.Add("items");
        }

        return fields.Count == 0 ? "content" : string.Join(" and ", fields);
    }

    /// <summary>The refusal of a package whose carrier or tracking number fails Amazon's carrier table, unless the settings send and flag it.</summary>
    private static Decision? CarrierRefusal(FulfillmentOrder order, CarrierCheck check, OrderSettings settings) =>
        check.Problem is { } problem && settings.CarrierCheck == CarrierCheckMode.Refuse
            ? Refuse(order, nameof(ShipmentRecorded), problem.Code, problem.Field, problem.Reason)
            : null;

    private static Decision MerchantCancel(FulfillmentOrder? order, MerchantCancelRequested input, OrderSettings settings)
    {
        const string name = nameof(MerchantCancelRequested);
        if (order is null)
        {
            return RefuseUntracked(name, input.AmazonOrderId);
        }

        if (order.Channel == FulfillmentChannel.Amazon)
        {
            return Refuse(order, name, ProblemCodes.CancelFbaOrder, "amazonOrderId", "FBA orders cannot be cancelled by the merchant: Amazon fulfils them, so nothing was sent. Manage the order in Seller Central.");
        }

        if (!settings.ImportOrders)
        {
            return Refuse(order, name, ProblemCodes.CancelImportOff, null, $"ImportOrders is off for Amazon store '{order.AmazonStore}': cancellations are managed in Seller Central, so nothing was sent. "
                + "Cancel in Seller Central, or switch ImportOrders on and cancel again.");
        }

        if (!CancelReasons.TryNormalize(input.Reason, out var reason))
        {
            var given = string.IsNullOrWhiteSpace(input.Reason) ? "is required" : $"'{AmazonOrderId.Truncate(input.Reason)}' is not a reason Amazon accepts";
            return Refuse(order, name, ProblemCodes.CancelReasonInvalid, "reason", $"{given}; nothing was sent. Cancel again with one of {string.Join(", ", CancelReasons.All)}.");
        }

        if (reason == CancelReasons.BuyerCanceled && !order.CancellationRequested)
        {
            return Refuse(order, name, ProblemCodes.CancelBuyerCanceledWithoutRequest, "reason", "BuyerCanceled is for cancellations the buyer asked for, and Amazon reports no buyer request for this order; "
                + "it would still count against the cancellation rate and misstate the facts. Use the reason that applies, such as NoInventory.");
        }

        if (order.AnyItemShipped || order.State != OrderState.Unshipped)
        {
            return Refuse(order, name, ProblemCodes.CancelNotUnshipped, null, $"a merchant can cancel only while the order is Unshipped with nothing shipped; it is {order.ChannelStatus}, so nothing was sent. "
                + "Manage the order in Seller Central.");
        }

        if (order.CancellationPending)
        {
            return Decision.Ignore(order, "The cancellation was already asked of Amazon and waits for its answer.");
        }

        // Amazon is asked first; the Commerce order is cancelled only once Amazon accepts (never one side alone).
        var draft = new OrderDraft(order) { MerchantCancelReason = reason, Error = null };
        if (Move(order, ref draft, OrderTrigger.MerchantCancel, name, settings) is { } early)
        {
            return early;
        }

        Enqueue(ref draft, new CancelOnAmazon(draft.Id, reason), settings);
        return Applied(order, draft);
    }

    private static Decision Retry(FulfillmentOrder? order, RetryRequested input, OrderSettings settings)
    {
        if (order is null)
        {
            return RefuseUntracked(nameof(RetryRequested), input.AmazonOrderId);
        }

        if (order.State != OrderState.Canceled && order.HasRefusedConfirmation)
        {
            return settings.ImportOrders
                ? ResendRefused(order, settings)
                : Refuse(order, nameof(RetryRequested), ProblemCodes.RetryConfirmationImportOff, null, "ImportOrders is off: shipments are managed in Seller Central, so refused confirmations are not sent again. "
                    + "Confirm the shipment in Seller Central, or switch ImportOrders on and retry.");
        }

        if (order.State is OrderState.Blocked or OrderState.Importing && !ImportEnabled(order.Channel, settings))
        {
            return Refuse(order, nameof(RetryRequested), ProblemCodes.RetryImportOff, null, $"{ImportSetting(order.Channel)} is off: the import cannot be retried until it is switched on again, so nothing changed.");
        }

        var draft = new OrderDraft(order);
        if (Move(order, ref draft, OrderTrigger.Retry, nameof(RetryRequested), settings, (ProblemCodes.RetryNothingToRetry, $"only a blocked import or a refused confirmation can be retried; the order is {order.State} with neither, so nothing changed.")) is { } early)
        {
            return early;
        }

        if (draft.State == OrderState.Importing)
        {
            StartImport(ref draft, automatic: false, settings);
        }

        return Applied(order, draft);
    }

    private static Decision Sync(FulfillmentOrder? order, SyncCycleEnded input, OrderSettings settings)
    {
        if (order is null)
        {
            return RefuseUntracked(nameof(SyncCycleEnded), input.AmazonOrderId);
        }

        // Queued work is judged against the settings now (held work released, or newly held), whatever the graph says of the sync.
        var draft = new OrderDraft(order);
        var reviewed = Review(ref draft, settings);
        if (Move(order, ref draft, OrderTrigger.Sync, nameof(SyncCycleEnded), settings) is { } early)
        {
            return reviewed ? Applied(order, draft) : early;
        }

        if (draft.State == OrderState.Importing)
        {
            StartImport(ref draft, automatic: true, settings);
        }

        return Applied(order, draft);
    }


    // ---- Refused confirmations: visible, correctable, retryable ----------------------------------

    /// <summary>The error a refused confirmation shows, or <see langword="null"/> when Amazon refused none.</summary>
    private static string? RefusedConfirmations(ImmutableArray<PackageRecord> packages)
    {
        string? error = null;
        foreach (var p in packages)
        {
            if (p.Confirmation == ConfirmationState.Failed)
            {
                error = (error is null ? string.Empty : error + " ")
                    + $"Amazon refused the confirmation of package {p.Package.PackageReferenceId}: {Sentence(p.FailureReason)}";
            }
        }

        return error is null ? null : error + " Correct the package (record it again with the same package reference id) or retry it.";
    }

    /// <summary>The merchant records a refused package again with corrected content: it replaces the refused one and is sent again.</summary>
    private static Decision Correct(FulfillmentOrder order, ShipmentPackage package, OrderSettings settings, DateTimeOffset now, CarrierCheck check)
    {
        const string input = nameof(ShipmentRecorded);
        var refused = order.Packages.First(p => p.Package.PackageReferenceId == package.PackageReferenceId).Package;
        if (!refused.Items.SequenceEqual(package.Items))
        {
            return Refuse(order, input, ProblemCodes.ShipmentCorrectionChangesItems, "items", $"package {package.PackageReferenceId} was refused by Amazon; a correction may change its carrier, carrier name, shipping method, tracking number or ship date, not its items, so nothing was recorded. "
                + "Record other items as a new package under a new id.");
        }

        if (package.ShipDate > now + settings.ShipDateClockSkew)
        {
            return FutureShipDate(order, package, settings, now);
        }

        var draft = new OrderDraft(order);
        var packages = new PackageRecord[order.Packages.Length];
        for (var i = 0; i < packages.Length; i++)
        {
            var p = order.Packages[i];
            packages[i] = p.Package.PackageReferenceId == package.PackageReferenceId ? new PackageRecord(package, ConfirmationState.Pending, CarrierWarning: check.Problem?.Reason) : p;
        }

        draft.Packages = ImmutableCollectionsMarshal.AsImmutableArray(packages);
        SetConfirmationError(ref draft);
        Enqueue(ref draft, new ConfirmShipment(package, draft.MarketplaceId), settings);
        return Applied(order, draft);
    }

    /// <summary>The merchant retries: every refused confirmation is sent again unchanged.</summary>
    private static Decision ResendRefused(FulfillmentOrder order, OrderSettings settings)
    {
        var draft = new OrderDraft(order);
        foreach (var p in order.Packages)
        {
            if (p.Confirmation == ConfirmationState.Failed)
            {
                draft.Packages = Unverified(SetConfirmation(draft.Packages, p.Package.PackageReferenceId, ConfirmationState.Pending, null, null), p.Package.PackageReferenceId, keepResends: false);
                Enqueue(ref draft, new ConfirmShipment(p.Package, draft.MarketplaceId), settings);
            }
        }

        draft.Error = null;
        return Applied(order, draft);
    }
}
