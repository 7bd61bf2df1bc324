using System.Collections.Immutable;
using System.Runtime.InteropServices;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Workflows;

/// <content>Lines and packages: Amazon's lines applied to the draft, shipped quantities, package confirmations.</content>
public static partial class OrderWorkflow
{
    // ---- Lines and packages ------------------------------------------------------------------------


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
}
