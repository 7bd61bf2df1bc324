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
            EffectCompleted e => Completed(order, e),
            EffectFailed e => Failed(order, e, settings, now),
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
        return new GuardFacts(
            ImportEnabled: ImportEnabled(order.Channel, settings),
            UnderAttemptCap: order.AutomaticImportAttempts < settings.MaxImportAttempts,
            InCommerce: order.CommerceOrder is not null,
            AllShipped: order.AllItemsShipped,
            AnyShipped: order.AnyItemShipped);
    }

    private static bool ImportEnabled(FulfillmentChannel channel, OrderSettings settings) =>
        settings.ImportOrders && (channel == FulfillmentChannel.Merchant || settings.ImportFbaOrders);

    // ---- Amazon observations -------------------------------------------------------------------

    private static Decision Observe(FulfillmentOrder? order, AmazonOrderSnapshot snapshot, OrderSettings settings)
    {
        if (order is null && snapshot.Channel == FulfillmentChannel.Amazon && !snapshot.Status.IsShipped())
        {
            return Decision.Ignore(null, $"FBA order with status {snapshot.Status} is not tracked before Amazon reports it Shipped.");
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

            if (snapshot.Status.Rank() < order.AmazonStatus.Rank())
            {
                return Decision.Ignore(order, $"Amazon status would regress from {order.AmazonStatus} to {snapshot.Status}.");
            }
        }

        var candidate = order is null ? Track(snapshot) : Refresh(order, snapshot);
        var trigger = TriggerFor(snapshot.Status);
        return Transition(order, candidate, trigger, nameof(AmazonOrderObserved), settings, settings, static (o, from, to, s) => AfterObservation(o, from, to, s));
    }

    private static FulfillmentOrder Track(AmazonOrderSnapshot s)
    {
        var order = new FulfillmentOrder
        {
            Id = s.Id,
            Channel = s.Channel,
            State = OrderState.Untracked,
            AmazonStatus = s.Status,
            LastUpdateDate = s.LastUpdateDate,
            PurchaseDate = s.PurchaseDate,
            MarketplaceId = s.MarketplaceId,
            OrderTotal = s.OrderTotal,
            Buyer = s.Buyer,
            ShippingAddress = s.ShippingAddress,
        };
        return s.Items is { } items ? ApplyAmazonItems(order, items, s.Status) : order;
    }

    private static FulfillmentOrder Refresh(FulfillmentOrder order, AmazonOrderSnapshot s)
    {
        var refreshed = order with
        {
            AmazonStatus = s.Status,
            LastUpdateDate = s.LastUpdateDate,
            MarketplaceId = s.MarketplaceId ?? order.MarketplaceId,
            OrderTotal = s.OrderTotal ?? order.OrderTotal,
            Buyer = s.Buyer ?? order.Buyer,
            ShippingAddress = s.ShippingAddress ?? order.ShippingAddress,
        };
        if (s.Items is { } items)
        {
            refreshed = ApplyAmazonItems(refreshed, items, s.Status);
        }

        return s.Status.IsShipped() ? ShipEverythingOutside(refreshed) : refreshed;
    }

    private static FulfillmentOrder AfterObservation(FulfillmentOrder order, OrderState from, OrderState to, OrderSettings settings)
    {
        switch (to)
        {
            case OrderState.Importing when from != OrderState.Importing:
                return StartImport(order, automatic: true, settings);
            case OrderState.Importing:
                return order;
            case OrderState.Canceled when from != OrderState.Canceled:
                return CancelImportAndCommerce(order with { Error = null });
            case OrderState.Unfulfillable:
                return order with { Error = "Amazon reports the order Unfulfillable (multi-channel fulfilment); it is not imported." };
            case OrderState.Shipped when order.CommerceOrder is { Status: not CommerceStatuses.Complete }:
                return Enqueue(order, new CompleteCommerceOrder(order.Id), settings);
            case OrderState.PartiallyShipped when order.CommerceOrder is not null && order.Packages.IsEmpty:
                // Amazon reports shipments Commerce never made: learn which lines, once for this status.
                return NeedsItems(order) ? Enqueue(order, new FetchOrderItems(order.Id, order.AmazonStatus), settings) : order;
            default:
                return order;
        }
    }

    // ---- The import pipeline: items → customer → Commerce order -------------------------------

    private static FulfillmentOrder StartImport(FulfillmentOrder order, bool automatic, OrderSettings settings) =>
        NextImportStep(
            order with
            {
                Error = null,
                ImportAttempts = order.ImportAttempts + 1,
                AutomaticImportAttempts = order.AutomaticImportAttempts + (automatic ? 1 : 0),
            },
            settings);

    // Items are fetched once per status change that needs them; Shipped and InvoiceUnconfirmed are one status for this.
    private static bool NeedsItems(FulfillmentOrder order) =>
        order.ItemsFetchedFor is not { } fetched || TriggerFor(fetched) != TriggerFor(order.AmazonStatus);

    private static FulfillmentOrder NextImportStep(FulfillmentOrder order, OrderSettings settings)
    {
        if (NeedsItems(order))
        {
            return Enqueue(order, new FetchOrderItems(order.Id, order.AmazonStatus), settings);
        }

        if (order.Customer is null && settings.CustomerCreation == CustomerCreation.CreateAccount && order.Buyer?.Email is { } email)
        {
            return Enqueue(order, new ResolveCustomer(order.Id, email, order.Buyer.Name), settings);
        }

        return Enqueue(order, new CreateCommerceOrder(BuildRequest(order, settings)), settings);
    }

    private static CommerceOrderRequest BuildRequest(FulfillmentOrder order, OrderSettings settings)
    {
        var fba = order.Channel == FulfillmentChannel.Amazon;
        var lines = ImmutableArray.CreateBuilder<CommerceOrderLine>(order.Items.Length);
        foreach (var i in order.Items)
        {
            if (i.QuantityOrdered > 0)
            {
                lines.Add(new CommerceOrderLine(i.Sku, i.QuantityOrdered, i.ItemPrice?.PerUnit(i.QuantityOrdered)));
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
            Lines = lines.DrainToImmutable(),
            Total = order.OrderTotal ?? SumOfLines(order),
            PurchaseDate = order.PurchaseDate,
        };
    }

    private static Money? SumOfLines(FulfillmentOrder order)
    {
        Money? total = null;
        foreach (var item in order.Items)
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
        var key = new FetchOrderItems(input.AmazonOrderId, input.ForStatus).IdempotencyKey;
        if (Unexpected(order, key, nameof(OrderItemsFetched)) is { } early)
        {
            return early;
        }

        var candidate = ApplyAmazonItems(Dequeue(order!, key), input.Items, input.ForStatus);
        if (candidate.AmazonStatus.IsShipped() || candidate.Channel == FulfillmentChannel.Amazon)
        {
            candidate = ShipEverythingOutside(candidate);
        }

        return Transition(order, candidate, OrderTrigger.ItemsFetched, nameof(OrderItemsFetched), settings, settings, static (o, _, to, s) =>
            to == OrderState.Importing ? NextImportStep(o, s) : o);
    }

    private static Decision CustomerResolved(FulfillmentOrder? order, CustomerResolved input, OrderSettings settings)
    {
        var key = $"{input.AmazonOrderId}:customer";
        if (Unexpected(order, key, nameof(CustomerResolved)) is { } early)
        {
            return early;
        }

        if (string.IsNullOrWhiteSpace(input.CustomerId))
        {
            return Refuse(order!, nameof(CustomerResolved), "CustomerId", "is required.");
        }

        var candidate = order! with { Outbox = Without(order!.Outbox, key), Customer = new CustomerRef(CustomerKind.Account, input.CustomerId) };
        return Transition(order, candidate, OrderTrigger.CustomerFound, nameof(CustomerResolved), settings, settings, static (o, _, to, s) =>
            to == OrderState.Importing ? NextImportStep(o, s) : o);
    }

    private static Decision Created(FulfillmentOrder? order, CommerceOrderCreated input, OrderSettings settings)
    {
        var key = $"{input.AmazonOrderId}:create";

        // A creation that lands after Amazon cancelled (another worker applied the cancellation meanwhile)
        // is not a late duplicate: the Commerce order now exists and must be cancelled too.
        var createdAfterCancel = order is { State: OrderState.Canceled, CommerceOrder: null };
        if (!createdAfterCancel && Unexpected(order, key, nameof(CommerceOrderCreated)) is { } early)
        {
            return early;
        }

        if (string.IsNullOrWhiteSpace(input.CommerceOrderId) || string.IsNullOrWhiteSpace(input.OrderNumber) || string.IsNullOrWhiteSpace(input.Status))
        {
            return Refuse(order!, nameof(CommerceOrderCreated), "CommerceOrderId", "the Commerce order id, number and status are required.");
        }

        var candidate = order! with
        {
            Outbox = Without(order!.Outbox, key),
            CommerceOrder = new CommerceOrderRef(input.CommerceOrderId, input.OrderNumber, input.Status),
            Customer = order!.Customer ?? CustomerRef.Guest,
            Error = null,
        };
        return Transition(order, candidate, OrderTrigger.CommerceCreated, nameof(CommerceOrderCreated), settings, settings, static (o, _, to, s) => to switch
        {
            OrderState.Shipped when o.CommerceOrder!.Status != CommerceStatuses.Complete => Enqueue(o, new CompleteCommerceOrder(o.Id), s),
            OrderState.Canceled => Enqueue(o, new CancelCommerceOrder(o.Id), s),
            _ => o,
        });
    }

    private static Decision CreationRefused(FulfillmentOrder? order, CommerceOrderRefused input, OrderSettings settings)
    {
        var key = $"{input.AmazonOrderId}:create";
        if (Unexpected(order, key, nameof(CommerceOrderRefused)) is { } early)
        {
            return early;
        }

        var reason = string.IsNullOrWhiteSpace(input.Reason) ? "Commerce refused the order." : input.Reason;
        return Transition(order, Dequeue(order!, key), OrderTrigger.CommerceRefused, nameof(CommerceOrderRefused), settings, reason, static (o, _, to, r) =>
            to == OrderState.Blocked ? o with { Error = r } : o);
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

        var existing = order.Packages.FirstOrDefault(p => p.Package.PackageReferenceId == package.PackageReferenceId);
        if (existing is not null)
        {
            return existing.Package.SameContentAs(package)
                ? Decision.Ignore(order, $"Package {package.PackageReferenceId} is already recorded.")
                : Refuse(order, input, "packageReferenceId", $"package {package.PackageReferenceId} is already recorded with different content.");
        }

        if (order.State == OrderState.Canceled)
        {
            return Refuse(order, input, "amazonOrderId", "the order is canceled.");
        }

        if (order.CommerceOrder is null)
        {
            return Refuse(order, input, "amazonOrderId", "the order is not yet in Commerce.");
        }

        if (package.ShipDate > now + settings.ShipDateClockSkew)
        {
            return Refuse(order, input, "shipDate", $"{package.ShipDate:O} is in the future.");
        }

        var items = order.Items.ToBuilder();
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

        var candidate = order with
        {
            Items = items.ToImmutable(),
            Packages = order.Packages.Add(new PackageRecord(package, ConfirmationState.Pending)),
        };
        return Transition(order, candidate, OrderTrigger.Shipment, input, settings, (package, settings), static (o, _, to, state) =>
        {
            var confirmed = Enqueue(o, new ConfirmShipment(state.package), state.settings);
            if (to == OrderState.Shipped)
            {
                return Enqueue(confirmed, new CompleteCommerceOrder(o.Id), state.settings);
            }

            return confirmed.CommerceOrder!.Status == CommerceStatuses.Complete
                ? confirmed
                : confirmed with { CommerceOrder = confirmed.CommerceOrder with { Status = CommerceStatuses.Processing } };
        });
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

        return Transition(order, order with { MerchantCancelReason = input.Reason }, OrderTrigger.MerchantCancel, name, settings, (input.Reason, settings), static (o, _, _, state) =>
            Enqueue(Enqueue(o, new CancelOnAmazon(o.Id, state.Reason), state.settings), new CancelCommerceOrder(o.Id), state.settings));
    }

    private static Decision Retry(FulfillmentOrder? order, RetryRequested input, OrderSettings settings)
    {
        if (order is null)
        {
            return Decision.Refuse(null, new Refusal("MerchantFulfilled", OrderState.Untracked, nameof(RetryRequested), "amazonOrderId", $"order {input.AmazonOrderId} is not tracked."));
        }

        return Transition(order, order, OrderTrigger.Retry, nameof(RetryRequested), settings, settings, static (o, _, to, s) =>
            to == OrderState.Importing ? StartImport(o, automatic: false, s) : o, "only a blocked import can be retried.");
    }

    private static Decision Sync(FulfillmentOrder? order, SyncCycleEnded input, OrderSettings settings)
    {
        if (order is null)
        {
            return Decision.Refuse(null, new Refusal("MerchantFulfilled", OrderState.Untracked, nameof(SyncCycleEnded), "amazonOrderId", $"order {input.AmazonOrderId} is not tracked."));
        }

        // Leaving read-only mode releases the held Amazon calls at the next sync.
        var released = !settings.ReadOnly && order.Outbox.Any(e => e.Held)
            ? order with { Outbox = order.Outbox.Select(e => e with { Held = false }).ToImmutableArray() }
            : order;
        var decision = Transition(order, released, OrderTrigger.Sync, nameof(SyncCycleEnded), settings, settings, static (o, _, to, s) =>
            to == OrderState.Importing ? StartImport(o, automatic: true, s) : o);
        if (decision.Kind != DecisionKind.Applied && !ReferenceEquals(released, order))
        {
            return new Decision { Kind = DecisionKind.Applied, Order = released };
        }

        return decision;
    }

    // ---- Effect outcomes that change no state: bookkeeping on the outbox -------------------------

    private static Decision Completed(FulfillmentOrder? order, EffectCompleted input)
    {
        if (Unexpected(order, input.IdempotencyKey, nameof(EffectCompleted)) is { } early)
        {
            return early;
        }

        var effect = order!.Outbox[IndexOfKey(order.Outbox, input.IdempotencyKey)].Effect;
        var outbox = Without(order.Outbox, input.IdempotencyKey);
        var next = effect switch
        {
            ConfirmShipment c => order with { Outbox = outbox, Packages = SetConfirmation(order.Packages, c.Package.PackageReferenceId, ConfirmationState.Confirmed, null) },
            CancelOnAmazon => order with { Outbox = outbox, CanceledOnAmazon = true },
            CompleteCommerceOrder when order.CommerceOrder is { } co => order with { Outbox = outbox, CommerceOrder = co with { Status = CommerceStatuses.Complete } },
            CancelCommerceOrder when order.CommerceOrder is { } co => order with { Outbox = outbox, CommerceOrder = co with { Status = CommerceStatuses.Canceled } },
            _ => order with { Outbox = outbox },
        };
        return new Decision { Kind = DecisionKind.Applied, Order = next };
    }

    private static Decision Failed(FulfillmentOrder? order, EffectFailed input, OrderSettings settings, DateTimeOffset now)
    {
        if (Unexpected(order, input.IdempotencyKey, nameof(EffectFailed)) is { } early)
        {
            return early;
        }

        var reason = string.IsNullOrWhiteSpace(input.Reason) ? "failed permanently." : input.Reason;
        var effect = order!.Outbox[IndexOfKey(order.Outbox, input.IdempotencyKey)].Effect;
        var next = order with
        {
            Outbox = Without(order.Outbox, input.IdempotencyKey),
            Failures = order.Failures.Add(new EffectFailure(input.IdempotencyKey, reason, now)),
        };
        switch (effect)
        {
            case ConfirmShipment c:
                next = next with { Packages = SetConfirmation(next.Packages, c.Package.PackageReferenceId, ConfirmationState.Failed, reason) };
                break;
            case FetchOrderItems or ResolveCustomer or CreateCommerceOrder when next.State == OrderState.Importing:
                // The import cannot go on: block it with the reason, like a refused creation.
                var blocked = GraphFor(next.Channel).Resolve(next.State, OrderTrigger.CommerceRefused, FactsOf(next, settings));
                next = next with { State = blocked.Destination, Error = reason };
                break;
        }

        return new Decision { Kind = DecisionKind.Applied, Order = next };
    }

    // ---- Shared steps ----------------------------------------------------------------------------

    // The state argument lets every caller pass a static lambda: no closure is allocated per decision.
    private static Decision Transition<TState>(
        FulfillmentOrder? original,
        FulfillmentOrder candidate,
        OrderTrigger trigger,
        string input,
        OrderSettings settings,
        TState state,
        Func<FulfillmentOrder, OrderState, OrderState, TState, FulfillmentOrder> after,
        string? notPermittedReason = null)
    {
        var graph = GraphFor(candidate.Channel);
        var from = candidate.State;
        var outcome = graph.Resolve(from, trigger, FactsOf(candidate, settings));
        switch (outcome.Kind)
        {
            case GraphOutcomeKind.Ignore:
                return Decision.Ignore(original, $"{trigger} changes nothing while the order is {from}.");
            case GraphOutcomeKind.NotPermitted:
                var reason = outcome.UnmetGuards.Count > 0
                    ? $"{trigger} needs {string.Join(" and ", outcome.UnmetGuards)}."
                    : notPermittedReason ?? $"{trigger} is not allowed while the order is {from}.";
                return Decision.Refuse(original, new Refusal(graph.Name, from, input, null, reason));
        }

        var next = after(candidate with { State = outcome.Destination }, from, outcome.Destination, state);
        return new Decision { Kind = DecisionKind.Applied, Order = next, NewEffects = Added(original, next) };
    }

    // The effects of next's outbox whose key the original outbox does not hold (loops: outboxes hold a few effects).
    private static ImmutableArray<OrderEffect> Added(FulfillmentOrder? original, FulfillmentOrder next)
    {
        var count = 0;
        foreach (var e in next.Outbox)
        {
            if (!HasSameKey(original, e.Effect))
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
        foreach (var e in next.Outbox)
        {
            if (!HasSameKey(original, e.Effect))
            {
                added[i++] = e.Effect;
            }
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(added);
    }

    private static bool HasSameKey(FulfillmentOrder? order, OrderEffect effect)
    {
        if (order is not null)
        {
            foreach (var e in order.Outbox)
            {
                if (e.Effect.SameKeyAs(effect))
                {
                    return true;
                }
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

    private static Decision? Unexpected(FulfillmentOrder? order, string key, string input)
    {
        if (order is null)
        {
            return Decision.Ignore(null, $"{input} for an untracked order changes nothing.");
        }

        return IndexOfKey(order.Outbox, key) >= 0
            ? null
            : Decision.Ignore(order, $"Late duplicate: {input} for {key}, which is no longer pending.");
    }

    private static Decision Refuse(FulfillmentOrder order, string input, string? field, string reason) =>
        Decision.Refuse(order, new Refusal(GraphFor(order.Channel).Name, order.State, input, field, reason));

    private static FulfillmentOrder Enqueue(FulfillmentOrder order, OrderEffect effect, OrderSettings settings)
    {
        if (HasSameKey(order, effect))
        {
            return order;
        }

        return order with { Outbox = order.Outbox.Add(new PendingEffect(effect, Held: effect.ChangesAmazon && settings.ReadOnly)) };
    }

    private static FulfillmentOrder Dequeue(FulfillmentOrder order, string key) =>
        order with { Outbox = Without(order.Outbox, key) };

    private static ImmutableArray<PendingEffect> Without(ImmutableArray<PendingEffect> outbox, string key)
    {
        var index = IndexOfKey(outbox, key);
        if (index >= 0)
        {
            // Every entry with the key goes, as RemoveAll did; an outbox holds each key once, so usually one.
            var kept = outbox.ToBuilder();
            for (var i = kept.Count - 1; i >= index; i--)
            {
                if (kept[i].Effect.HasKey(key))
                {
                    kept.RemoveAt(i);
                }
            }

            outbox = kept.ToImmutable();
        }

        return outbox;
    }

    private static FulfillmentOrder CancelImportAndCommerce(FulfillmentOrder order)
    {
        // A creation may already have taken effect (a lost response), so a pending creation becomes a cancellation.
        var creationPending = order.Outbox.Any(e => e.Effect is CreateCommerceOrder);
        var outbox = order.Outbox.RemoveAll(e => e.Effect is FetchOrderItems or ResolveCustomer or CreateCommerceOrder);
        var next = order with { Outbox = outbox };
        return next.CommerceOrder is not null || creationPending
            ? next with { Outbox = outbox.Add(new PendingEffect(new CancelCommerceOrder(order.Id))) }
            : next;
    }

    private static FulfillmentOrder ShipEverythingOutside(FulfillmentOrder order) =>
        order with { Items = order.Items.Select(i => i with { ShippedOutside = i.QuantityOrdered - i.ShippedByCommerce }).ToImmutableArray() };

    private static FulfillmentOrder ApplyAmazonItems(FulfillmentOrder order, ImmutableArray<AmazonOrderItem> amazonItems, AmazonOrderStatus forStatus)
    {
        var items = new TrackedItem[amazonItems.Length];
        var cancelRequested = false;
        for (var n = 0; n < items.Length; n++)
        {
            var a = amazonItems[n];
            var byCommerce = 0;
            foreach (var i in order.Items)
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

        return order with
        {
            Items = ImmutableCollectionsMarshal.AsImmutableArray(items),
            ItemsFetchedFor = forStatus,
            CancellationRequested = order.CancellationRequested || cancelRequested,
        };
    }

    private static int IndexOf(ImmutableArray<TrackedItem>.Builder items, OrderItemId id)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].OrderItemId == id)
            {
                return i;
            }
        }

        return -1;
    }

    private static ImmutableArray<PackageRecord> SetConfirmation(ImmutableArray<PackageRecord> packages, PackageReferenceId id, ConfirmationState state, string? reason)
    {
        var result = new PackageRecord[packages.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var p = packages[i];
            result[i] = p.Package.PackageReferenceId == id ? p with { Confirmation = state, FailureReason = reason } : p;
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(result);
    }
}
