using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Workflows;

/// <content>The shape every decision follows: move by the graph, enqueue, refuse, publish the draft once.</content>
public static partial class OrderWorkflow
{
    // ---- The decision's shape ----------------------------------------------------------------------


    /// <summary>
    /// Moves the draft to the state the workflow graph gives for the trigger (its facts read from the draft).
    /// Returns the decision to make instead when the graph ignores or refuses the trigger; the draft is then dropped.
    /// </summary>
    private static Decision? Move(FulfillmentOrder? original, ref OrderDraft draft, OrderTrigger trigger, string input, OrderSettings settings, (string Code, string Reason)? notPermitted = null)
    {
        var graph = GraphFor(draft.Channel);
        var from = draft.State;
        var outcome = graph.Resolve(from, trigger, FactsOf(draft, settings));
        switch (outcome.Kind)
        {
            case GraphOutcomeKind.Ignore:
                return Decision.Ignore(original, $"{trigger} changes nothing while the order is {from}.");
            case GraphOutcomeKind.NotPermitted:
                var (code, reason) = outcome.UnmetGuards.Count > 0
                    ? (ProblemCodes.WorkflowGuardUnmet, $"{trigger} needs {string.Join(" and ", outcome.UnmetGuards)}, which the order does not meet in state {from}; nothing was changed. Meet it first, then send {input} again.")
                    : notPermitted ?? (ProblemCodes.WorkflowNotAllowed, $"{trigger} is not allowed while the order is {from}; nothing was changed. See docs/workflows.md for what {from} accepts.");
                return Decision.Refuse(original, new Refusal(code, graph.Name, from, input, null, reason));
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
            if (draft.Error is null)
            {
                draft.SetError(ProblemCodes.ImportHeld, note);
            }
        }
        else if (draft.Error == note)
        {
            draft.Error = null;
        }

        var next = draft.ToOrder();
        return new Decision { Kind = DecisionKind.Applied, Order = next, NewEffects = Outbox.Added(original?.Outbox ?? [], next.Outbox) };
    }

    // The decision for an outcome whose effect is not pending: the order is not tracked, or it is a late duplicate.
    private static Decision NotPending(FulfillmentOrder? order, string input, string key) => order is null
        ? Decision.Ignore(null, $"{input} for an untracked order changes nothing.")
        : Decision.Ignore(order, $"Late duplicate: {input} for {key}, which is no longer pending.");

    /// <summary>The refusal of an input for an order of an Amazon store the host does not run: nothing is decided with another store's settings.</summary>
    internal static Decision RefuseUnknownStore(FulfillmentOrder? order, OrderInput input, string store)
    {
        var channel = order?.Channel ?? (input as AmazonOrderObserved)?.Snapshot.Channel ?? FulfillmentChannel.Merchant;
        return Decision.Refuse(order, new Refusal(
            ProblemCodes.AmazonStoreNotConfigured,
            GraphFor(channel).Name, order?.State ?? OrderState.Untracked, input.GetType().Name, "AmazonStore",
            $"Amazon store '{store}' is not configured on this host; nothing was changed. Add it to FulfillmentRuntimeOptions.AmazonStores with its own OrderSettings (named '{store}'), then observe the order again."));
    }

    private static Decision Refuse(FulfillmentOrder order, string input, string code, string? field, string reason) =>
        Decision.Refuse(order, new Refusal(code, GraphFor(order.Channel).Name, order.State, input, field, reason));

    // An input for an order that is not tracked: only merchant inputs and syncs are refused for it (outcomes are ignored).
    private static Decision RefuseUntracked(string input, AmazonOrderId id) =>
        Decision.Refuse(null, new Refusal(
            ProblemCodes.OrderNotTracked, MerchantFulfilledGraph.Graph.Name, OrderState.Untracked, input, "amazonOrderId",
            $"order {id} is not tracked: no observation of it was applied in this order store, so nothing was changed. Check the order id; "
            + "once the poller has read the order (FBA orders: once Amazon reports them Shipped), send the input again."));

    private static void Enqueue(ref OrderDraft draft, OrderEffect effect, OrderSettings settings)
    {
        if (!Outbox.Holds(draft.Outbox, effect))
        {
            draft.Outbox = draft.Outbox.Add(new PendingEffect(effect, Held: HeldBy(effect, draft.Channel, settings)));
        }
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
}
