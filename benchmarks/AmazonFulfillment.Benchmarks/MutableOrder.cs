using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Benchmarks;

/// <summary>
/// The order data a hand-rolled integration keeps next to its state machine: mutable, one object per order.
/// Both <see cref="TransitionBenchmarks.NaiveStateless"/> and <see cref="TransitionBenchmarks.HandWrittenSwitch"/>
/// do this same bookkeeping (lines, packages, Commerce order, an outbox of the library's effect types), so the
/// two differ only in how the next state is chosen: a Stateless machine, or a switch.
/// </summary>
public sealed class MutableOrder(AmazonOrderId id)
{
    public AmazonOrderId Id { get; } = id;

    public OrderState State { get; set; } = OrderState.Untracked;

    public AmazonOrderSnapshot? Snapshot { get; set; }

    public List<(AmazonOrderItem Item, int ShippedByCommerce)> Items { get; } = [];

    public List<ShipmentPackage> Packages { get; } = [];

    public HashSet<long> Confirmed { get; } = [];

    public CommerceOrderRef? CommerceOrder { get; set; }

    public List<OrderEffect> Outbox { get; } = [];

    public GuardFacts Facts(OrderSettings settings)
    {
        var all = Items.Count > 0;
        var any = false;
        foreach (var (item, shipped) in Items)
        {
            all &= shipped == item.QuantityOrdered;
            any |= shipped > 0;
        }

        return new GuardFacts(settings.ImportOrders, true, CommerceOrder is not null, all, any);
    }

    public void Observe(AmazonOrderSnapshot snapshot) => Snapshot = snapshot;

    public void SetItems(ImmutableArray<AmazonOrderItem> items)
    {
        Items.Clear();
        foreach (var item in items)
        {
            Items.Add((item, 0));
        }
    }

    /// <summary>Applies a package's lines; false when a line is unknown or more than remains.</summary>
    public bool Ship(ShipmentPackage package)
    {
        foreach (var line in package.Items)
        {
            var index = Items.FindIndex(i => i.Item.OrderItemId == line.OrderItemId);
            if (index < 0 || line.Quantity > Items[index].Item.QuantityOrdered - Items[index].ShippedByCommerce)
            {
                return false;
            }

            Items[index] = (Items[index].Item, Items[index].ShippedByCommerce + line.Quantity);
        }

        Packages.Add(package);
        return true;
    }

    public CommerceOrderRequest Request(OrderSettings settings)
    {
        var lines = ImmutableArray.CreateBuilder<CommerceOrderLine>(Items.Count);
        foreach (var (item, _) in Items)
        {
            lines.Add(new CommerceOrderLine(item.Sku, item.QuantityOrdered, item.ItemPrice?.PerUnit(item.QuantityOrdered)));
        }

        return new CommerceOrderRequest
        {
            AmazonOrderId = Id,
            Channel = FulfillmentChannel.Merchant,
            StoreView = settings.StoreView ?? string.Empty,
            InitialStatus = settings.NewOrderStatus,
            ReserveInventory = settings.ReserveInventory,
            RequireStock = true,
            Buyer = Snapshot?.Buyer,
            ShippingAddress = Snapshot?.ShippingAddress,
            Lines = lines.MoveToImmutable(),
            Total = Snapshot?.OrderTotal,
            PurchaseDate = Snapshot?.PurchaseDate ?? default,
        };
    }

    /// <summary>Removes a finished effect from the outbox and records what it did.</summary>
    public void Complete(OrderEffect effect)
    {
        switch (effect)
        {
            case ConfirmShipment c:
                Confirmed.Add(c.Package.PackageReferenceId.Value);
                break;
            case CompleteCommerceOrder when CommerceOrder is { } co:
                CommerceOrder = co with { Status = CommerceStatuses.Complete };
                break;
        }

        Outbox.Remove(effect);
    }
}
