using Stateless;
using AmazonFulfillment.Domain;
using static AmazonFulfillment.Domain.OrderState;
using static AmazonFulfillment.Workflows.OrderTrigger;

namespace AmazonFulfillment.Workflows;

/// <summary>
/// The Fulfilled-by-Amazon (FBA) workflow graph (docs/rules.md section 4), declared once with Stateless. Nothing is
/// tracked before Amazon reports Shipped; the Commerce order is then created directly as complete.
/// Nothing is ever sent to Amazon, and the merchant neither ships nor cancels.
/// </summary>
public static class AmazonFulfilledGraph
{
    /// <summary>Gets the compiled graph.</summary>
    public static WorkflowGraph Graph { get; } = new("AmazonFulfilled", Define);

    private static void Define(StateMachine<OrderState, OrderTrigger> m, Func<GuardFacts> f)
    {
        m.Configure(Untracked)
            .To(ObservedShipped, Importing, f, Guard.ImportEnabled)
            .To(ObservedShipped, Shipped, f, Guard.ImportDisabled)                // tracked only
            .Skip(ObservedPending, ObservedUnshipped, ObservedPartiallyShipped, ObservedCanceled, ObservedUnfulfillable); // never stored before Shipped

        m.Configure(Importing)
            .Stay(ItemsFetched, f)
            .Stay(CustomerFound, f)
            .To(CommerceCreated, Shipped, f)
            .To(CommerceRefused, Blocked, f)
            .Stay(ObservedShipped, f)
            .Skip(ObservedPending, ObservedUnshipped, ObservedPartiallyShipped, ObservedCanceled, ObservedUnfulfillable, Retry, Sync);

        m.Configure(Blocked)
            .To(Retry, Importing, f, Guard.ImportEnabled)
            .To(Sync, Importing, f, Guard.AutomaticRetry)
            .Skip(Sync, f, Guard.NoAutomaticRetry)
            .To(ObservedShipped, Importing, f, Guard.AutomaticRetry)
            .Stay(ObservedShipped, f, Guard.NoAutomaticRetry)
            .To(CommerceCreated, Shipped, f)
            .Skip(ObservedPending, ObservedUnshipped, ObservedPartiallyShipped, ObservedCanceled, ObservedUnfulfillable)
            .Skip(ItemsFetched, CustomerFound, CommerceRefused);

        m.Configure(Shipped)
            .Stay(ObservedShipped, f)
            .Skip(ObservedPending, ObservedUnshipped, ObservedPartiallyShipped, ObservedCanceled, ObservedUnfulfillable)
            .Skip(ItemsFetched, CustomerFound, CommerceCreated, CommerceRefused, Sync);
    }
}
