using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Workflows;

/// <summary>
/// The pure decision: (tracked order or none, input, settings, now) → (new order, effects). No I/O, no
/// clock, no randomness. Data-level rules (stale observations, bad shipments, duplicate packages) are
/// checked here; which transitions are allowed is the workflow graph's to say.
/// </summary>
public static partial class OrderWorkflow
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
            throw ProblemCodes.Attach(ProblemCodes.UsageInvalidArgument, new ArgumentException($"The input is for order {input.AmazonOrderId}, the tracked order is {order.Id}.", nameof(input)));
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
            PackagesReadBack r => ReadBack(order, r, settings, now),
            _ => throw ProblemCodes.Attach(ProblemCodes.UsageInvalidArgument, new ArgumentException($"Unknown input type {input.GetType().Name}.", nameof(input))),
        };
    }

    /// <summary>Gets the graph of a channel's workflow.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The merchant-fulfilled or Amazon-fulfilled graph.</returns>
    public static WorkflowGraph GraphFor(FulfillmentChannel channel) =>
        channel == FulfillmentChannel.Amazon ? AmazonFulfilledGraph.Graph : MerchantFulfilledGraph.Graph;

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
        ImportEnabled: ImportEnabled(order.Channel, settings),
        UnderAttemptCap: order.AutomaticImportAttempts < settings.MaxImportAttempts,
        InCommerce: order.CommerceOrder is not null,
        AllShipped: order.AllItemsShipped,
        AnyShipped: order.AnyItemShipped);

    // Every decision below follows one shape: checks on the input's data; a draft of the order with the input's
    // data applied; Move (the workflow graph picks the next state, or ignores or refuses the input); the steps the
    // new state requires (effects enqueued); Applied (the draft published once as the new order).

}
