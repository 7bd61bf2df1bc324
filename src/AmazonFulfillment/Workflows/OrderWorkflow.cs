using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Workflows;

/// <summary>
/// The pure decision: (tracked order or none, input, settings, now) → (new order, effects). No I/O, no
/// clock, no randomness. Data-level rules (stale observations, bad shipments, duplicate packages) are
/// checked here; which transitions are allowed is the workflow graph's to say.
/// </summary>
public static class OrderWorkflow
{
    /// <summary>Decides what an input does to an order.</summary>
    /// <param name="order">The tracked order, or <see langword="null"/> when it is not tracked.</param>
    /// <param name="input">What happened.</param>
    /// <param name="settings">The order settings (assumed valid).</param>
    /// <param name="now">The current time.</param>
    /// <returns>The decision; never throws for a valid input of any state.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="settings"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="order"/> is for another Amazon order than <paramref name="input"/>.</exception>
    public static Decision Decide(FulfillmentOrder? order, OrderInput input, OrderSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(settings);
        if (order is not null && order.Id != input.AmazonOrderId)
        {
            throw new ArgumentException($"The input is for order {input.AmazonOrderId}, the tracked order is {order.Id}.", nameof(input));
        }

        return input switch
        {
            AmazonOrderObserved o => Observe(order, o.Snapshot, settings),
            ShipmentRecorded s => Ship(order, s.Package, settings, now),
            MerchantCancelRequested c => MerchantCancel(order, c, settings),
            RetryRequested r => Retry(order, r, settings),
            SyncCycleEnded s => Sync(order, s, settings),
            OrderItemsFetched i => ItemsFetched(order, i, settings),
            CustomerResolved c => CustomerResolved(order, c, settings),
            CommerceOrderCreated c => Created(order, c, settings),
            CommerceOrderRefused r => CreationRefused(order, r, settings),
            EffectCompleted e => Completed(order, e, settings, now),
            EffectFailed e => Failed(order, e, settings, now),
            WorkDue w => Due(order, w, settings),
            _ => throw new ArgumentException($"Unknown input type {input.GetType().Name}.", nameof(input)),
        };
    }

    /// <summary>Gets the graph of a channel's workflow.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The merchant-fulfilled or Amazon-fulfilled graph.</returns>
    public static WorkflowGraph GraphFor(FulfillmentChannel channel) =>
        channel == FulfillmentChannel.Amazon ? AmazonFulfilledWorkflow.Graph : MerchantFulfilledWorkflow.Graph;

    /// <summary>Gets the trigger an Amazon status means.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The trigger.</returns>
    public static OrderTrigger TriggerFor(AmazonOrderStatus status) => status switch
    {
        AmazonOrderStatus.Pending or AmazonOrderStatus.PendingAvailability => OrderTrigger.ObservedPending,
        AmazonOrderStatus.Unshipped => OrderTrigger.ObservedUnshipped,
        AmazonOrderStatus.PartiallyShipped => OrderTrigger.ObservedPartiallyShipped,
        AmazonOrderStatus.Shipped or AmazonOrderStatus.InvoiceUnconfirmed => OrderTrigger.ObservedShipped,
        AmazonOrderStatus.Canceled => OrderTrigger.ObservedCanceled,
        _ => OrderTrigger.ObservedUnfulfillable,
    };

    /// <summary>Computes the guard facts of an order under the settings.</summary>
    /// <param name="order">The order (after the input's data is applied).</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="order"/> or <paramref name="settings"/> is null.</exception>
    public static GuardFacts FactsOf(FulfillmentOrder order, OrderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(settings);
        return FactsOf(new OrderDraft(order), settings);
    }

    private static GuardFacts FactsOf(in OrderDraft order, OrderSettings settings) => new(
        ImportEnabled: settings.ImportOrders && (order.Channel == FulfillmentChannel.Merchant || settings.ImportFbaOrders),
        UnderAttemptCap: order.AutomaticImportAttempts < settings.MaxImportAttempts,
        InCommerce: order.CommerceOrder is not null,
        AllShipped: order.AllItemsShipped,
        AnyShipped: order.AnyItemShipped);

    // Every decision below follows one shape: checks on the input's data; a draft of the order with the input's
    // data applied; Move (the workflow graph picks the next state, or ignores or refuses the input); the steps the
    // new state requires (effects enqueued); Applied (the draft published once as the new order).

    // ---- Amazon observations -------------------------------------------------------------------

    // Half of an FBA order's observations end here (every one before Shipped): the notes are made once.
    private static readonly FrozenDictionary<AmazonOrderStatus, string> NotTrackedNotes =
        Enum.GetValues<AmazonOrderStatus>().ToFrozenDictionary(status => status, NotTrackedNoteOf);

    private static string NotTrackedNote(AmazonOrderStatus status) =>
        NotTrackedNotes.TryGetValue(status, out var note) ? note : NotTrackedNoteOf(status);

    private static string NotTrackedNoteOf(AmazonOrderStatus status) =>
        $"FBA order with status {status} is not tracked before Amazon reports it Shipped.";

    private static Decision Observe(FulfillmentOrder? order, AmazonOrderSnapshot snapshot, OrderSettings settings)
    {
        if (order is null && snapshot.Channel == FulfillmentChannel.Amazon && !snapshot.Status.IsShipped())
        {
            return Decision.Ignore(null, NotTrackedNote(snapshot.Status));
        }

        if (order is not null)
        {
            if (order.Channel != snapshot.Channel)
            {
                return Refuse(order, nameof(AmazonOrderObserved), "FulfillmentChannel", $"the order is tracked as {order.Channel}-fulfilled; Amazon now reports {snapshot.Channel}.");
            }

            if (snapshot.LastUpdateDate < order.LastUpdateDate)
            {
                return Decision.Ignore(order, $"Stale observation: LastUpdateDate {snapshot.LastUpdateDate:O} is older than the applied {order.LastUpdateDate:O}.");
            }

            if (snapshot.LastUpdateDate == order.LastUpdateDate)
            {
                return Decision.Ignore(order, "Duplicate observation: this LastUpdateDate is already applied.");
            }

            if (snapshot.Status.Rank() < order.AmazonStatus.Rank()
                || (order.AmazonStatus.IsShipped() && snapshot.Status == AmazonOrderStatus.Canceled))
            {
                return Decision.Ignore(order, $"Amazon status would regress from {order.AmazonStatus} to {snapshot.Status}.");
            }
        }

        var draft = order is null ? new OrderDraft(snapshot) : new OrderDraft(order);
        if (order is not null)
        {
            Refresh(ref draft, snapshot);
        }
        else if (snapshot.Items is { } items)
        {
            ApplyAmazonItems(ref draft, items, snapshot.Status);
        }

        var from = draft.State;
        if (Move(order, ref draft, TriggerFor(snapshot.Status), nameof(AmazonOrderObserved), settings) is { } early)
        {
            return early;
        }

        if (snapshot.Status is AmazonOrderStatus.PartiallyShipped || snapshot.Status.IsShipped())
        {
            DropMerchantCancel(ref draft, snapshot.Status);
        }

        switch (draft.State)
        {
            case OrderState.Importing when from != OrderState.Importing:
                StartImport(ref draft, automatic: true, settings);
                break;
            case OrderState.Canceled when from != OrderState.Canceled:
                draft.Error = null;
                DropAmazonWork(ref draft);
                CancelImportAndCommerce(ref draft, settings);
                break;
            case OrderState.Unfulfillable:
                draft.Error = "Amazon reports the order Unfulfillable (multi-channel fulfilment); it is not imported.";
                break;
            case OrderState.Shipped when draft.CommerceOrder is { Status: not CommerceStatuses.Complete }:
                Enqueue(ref draft, new CompleteCommerceOrder(draft.Id), settings);
                break;
            case OrderState.PartiallyShipped when draft.CommerceOrder is not null && draft.Packages.IsEmpty && NeedsItems(draft):
                // Amazon reports shipments Commerce never made: learn which lines, once for this status.
                Enqueue(ref draft, new FetchOrderItems(draft.Id, draft.AmazonStatus), settings);
                break;
            case OrderState.PartiallyShipped:
                MarkProcessingIfShippedOutside(ref draft, settings);
                break;
        }

        return Applied(order, draft);
    }

    private static void Refresh(ref OrderDraft draft, AmazonOrderSnapshot s)
    {
        draft.AmazonStatus = s.Status;
        draft.LastUpdateDate = s.LastUpdateDate;
        draft.MarketplaceId = s.MarketplaceId ?? draft.MarketplaceId;
        draft.OrderTotal = s.OrderTotal ?? draft.OrderTotal;
        draft.Buyer = s.Buyer ?? draft.Buyer;
        draft.ShippingAddress = s.ShippingAddress ?? draft.ShippingAddress;
        if (s.Items is { } items)
        {
            ApplyAmazonItems(ref draft, items, s.Status);
        }

        if (s.Status.IsShipped())
        {
            ShipEverythingOutside(ref draft);
        }
    }

    // ---- The import pipeline: items → customer → Commerce order -------------------------------

    private static void StartImport(ref OrderDraft draft, bool automatic, OrderSettings settings)
    {
        draft.Error = null;
        draft.ImportAttempts++;
        if (automatic)
        {
            draft.AutomaticImportAttempts++;
        }

        NextImportStep(ref draft, settings);
    }

    // Items are fetched once per status change that needs them; Shipped and InvoiceUnconfirmed are one status for this.
    private static bool NeedsItems(in OrderDraft draft) =>
        draft.ItemsFetchedFor is not { } fetched || TriggerFor(fetched) != TriggerFor(draft.AmazonStatus);

    private static void NextImportStep(ref OrderDraft draft, OrderSettings settings)
    {
        if (NeedsItems(draft))
        {
            Enqueue(ref draft, new FetchOrderItems(draft.Id, draft.AmazonStatus), settings);
        }
        else if (draft.Customer is null && settings.CustomerCreation == CustomerCreation.CreateAccount && draft.Buyer?.Email is { } email)
        {
            Enqueue(ref draft, new ResolveCustomer(draft.Id, email, draft.Buyer.Name), settings);
        }
        else
        {
            Enqueue(ref draft, new CreateCommerceOrder(BuildRequest(draft, settings)), settings);
        }
    }

    private static CommerceOrderRequest BuildRequest(in OrderDraft order, OrderSettings settings)
    {
        var fba = order.Channel == FulfillmentChannel.Amazon;
        var count = 0;
        foreach (var i in order.Items)
        {
            count += i.QuantityOrdered > 0 ? 1 : 0;
        }

        var lines = new CommerceOrderLine[count];
        count = 0;
        foreach (var i in order.Items)
        {
            if (i.QuantityOrdered > 0)
            {
                lines[count++] = new CommerceOrderLine(i.Sku, i.QuantityOrdered, i.ItemPrice?.PerUnit(i.QuantityOrdered));
            }
        }

        return new CommerceOrderRequest
        {
            AmazonOrderId = order.Id,
            Channel = order.Channel,
            StoreView = settings.StoreView ?? string.Empty,
            OrderNumber = settings.OrderNumberSource == OrderNumberSource.Amazon ? order.Id.Value : null,
            InitialStatus = fba ? CommerceStatuses.Complete : settings.NewOrderStatus,
            ReserveInventory = !fba && settings.ReserveInventory,
            RequireStock = !fba,
            CustomerId = order.Customer?.CustomerId,
            Buyer = order.Buyer,
            ShippingAddress = order.ShippingAddress,
            Lines = ImmutableCollectionsMarshal.AsImmutableArray(lines),
            Total = order.OrderTotal ?? SumOfLines(order.Items),
            PurchaseDate = order.PurchaseDate,
        };
    }

    private static Money? SumOfLines(ImmutableArray<TrackedItem> items)
    {
        Money? total = null;
        foreach (var item in items)
        {
            if (item.ItemPrice is not { } price)
            {
                return null;
            }

            if (total is { } t && t.Currency != price.Currency)
            {
                return null;
            }

            total = total is { } sum ? sum.Add(price) : price;
        }

        return total;
    }

    private static Decision ItemsFetched(FulfillmentOrder? order, OrderItemsFetched input, OrderSettings settings)
    {
        var index = order is null ? -1 : IndexOf(order.Outbox, static (e, status) => e is FetchOrderItems f && f.ForStatus == status, input.ForStatus);
        if (index < 0)
        {
            return NotPending(order, nameof(OrderItemsFetched), new FetchOrderItems(input.AmazonOrderId, input.ForStatus).IdempotencyKey);
        }

        if ((InvalidItems(input.Items) ?? DropsShippedLines(order!, input.Items)) is { } invalid)
        {
            // A port's answer is untrusted input: refused whole, never half-applied (the runtime then records it as a failure).
            return Refuse(order!, nameof(OrderItemsFetched), invalid.Field, invalid.Reason);
        }

        var draft = new OrderDraft(order!);
        draft.Outbox = RemoveAt(draft.Outbox, index);
        ApplyAmazonItems(ref draft, input.Items, input.ForStatus);
        if (draft.AmazonStatus.IsShipped() || draft.Channel == FulfillmentChannel.Amazon)
        {
            ShipEverythingOutside(ref draft);
        }

        if (Move(order, ref draft, OrderTrigger.ItemsFetched, nameof(OrderItemsFetched), settings) is { } early)
        {
            return early;
        }

        if (draft.State == OrderState.Importing)
        {
            NextImportStep(ref draft, settings);
        }
        else if (draft.State == OrderState.PartiallyShipped)
        {
            MarkProcessingIfShippedOutside(ref draft, settings);
        }

        return Applied(order, draft);
    }

    private static Decision CustomerResolved(FulfillmentOrder? order, CustomerResolved input, OrderSettings settings)
    {
        var index = order is null ? -1 : IndexOf(order.Outbox, static (e, _) => e is ResolveCustomer, 0);
        if (index < 0)
        {
            return NotPending(order, nameof(CustomerResolved), $"{input.AmazonOrderId}:customer");
        }

        if (string.IsNullOrWhiteSpace(input.CustomerId))
        {
            return Refuse(order!, nameof(CustomerResolved), "CustomerId", "is required.");
        }

        var draft = new OrderDraft(order!);
        draft.Outbox = RemoveAt(draft.Outbox, index);
        draft.Customer = new CustomerRef(CustomerKind.Account, input.CustomerId);
        if (Move(order, ref draft, OrderTrigger.CustomerFound, nameof(CustomerResolved), settings) is { } early)
        {
            return early;
        }

        if (draft.State == OrderState.Importing)
        {
            NextImportStep(ref draft, settings);
        }

        return Applied(order, draft);
    }

    private static Decision Created(FulfillmentOrder? order, CommerceOrderCreated input, OrderSettings settings)
    {
        // A creation that lands after Amazon cancelled (another worker applied the cancellation meanwhile)
        // is not a late duplicate: the Commerce order now exists and must be cancelled too.
        var createdAfterCancel = order is { State: OrderState.Canceled, CommerceOrder: null };
        var index = order is null ? -1 : IndexOf(order.Outbox, static (e, _) => e is CreateCommerceOrder, 0);
        if (!createdAfterCancel && index < 0)
        {
            return NotPending(order, nameof(CommerceOrderCreated), $"{input.AmazonOrderId}:create");
        }

        if (string.IsNullOrWhiteSpace(input.CommerceOrderId) || string.IsNullOrWhiteSpace(input.OrderNumber) || string.IsNullOrWhiteSpace(input.Status))
        {
            return Refuse(order!, nameof(CommerceOrderCreated), "CommerceOrderId", "the Commerce order id, number and status are required.");
        }

        var draft = new OrderDraft(order!);
        draft.Outbox = RemoveAt(draft.Outbox, index);
        draft.CommerceOrder = new CommerceOrderRef(input.CommerceOrderId, input.OrderNumber, input.Status);
        draft.Customer ??= CustomerRef.Guest;
        draft.Error = null;
        if (Move(order, ref draft, OrderTrigger.CommerceCreated, nameof(CommerceOrderCreated), settings) is { } early)
        {
            return early;
        }

        switch (draft.State)
        {
            case OrderState.Shipped when input.Status != CommerceStatuses.Complete:
                Enqueue(ref draft, new CompleteCommerceOrder(draft.Id), settings);
                break;
            case OrderState.Canceled:
                Enqueue(ref draft, new CancelCommerceOrder(draft.Id), settings);
                break;
            case OrderState.PartiallyShipped:
                MarkProcessingIfShippedOutside(ref draft, settings); // first seen late: what Amazon shipped counts as shipped
                break;
        }

        return Applied(order, draft);
    }

    private static Decision CreationRefused(FulfillmentOrder? order, CommerceOrderRefused input, OrderSettings settings)
    {
        var index = order is null ? -1 : IndexOf(order.Outbox, static (e, _) => e is CreateCommerceOrder, 0);
        if (index < 0)
        {
            return NotPending(order, nameof(CommerceOrderRefused), $"{input.AmazonOrderId}:create");
        }

        var draft = new OrderDraft(order!);
        draft.Outbox = RemoveAt(draft.Outbox, index);
        if (Move(order, ref draft, OrderTrigger.CommerceRefused, nameof(CommerceOrderRefused), settings) is { } early)
        {
            return early;
        }

        if (draft.State == OrderState.Blocked)
        {
            draft.Error = string.IsNullOrWhiteSpace(input.Reason) ? "Commerce refused the order." : input.Reason;
        }

        return Applied(order, draft);
    }

    // ---- Merchant actions ----------------------------------------------------------------------

    private static Decision Ship(FulfillmentOrder? order, ShipmentPackage package, OrderSettings settings, DateTimeOffset now)
    {
        const string input = nameof(ShipmentRecorded);
        if (order is null)
        {
            return Decision.Refuse(null, new Refusal("MerchantFulfilled", OrderState.Untracked, input, "amazonOrderId", $"order {package.AmazonOrderId} is not tracked."));
        }

        if (order.Channel == FulfillmentChannel.Amazon)
        {
            return Refuse(order, input, "amazonOrderId", "FBA orders are shipped by Amazon; nothing is confirmed for them.");
        }

        if (!settings.ImportOrders)
        {
            return Refuse(order, input, null, "ImportOrders is off: shipments are managed in Seller Central.");
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
                    ? Correct(order, package, settings, now)
                    : Refuse(order, input, "packageReferenceId", $"package {package.PackageReferenceId} is already recorded with different content.");
            }
        }

        if (order.State == OrderState.Canceled)
        {
            return Refuse(order, input, "amazonOrderId", "the order is canceled.");
        }

        if (order.CancellationPending)
        {
            return Refuse(order, input, "amazonOrderId", "the merchant's cancellation waits for Amazon's answer; ship only if Amazon refuses it.");
        }

        if (order.CommerceOrder is null)
        {
            return Refuse(order, input, "amazonOrderId", "the order is not yet in Commerce.");
        }

        if (package.ShipDate > now + settings.ShipDateClockSkew)
        {
            return Refuse(order, input, "shipDate", $"{package.ShipDate:O} is in the future.");
        }

        var items = new TrackedItem[order.Items.Length];
        order.Items.CopyTo(items);
        foreach (var line in package.Items)
        {
            var index = IndexOf(items, line.OrderItemId);
            if (index < 0)
            {
                return Refuse(order, input, "items.orderItemId", $"order item {line.OrderItemId} is not part of the order.");
            }

            if (line.Quantity > items[index].Remaining)
            {
                return Refuse(order, input, "items.quantity", $"{line.Quantity} of order item {line.OrderItemId} is more than the {items[index].Remaining} that remain unshipped.");
            }

            items[index] = items[index] with { ShippedByCommerce = items[index].ShippedByCommerce + line.Quantity };
        }

        var draft = new OrderDraft(order);
        draft.Items = ImmutableCollectionsMarshal.AsImmutableArray(items);
        draft.Packages = order.Packages.Add(new PackageRecord(package, ConfirmationState.Pending));
        draft.Error = RefusedConfirmations(draft.Packages); // a new package moves on from an earlier refused cancellation
        if (Move(order, ref draft, OrderTrigger.Shipment, input, settings) is { } early)
        {
            return early;
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

    private static Decision MerchantCancel(FulfillmentOrder? order, MerchantCancelRequested input, OrderSettings settings)
    {
        const string name = nameof(MerchantCancelRequested);
        if (order is null)
        {
            return Decision.Refuse(null, new Refusal("MerchantFulfilled", OrderState.Untracked, name, "amazonOrderId", $"order {input.AmazonOrderId} is not tracked."));
        }

        if (order.Channel == FulfillmentChannel.Amazon)
        {
            return Refuse(order, name, "amazonOrderId", "FBA orders cannot be cancelled by the merchant.");
        }

        if (!settings.ImportOrders)
        {
            return Refuse(order, name, null, "ImportOrders is off: cancellations are managed in Seller Central.");
        }

        if (string.IsNullOrWhiteSpace(input.Reason) || input.Reason.Length > 100 || input.Reason.Any(char.IsControl))
        {
            return Refuse(order, name, "reason", "must be a cancellation reason of 1-100 printable characters.");
        }

        if (order.AnyItemShipped || order.State != OrderState.Unshipped)
        {
            return Refuse(order, name, null, $"a merchant can cancel only while the order is Unshipped with nothing shipped; it is {order.ChannelStatus}.");
        }

        if (order.CancellationPending)
        {
            return Decision.Ignore(order, "The cancellation was already asked of Amazon and waits for its answer.");
        }

        // Amazon is asked first; the Commerce order is cancelled only once Amazon accepts (never one side alone).
        var draft = new OrderDraft(order) { MerchantCancelReason = input.Reason, Error = null };
        if (Move(order, ref draft, OrderTrigger.MerchantCancel, name, settings) is { } early)
        {
            return early;
        }

        Enqueue(ref draft, new CancelOnAmazon(draft.Id, input.Reason), settings);
        return Applied(order, draft);
    }

    private static Decision Retry(FulfillmentOrder? order, RetryRequested input, OrderSettings settings)
    {
        if (order is null)
        {
            return Decision.Refuse(null, new Refusal("MerchantFulfilled", OrderState.Untracked, nameof(RetryRequested), "amazonOrderId", $"order {input.AmazonOrderId} is not tracked."));
        }

        if (order.State != OrderState.Canceled && order.HasRefusedConfirmation)
        {
            return settings.ImportOrders
                ? ResendRefused(order, settings)
                : Refuse(order, nameof(RetryRequested), null, "ImportOrders is off: shipments are managed in Seller Central, so refused confirmations are not sent again.");
        }

        if (order.State is OrderState.Blocked or OrderState.Importing && !FactsOf(new OrderDraft(order), settings).ImportEnabled)
        {
            return Refuse(order, nameof(RetryRequested), null, $"{ImportSetting(order.Channel)} is off: the import cannot be retried until it is switched on again.");
        }

        var draft = new OrderDraft(order);
        if (Move(order, ref draft, OrderTrigger.Retry, nameof(RetryRequested), settings, "only a blocked import or a refused confirmation can be retried.") is { } early)
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
            return Decision.Refuse(null, new Refusal("MerchantFulfilled", OrderState.Untracked, nameof(SyncCycleEnded), "amazonOrderId", $"order {input.AmazonOrderId} is not tracked."));
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

    // ---- Effect outcomes that change no state: bookkeeping on the outbox -------------------------

    private static Decision Completed(FulfillmentOrder? order, EffectCompleted input, OrderSettings settings, DateTimeOffset now)
    {
        var index = order is null ? -1 : IndexOfKey(order.Outbox, input.IdempotencyKey);
        if (index < 0)
        {
            return NotPending(order, nameof(EffectCompleted), input.IdempotencyKey);
        }

        var draft = new OrderDraft(order!);
        var effect = draft.Outbox[index].Effect;
        draft.Outbox = RemoveAt(draft.Outbox, index);
        switch (effect)
        {
            case ConfirmShipment c:
                draft.Packages = SetConfirmation(draft.Packages, c.Package.PackageReferenceId, ConfirmationState.Confirmed, null, now);
                if (draft.State != OrderState.Canceled)
                {
                    draft.Error = RefusedConfirmations(draft.Packages);
                }

                break;
            case CancelOnAmazon:
                draft.CanceledOnAmazon = true;
                var accepted = GraphFor(draft.Channel).Resolve(draft.State, OrderTrigger.AmazonCancelAccepted, FactsOf(draft, settings));
                if (accepted.Kind == GraphOutcomeKind.Transition && accepted.Destination != draft.State)
                {
                    // Amazon accepted: now, and only now, the Commerce order is cancelled.
                    draft.State = accepted.Destination;
                    draft.Error = null;
                    DropAmazonWork(ref draft);
                    CancelImportAndCommerce(ref draft, settings);
                }

                break;
            case MarkCommerceOrderProcessing when draft.CommerceOrder is { Status: not (CommerceStatuses.Complete or CommerceStatuses.Canceled) } co:
                draft.CommerceOrder = co with { Status = CommerceStatuses.Processing };
                break;
            case CompleteCommerceOrder when draft.CommerceOrder is { } co:
                draft.CommerceOrder = co with { Status = CommerceStatuses.Complete };
                break;
            case CancelCommerceOrder when draft.CommerceOrder is { } co:
                draft.CommerceOrder = co with { Status = CommerceStatuses.Canceled };
                break;
        }

        return Applied(order, draft);
    }

    private static Decision Failed(FulfillmentOrder? order, EffectFailed input, OrderSettings settings, DateTimeOffset now)
    {
        var index = order is null ? -1 : IndexOfKey(order.Outbox, input.IdempotencyKey);
        if (index < 0)
        {
            return NotPending(order, nameof(EffectFailed), input.IdempotencyKey);
        }

        var reason = string.IsNullOrWhiteSpace(input.Reason) ? "failed permanently." : input.Reason;
        var draft = new OrderDraft(order!);
        var effect = draft.Outbox[index].Effect;
        draft.Outbox = RemoveAt(draft.Outbox, index);
        draft.Failures = draft.Failures.Add(new EffectFailure(input.IdempotencyKey, reason, now));
        switch (effect)
        {
            case ConfirmShipment c:
                draft.Packages = SetConfirmation(draft.Packages, c.Package.PackageReferenceId, ConfirmationState.Failed, reason, null);
                if (draft.State != OrderState.Canceled)
                {
                    draft.Error = RefusedConfirmations(draft.Packages);
                }

                break;
            case CancelOnAmazon:
                // Amazon said no: Commerce is left alone, the order stays shippable, and the refusal is shown.
                draft.MerchantCancelReason = null;
                draft.Error = $"Amazon refused the cancellation: {Sentence(reason)} The order stays open on Amazon and in Commerce: ship it, or ask to cancel again.";
                break;
            case FetchOrderItems or ResolveCustomer or CreateCommerceOrder when draft.State == OrderState.Importing:
                // The import cannot go on: block it with the reason, like a refused creation.
                draft.State = GraphFor(draft.Channel).Resolve(draft.State, OrderTrigger.CommerceRefused, FactsOf(draft, settings)).Destination;
                draft.Error = reason;
                break;
        }

        return Applied(order, draft);
    }

    // ---- Shared steps ----------------------------------------------------------------------------

    /// <summary>
    /// Moves the draft to the state the workflow graph gives for the trigger (its facts read from the draft).
    /// Returns the decision to make instead when the graph ignores or refuses the trigger; the draft is then dropped.
    /// </summary>
    private static Decision? Move(FulfillmentOrder? original, ref OrderDraft draft, OrderTrigger trigger, string input, OrderSettings settings, string? notPermittedReason = null)
    {
        var graph = GraphFor(draft.Channel);
        var from = draft.State;
        var outcome = graph.Resolve(from, trigger, FactsOf(draft, settings));
        switch (outcome.Kind)
        {
            case GraphOutcomeKind.Ignore:
                return Decision.Ignore(original, $"{trigger} changes nothing while the order is {from}.");
            case GraphOutcomeKind.NotPermitted:
                var reason = outcome.UnmetGuards.Count > 0
                    ? $"{trigger} needs {string.Join(" and ", outcome.UnmetGuards)}."
                    : notPermittedReason ?? $"{trigger} is not allowed while the order is {from}.";
                return Decision.Refuse(original, new Refusal(graph.Name, from, input, null, reason));
            default:
                draft.State = outcome.Destination;
                return null;
        }
    }

    /// <summary>Publishes the draft: the new order, and the effects of its outbox that the original's did not hold.</summary>
    private static Decision Applied(FulfillmentOrder? original, OrderDraft draft)
    {
        if (draft.CommerceOrder is not null || draft.State is not (OrderState.Untracked or OrderState.Pending or OrderState.Importing or OrderState.Blocked))
        {
            // Buyer data lives in Commerce from here on, or the order is only tracked (import off, canceled, unfulfillable):
            // no effect needs it any more, so restricted data is kept no longer than needed. A blocked import keeps it for a retry.
            draft.Buyer = null;
            draft.ShippingAddress = null;
        }

        var note = ImportHeldNote(draft.Channel);
        if (draft.Outbox.Any(e => e.Held && e.Effect.Imports))
        {
            draft.Error ??= note;
        }
        else if (draft.Error == note)
        {
            draft.Error = null;
        }

        var next = draft.ToOrder();
        return new Decision { Kind = DecisionKind.Applied, Order = next, NewEffects = Added(original?.Outbox ?? [], next.Outbox) };
    }

    // The effects of next whose key the original outbox does not hold (loops: outboxes hold a few effects).
    private static ImmutableArray<OrderEffect> Added(ImmutableArray<PendingEffect> original, ImmutableArray<PendingEffect> next)
    {
        var count = 0;
        foreach (var e in next)
        {
            if (!Holds(original, e.Effect))
            {
                count++;
            }
        }

        if (count == 0)
        {
            return [];
        }

        var added = new OrderEffect[count];
        var i = 0;
        foreach (var e in next)
        {
            if (!Holds(original, e.Effect))
            {
                added[i++] = e.Effect;
            }
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(added);
    }

    // Whether the outbox holds an effect with the effect's key.
    private static bool Holds(ImmutableArray<PendingEffect> outbox, OrderEffect effect)
    {
        foreach (var e in outbox)
        {
            if (e.Effect.SameKeyAs(effect))
            {
                return true;
            }
        }

        return false;
    }

    private static int IndexOfKey(ImmutableArray<PendingEffect> outbox, string key)
    {
        for (var i = 0; i < outbox.Length; i++)
        {
            if (outbox[i].Effect.HasKey(key))
            {
                return i;
            }
        }

        return -1;
    }

    // The pending effect an outcome answers, found by what it is (an order has one creation, one customer and one
    // items fetch per status pending at most): no key is built for a match.
    private static int IndexOf<TArg>(ImmutableArray<PendingEffect> outbox, Func<OrderEffect, TArg, bool> answers, TArg arg)
    {
        for (var i = 0; i < outbox.Length; i++)
        {
            if (answers(outbox[i].Effect, arg))
            {
                return i;
            }
        }

        return -1;
    }

    // The decision for an outcome whose effect is not pending: the order is not tracked, or it is a late duplicate.
    private static Decision NotPending(FulfillmentOrder? order, string input, string key) => order is null
        ? Decision.Ignore(null, $"{input} for an untracked order changes nothing.")
        : Decision.Ignore(order, $"Late duplicate: {input} for {key}, which is no longer pending.");

    private static Decision Refuse(FulfillmentOrder order, string input, string? field, string reason) =>
        Decision.Refuse(order, new Refusal(GraphFor(order.Channel).Name, order.State, input, field, reason));

    private static void Enqueue(ref OrderDraft draft, OrderEffect effect, OrderSettings settings)
    {
        if (!Holds(draft.Outbox, effect))
        {
            draft.Outbox = draft.Outbox.Add(new PendingEffect(effect, Held: HeldBy(effect, draft.Channel, settings)));
        }
    }

    // Removes the entry at index, and any later entry with the same key (an outbox holds each key once, so usually none).
    private static ImmutableArray<PendingEffect> RemoveAt(ImmutableArray<PendingEffect> outbox, int index)
    {
        if (index < 0)
        {
            return outbox;
        }

        var removed = outbox[index].Effect;
        var kept = outbox.Length == 1 ? [] : outbox.RemoveAt(index);
        for (var i = kept.Length - 1; i >= index; i--)
        {
            if (kept[i].Effect.SameKeyAs(removed))
            {
                kept = kept.RemoveAt(i);
            }
        }

        return kept;
    }

    private static void CancelImportAndCommerce(ref OrderDraft draft, OrderSettings settings)
    {
        // A creation may already have taken effect (a lost response), so a pending creation becomes a cancellation.
        var creationPending = draft.Outbox.Any(e => e.Effect is CreateCommerceOrder);
        draft.Outbox = draft.Outbox.RemoveAll(e => e.Effect is FetchOrderItems or ResolveCustomer or CreateCommerceOrder or CompleteCommerceOrder or MarkCommerceOrderProcessing);
        if (draft.CommerceOrder is not null || creationPending)
        {
            Enqueue(ref draft, new CancelCommerceOrder(draft.Id), settings);
        }
    }

    private static void ShipEverythingOutside(ref OrderDraft draft)
    {
        var items = new TrackedItem[draft.Items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            var item = draft.Items[i];
            var outside = item.QuantityOrdered - item.ShippedByCommerce;
            items[i] = item.ShippedOutside == outside ? item : item with { ShippedOutside = outside };
        }

        draft.Items = ImmutableCollectionsMarshal.AsImmutableArray(items);
    }

    private static void ApplyAmazonItems(ref OrderDraft draft, ImmutableArray<AmazonOrderItem> amazonItems, AmazonOrderStatus forStatus)
    {
        var items = new TrackedItem[amazonItems.Length];
        var cancelRequested = false;
        for (var n = 0; n < items.Length; n++)
        {
            var a = amazonItems[n];
            var byCommerce = 0;
            foreach (var i in draft.Items)
            {
                if (i.OrderItemId == a.OrderItemId)
                {
                    byCommerce = i.ShippedByCommerce;
                    break;
                }
            }

            byCommerce = Math.Min(byCommerce, a.QuantityOrdered);
            var outside = Math.Clamp(a.QuantityShipped - byCommerce, 0, a.QuantityOrdered - byCommerce);
            items[n] = new TrackedItem(a.OrderItemId, a.Sku, a.QuantityOrdered, byCommerce, outside, a.ItemPrice, a.BuyerRequestedCancel);
            cancelRequested |= a.BuyerRequestedCancel;
        }

        draft.Items = ImmutableCollectionsMarshal.AsImmutableArray(items);
        draft.ItemsFetchedFor = forStatus;
        draft.CancellationRequested |= cancelRequested;
    }

    private static int IndexOf(TrackedItem[] items, OrderItemId id)
    {
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].OrderItemId == id)
            {
                return i;
            }
        }

        return -1;
    }

    private static ImmutableArray<PackageRecord> SetConfirmation(ImmutableArray<PackageRecord> packages, PackageReferenceId id, ConfirmationState state, string? reason, DateTimeOffset? at)
    {
        var result = new PackageRecord[packages.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var p = packages[i];
            result[i] = p.Package.PackageReferenceId == id ? p with { Confirmation = state, FailureReason = reason, ConfirmedAt = at } : p;
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(result);
    }

    // ---- Gates: whether queued work may run, judged when it runs --------------------------------

    /// <summary>Whether the settings hold an effect now: an Amazon call in read-only mode, or an import step while the channel's import is off.</summary>
    internal static bool HeldBy(OrderEffect effect, FulfillmentChannel channel, OrderSettings settings) =>
        (effect.ChangesAmazon && settings.ReadOnly)
        || (effect.Imports && !(settings.ImportOrders && (channel == FulfillmentChannel.Merchant || settings.ImportFbaOrders)));

    /// <summary>
    /// Whether the order's queued work no longer agrees with the settings and the order now (an effect to hold, release or drop).
    /// The runtime asks before it runs an order's work, and lets a <see cref="WorkDue"/> decision settle it when it does not agree.
    /// </summary>
    internal static bool NeedsReview(FulfillmentOrder order, OrderSettings settings)
    {
        foreach (var e in order.Outbox)
        {
            if (e.Held != HeldBy(e.Effect, order.Channel, settings) || (e.Effect.ChangesAmazon && order.AmazonStatus == AmazonOrderStatus.Canceled))
            {
                return true;
            }
        }

        return false;
    }

    private static Decision Due(FulfillmentOrder? order, WorkDue input, OrderSettings settings)
    {
        if (order is null)
        {
            return Decision.Ignore(null, $"{nameof(WorkDue)} for an untracked order changes nothing.");
        }

        var draft = new OrderDraft(order);
        return Review(ref draft, settings) ? Applied(order, draft) : Decision.Ignore(order, "The queued work may run as it is.");
    }

    /// <summary>Holds, releases or drops queued effects as the settings and the order now require; returns whether anything changed.</summary>
    private static bool Review(ref OrderDraft draft, OrderSettings settings)
    {
        var changed = false;
        if (draft.AmazonStatus == AmazonOrderStatus.Canceled)
        {
            changed = DropAmazonWork(ref draft);
        }

        var outbox = draft.Outbox;
        for (var i = 0; i < outbox.Length; i++)
        {
            var held = HeldBy(outbox[i].Effect, draft.Channel, settings);
            if (outbox[i].Held != held)
            {
                outbox = outbox.SetItem(i, outbox[i] with { Held = held });
                changed = true;
            }
        }

        draft.Outbox = outbox;
        return changed;
    }

    /// <summary>
    /// Amazon reports the order Canceled: nothing more is sent to Amazon for it. Queued confirmations and cancellations are dropped,
    /// each dropped package says why, and packages Commerce shipped are shown as an error (the parcel must be recovered).
    /// </summary>
    private static bool DropAmazonWork(ref OrderDraft draft)
    {
        var dropped = false;
        foreach (var e in draft.Outbox)
        {
            if (!e.Effect.ChangesAmazon)
            {
                continue;
            }

            dropped = true;
            if (e.Effect is ConfirmShipment c)
            {
                draft.Packages = SetConfirmation(draft.Packages, c.Package.PackageReferenceId, ConfirmationState.Dropped, "Amazon reports the order Canceled: the confirmation was not sent.", null);
            }
        }

        if (dropped)
        {
            draft.Outbox = draft.Outbox.RemoveAll(e => e.Effect.ChangesAmazon);
        }

        if (draft.State == OrderState.Canceled && !draft.Packages.IsEmpty)
        {
            var ids = string.Join(", ", draft.Packages.Select(p => p.Package.PackageReferenceId.ToString()));
            draft.Error = $"Amazon reports the order Canceled, but Commerce shipped package {ids} for it: recover the parcel. Nothing more is sent to Amazon for this order.";
        }

        return dropped;
    }

    /// <summary>A reason from the other side as a sentence of its own (it may or may not end with a full stop).</summary>
    private static string Sentence(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "no reason given." : reason.TrimEnd() is var r && r.EndsWith('.') ? r : r + ".";

    /// <summary>Amazon reports shipped units: a merchant cancellation still queued can no longer apply, so it is dropped with a note.</summary>
    private static void DropMerchantCancel(ref OrderDraft draft, AmazonOrderStatus status)
    {
        if (draft.State != OrderState.Canceled && draft.Outbox.Any(e => e.Effect is CancelOnAmazon))
        {
            draft.Outbox = draft.Outbox.RemoveAll(e => e.Effect is CancelOnAmazon);
            draft.MerchantCancelReason = null;
            draft.Error = $"Amazon reports the order {status}: the merchant's cancellation was not sent, and the order was not cancelled in Commerce.";
        }
    }

    /// <summary>The note an order shows while its import steps are held because the channel's import setting is off.</summary>
    private static string ImportHeldNote(FulfillmentChannel channel) =>
        $"{ImportSetting(channel)} is off: the import waits, and resumes once it is switched on again.";

    private static string ImportSetting(FulfillmentChannel channel) =>
        channel == FulfillmentChannel.Amazon ? "ImportFbaOrders" : nameof(OrderSettings.ImportOrders);

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
    private static Decision Correct(FulfillmentOrder order, ShipmentPackage package, OrderSettings settings, DateTimeOffset now)
    {
        const string input = nameof(ShipmentRecorded);
        var refused = order.Packages.First(p => p.Package.PackageReferenceId == package.PackageReferenceId).Package;
        if (!refused.Items.SequenceEqual(package.Items))
        {
            return Refuse(order, input, "items", $"package {package.PackageReferenceId} was refused by Amazon; a correction may change its carrier, carrier name, shipping method, tracking number or ship date, not its items.");
        }

        if (package.ShipDate > now + settings.ShipDateClockSkew)
        {
            return Refuse(order, input, "shipDate", $"{package.ShipDate:O} is in the future.");
        }

        var draft = new OrderDraft(order);
        var packages = new PackageRecord[order.Packages.Length];
        for (var i = 0; i < packages.Length; i++)
        {
            var p = order.Packages[i];
            packages[i] = p.Package.PackageReferenceId == package.PackageReferenceId ? new PackageRecord(package, ConfirmationState.Pending) : p;
        }

        draft.Packages = ImmutableCollectionsMarshal.AsImmutableArray(packages);
        draft.Error = RefusedConfirmations(draft.Packages);
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
                draft.Packages = SetConfirmation(draft.Packages, p.Package.PackageReferenceId, ConfirmationState.Pending, null, null);
                Enqueue(ref draft, new ConfirmShipment(p.Package, draft.MarketplaceId), settings);
            }
        }

        draft.Error = null;
        return Applied(order, draft);
    }

    // ---- Shipped outside Commerce ------------------------------------------------------------------

    /// <summary>Amazon reports items shipped outside Commerce while others remain: the Commerce order becomes processing, as if Commerce had shipped them.</summary>
    private static void MarkProcessingIfShippedOutside(ref OrderDraft draft, OrderSettings settings)
    {
        if (draft.CommerceOrder is { Status: not (CommerceStatuses.Processing or CommerceStatuses.Complete or CommerceStatuses.Canceled) }
            && draft.AnyItemShipped && !draft.AllItemsShipped)
        {
            Enqueue(ref draft, new MarkCommerceOrderProcessing(draft.Id), settings);
        }
    }

    // ---- Port results are untrusted --------------------------------------------------------------

    /// <summary>Why a list of lines loses what Commerce shipped (a line missing, or fewer units ordered than shipped), or <see langword="null"/>.</summary>
    private static (string Field, string Reason)? DropsShippedLines(FulfillmentOrder order, ImmutableArray<AmazonOrderItem> items)
    {
        foreach (var known in order.Items)
        {
            if (known.ShippedByCommerce == 0)
            {
                continue;
            }

            var line = items.FirstOrDefault(i => i.OrderItemId == known.OrderItemId);
            if (line is null || line.QuantityOrdered < known.ShippedByCommerce)
            {
                return ("Items.OrderItemId", $"the Amazon port's list lacks the {known.ShippedByCommerce} unit(s) of order item {known.OrderItemId} that Commerce shipped; the list was not applied.");
            }
        }

        return null;
    }

    /// <summary>Why a list of lines from the Amazon port cannot be applied, or <see langword="null"/> when it can.</summary>
    private static (string Field, string Reason)? InvalidItems(ImmutableArray<AmazonOrderItem> items)
    {
        if (items.IsDefault)
        {
            return ("Items", "the Amazon port answered without a list of order items.");
        }

        for (var i = 0; i < items.Length; i++)
        {
            if (items[i] is null)
            {
                return ("Items", $"the Amazon port answered with a missing order item at position {i}.");
            }

            for (var j = 0; j < i; j++)
            {
                if (items[j].OrderItemId == items[i].OrderItemId)
                {
                    return ("Items.OrderItemId", $"the Amazon port listed order item {items[i].OrderItemId} twice (pages read twice?); the list was not applied.");
                }
            }
        }

        return null;
    }
}
