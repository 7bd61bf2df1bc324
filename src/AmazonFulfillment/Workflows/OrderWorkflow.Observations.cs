using System.Collections.Frozen;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Workflows;

/// <content>Amazon observations: tracking, refreshing and moving an order as Amazon reports it.</content>
public static partial class OrderWorkflow
{
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
        if (ObservationNotApplied(order, snapshot) is { } notApplied)
        {
            return notApplied;
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
                draft.SetError(ProblemCodes.OrderUnfulfillable, "Amazon reports the order Unfulfillable (multi-channel fulfilment); it is not imported. Handle it in Seller Central.");
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

    /// <summary>
    /// The decision when an observation changes nothing or cannot apply: an FBA order before Shipped, another channel than tracked,
    /// a stale or duplicate <c>LastUpdateDate</c>, or a status that would regress. <see langword="null"/> when it applies.
    /// </summary>
    private static Decision? ObservationNotApplied(FulfillmentOrder? order, AmazonOrderSnapshot snapshot)
    {
        if (order is null)
        {
            return snapshot.Channel == FulfillmentChannel.Amazon && !snapshot.Status.IsShipped()
                ? Decision.Ignore(null, NotTrackedNote(snapshot.Status))
                : null;
        }

        if (order.Channel != snapshot.Channel)
        {
            return Refuse(order, nameof(AmazonOrderObserved), ProblemCodes.ObservationChannelChanged, "FulfillmentChannel", $"the order is tracked as {order.Channel}-fulfilled; Amazon now reports {snapshot.Channel}. An order keeps its channel, so nothing was changed: check how the poller maps FulfillmentChannel (MFN is Merchant, AFN is Amazon).");
        }

        if (!string.Equals(order.AmazonStore, snapshot.AmazonStore, StringComparison.Ordinal))
        {
            return Refuse(order, nameof(AmazonOrderObserved), ProblemCodes.AmazonStoreChanged, "AmazonStore", $"the order is tracked in Amazon store '{order.AmazonStore}'; this observation comes from store '{snapshot.AmazonStore}'. An order belongs to one store: check which seller account and marketplace the poller of '{snapshot.AmazonStore}' reads.");
        }

        if (snapshot.LastUpdateDate < order.LastUpdateDate)
        {
            return Decision.Ignore(order, $"Stale observation: LastUpdateDate {snapshot.LastUpdateDate:O} is older than the applied {order.LastUpdateDate:O}.");
        }

        if (snapshot.LastUpdateDate == order.LastUpdateDate)
        {
            return Decision.Ignore(order, "Duplicate observation: this LastUpdateDate is already applied.");
        }

        return snapshot.Status.Rank() < order.AmazonStatus.Rank() || (order.AmazonStatus.IsShipped() && snapshot.Status == AmazonOrderStatus.Canceled)
            ? Decision.Ignore(order, $"Amazon status would regress from {order.AmazonStatus} to {snapshot.Status}.")
            : null;
    }

    private static void Refresh(ref OrderDraft draft, AmazonOrderSnapshot s)
    {
        draft.AmazonStatus = s.Status;
        draft.LastUpdateDate = s.LastUpdateDate;
        draft.MarketplaceId = s.MarketplaceId ?? draft.MarketplaceId;
        draft.EarliestShipDate = s.EarliestShipDate ?? draft.EarliestShipDate; // Amazon may move the window (an extended deadline)
        draft.LatestShipDate = s.LatestShipDate ?? draft.LatestShipDate;
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
}
