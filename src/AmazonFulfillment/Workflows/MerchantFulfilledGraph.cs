using Stateless;
using AmazonFulfillment.Domain;
using static AmazonFulfillment.Domain.OrderState;
using static AmazonFulfillment.Workflows.OrderTrigger;

namespace AmazonFulfillment.Workflows;

/// <summary>
/// The merchant-fulfilled (MFN) workflow graph (docs/rules.md section 3), declared once with Stateless. Reads top to
/// bottom: the happy path Pending → Importing → Unshipped → PartiallyShipped → Shipped, then the rules beyond it.
/// </summary>
public static class MerchantFulfilledGraph
{
    /// <summary>Gets the compiled graph.</summary>
    public static WorkflowGraph Graph { get; } = new("MerchantFulfilled", Define);

    private static void Define(StateMachine<OrderState, OrderTrigger> m, Func<GuardFacts> f)
    {
        m.Configure(Untracked)
            .To(ObservedPending, Pending, f)
            .To(ObservedUnshipped, Importing, f, Guard.ImportEnabled)
            .To(ObservedUnshipped, Unshipped, f, Guard.ImportDisabled)
            .To(ObservedPartiallyShipped, Importing, f, Guard.ImportEnabled)      // first seen late
            .To(ObservedPartiallyShipped, PartiallyShipped, f, Guard.ImportDisabled)
            .To(ObservedShipped, Importing, f, Guard.ImportEnabled)               // first seen late
            .To(ObservedShipped, Shipped, f, Guard.ImportDisabled)
            .To(ObservedCanceled, Canceled, f)                                    // tracked, no Commerce order
            .To(ObservedUnfulfillable, Unfulfillable, f);                         // tracked, never imported

        m.Configure(Pending)
            .Stay(ObservedPending, f)
            .To(ObservedUnshipped, Importing, f, Guard.ImportEnabled)
            .To(ObservedUnshipped, Unshipped, f, Guard.ImportDisabled)
            .To(ObservedPartiallyShipped, Importing, f, Guard.ImportEnabled)
            .To(ObservedPartiallyShipped, PartiallyShipped, f, Guard.ImportDisabled)
            .To(ObservedShipped, Importing, f, Guard.ImportEnabled)
            .To(ObservedShipped, Shipped, f, Guard.ImportDisabled)
            .To(ObservedCanceled, Canceled, f)
            .To(ObservedUnfulfillable, Unfulfillable, f)
            .Skip(Sync);

        m.Configure(Importing)
            .Stay(ItemsFetched, f)
            .Stay(CustomerFound, f)
            .To(CommerceCreated, Unshipped, f, Guard.NothingShipped)
            .To(CommerceCreated, PartiallyShipped, f, Guard.PartlyShipped)
            .To(CommerceCreated, Shipped, f, Guard.AllShipped)
            .To(CommerceRefused, Blocked, f)
            .Stay(ObservedUnshipped, f)
            .Stay(ObservedPartiallyShipped, f)
            .Stay(ObservedShipped, f)
            .To(ObservedCanceled, Canceled, f)
            .Skip(ObservedPending, ObservedUnfulfillable, Retry, Sync);

        m.Configure(Blocked)
            .To(Retry, Importing, f, Guard.ImportEnabled)                // a merchant retry is always allowed while import is on
            .To(Sync, Importing, f, Guard.AutomaticRetry)
            .Skip(Sync, f, Guard.NoAutomaticRetry)
            .To(ObservedUnshipped, Importing, f, Guard.AutomaticRetry)            // a newer observation retries
            .Stay(ObservedUnshipped, f, Guard.NoAutomaticRetry)
            .To(ObservedPartiallyShipped, Importing, f, Guard.AutomaticRetry)
            .Stay(ObservedPartiallyShipped, f, Guard.NoAutomaticRetry)
            .To(ObservedShipped, Importing, f, Guard.AutomaticRetry)
            .Stay(ObservedShipped, f, Guard.NoAutomaticRetry)
            .To(ObservedCanceled, Canceled, f)
            .To(CommerceCreated, Unshipped, f, Guard.NothingShipped)
            .To(CommerceCreated, PartiallyShipped, f, Guard.PartlyShipped)
            .To(CommerceCreated, Shipped, f, Guard.AllShipped)
            .Skip(ObservedPending, ObservedUnfulfillable, ItemsFetched, CustomerFound, CommerceRefused);

        m.Configure(Unshipped)
            .To(Shipment, PartiallyShipped, f, Guard.InCommerce, Guard.ItemsRemain)
            .To(Shipment, Shipped, f, Guard.InCommerce, Guard.AllShipped)
            .Stay(MerchantCancel, f, Guard.InCommerce)                          // Amazon is asked first; Commerce only after it accepts
            .To(AmazonCancelAccepted, Canceled, f)
            .Stay(ObservedUnshipped, f)
            .To(ObservedPartiallyShipped, PartiallyShipped, f)
            .To(ObservedShipped, Shipped, f)                                      // shipped outside Commerce
            .To(ObservedCanceled, Canceled, f)                                    // Amazon cancels
            .Stay(ItemsFetched, f)
            .Skip(ObservedPending, ObservedUnfulfillable, CustomerFound, CommerceCreated, CommerceRefused, Sync);

        m.Configure(PartiallyShipped)
            .Stay(Shipment, f, Guard.InCommerce, Guard.ItemsRemain)
            .To(Shipment, Shipped, f, Guard.InCommerce, Guard.AllShipped)
            .Stay(ObservedPartiallyShipped, f)
            .To(ObservedShipped, Shipped, f)
            .To(ObservedCanceled, Canceled, f)
            .Stay(ItemsFetched, f)
            .Skip(ObservedPending, ObservedUnshipped, ObservedUnfulfillable, CustomerFound, CommerceCreated, CommerceRefused, Sync, AmazonCancelAccepted);

        m.Configure(Shipped)
            .Stay(ObservedShipped, f)
            .Stay(ItemsFetched, f)
            .To(ObservedCanceled, Canceled, f)                                    // shipped in Commerce, never confirmed: Amazon's word wins
            .Skip(ObservedPending, ObservedUnshipped, ObservedPartiallyShipped, ObservedUnfulfillable, AmazonCancelAccepted)
            .Skip(CustomerFound, CommerceCreated, CommerceRefused, Sync);

        m.Configure(Canceled)
            .Stay(CommerceCreated, f)                                        // created while Amazon cancelled: cancel it in Commerce
            .Skip(ObservedPending, ObservedUnshipped, ObservedPartiallyShipped, ObservedShipped, ObservedCanceled, ObservedUnfulfillable)
            .Skip(ItemsFetched, CustomerFound, CommerceRefused, Sync, AmazonCancelAccepted);

        m.Configure(Unfulfillable)
            .Skip(ObservedPending, ObservedUnshipped, ObservedPartiallyShipped, ObservedShipped, ObservedCanceled, ObservedUnfulfillable)
            .Skip(ItemsFetched, CustomerFound, CommerceCreated, CommerceRefused, Sync);
    }
}
