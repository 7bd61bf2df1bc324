using AmazonFulfillment.Domain;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Tests.Support;
using static AmazonFulfillment.Tests.Support.RuntimeScenario;

namespace AmazonFulfillment.Tests.Runtime;

/// <summary>
/// Several Amazon stores in one host (docs/rules.md section 3b): an order's Commerce order always follows its own store's
/// settings, and whatever another store does (its orders, its read-only and import switches, its syncs) changes nothing for a
/// store's orders: store "a" run beside store "b" ends exactly as store "a" run alone.
/// </summary>
public sealed class StoreIsolationProperties
{
    private static readonly string[] Views = ["us_en", "de_de", "uk_en"];

    private static OrderSettings SettingsFrom(int seed) => new()
    {
        StoreView = Views[Math.Abs(seed % 3)],
        CustomerCreation = (seed & 4) == 0 ? CustomerCreation.Guest : CustomerCreation.CreateAccount,
        OrderNumberSource = (seed & 8) == 0 ? OrderNumberSource.Commerce : OrderNumberSource.Amazon,
        ReserveInventory = (seed & 16) == 0,
        ReadOnly = (seed & 32) != 0,
    };

    /// <summary>One step of a history: on store "a" or "b", observe, ship or cancel one of its orders, sync the store, or switch
    /// the store's read-only or import setting.</summary>
    private readonly record struct Step(string Store, int Kind, int Order);

    private static List<Step> Decode(int[]? values) =>
        [.. (values ?? []).Take(30).Select(v => new Step((v & 1) == 0 ? "a" : "b", Math.Abs(v / 2 % 6), Math.Abs(v / 12 % 3) + 1))];

    private static async Task<InMemoryFulfillment> RunAsync(IEnumerable<Step> steps, OrderSettings a, OrderSettings b)
    {
        var options = new FulfillmentRuntimeOptions { MaxParallelOrders = 1, AmazonStores = { "a", "b" } };
        var h = Channel(options: options);
        h.Settings.Set("a", a.Clone());
        h.Settings.Set("b", b.Clone());
        h.Restart();
        var buyer = new BuyerInfo("buyer@marketplace.amazon.com", "Jane Doe");
        var minute = 1;
        foreach (var step in steps)
        {
            var id = Id((step.Store == "a" ? 100 : 200) + step.Order);
            h.Amazon.SetOrderItems(id, Items());
            var settings = h.Settings.Get(step.Store);
            switch (step.Kind)
            {
                case 0 or 1:
                    await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, minute++, buyer: buyer) with { AmazonStore = step.Store });
                    break;
                case 2:
                    await h.Runtime.RecordShipmentAsync(First(id));
                    break;
                case 3:
                    await h.Runtime.CancelAsync(id, "NoInventory");
                    break;
                case 4:
                    var toggled = settings.Clone();
                    toggled.ReadOnly = !toggled.ReadOnly;
                    h.Settings.Set(step.Store, toggled);
                    await h.Runtime.SyncStoreAsync(step.Store);
                    break;
                default:
                    var switched = settings.Clone();
                    switched.ImportOrders = !switched.ImportOrders;
                    h.Settings.Set(step.Store, switched);
                    await h.Runtime.SyncStoreAsync(step.Store);
                    break;
            }
        }

        return h;
    }

    /// <summary>What store "a" ended with, in terms that do not depend on ids other stores' orders consumed.</summary>
    private static List<string> Outcome(InMemoryFulfillment h, string store)
    {
        var settings = h.Settings.Get(store);
        var orders = h.OrderStore.All().Select(s => s.Order).Where(o => o.AmazonStore == store).ToList();
        var lines = orders.Select(o => $"{o.Id} {o.State} {o.ChannelStatus} {o.CommerceOrder?.Status} {o.Error} "
            + string.Join(",", o.Packages.Select(p => p.Confirmation)) + " " + string.Join(",", o.Outbox.Select(e => e.Effect.GetType().Name + (e.Held ? "(held)" : string.Empty)))).ToList();
        var ids = orders.Select(o => o.Id).ToHashSet();
        lines.AddRange(h.Commerce.Orders.Where(c => ids.Contains(c.AmazonOrderId)).Select(c =>
            $"commerce {c.AmazonOrderId} {c.Status} {c.Request.StoreView} {c.Request.OrderNumber} {c.Request.ReserveInventory} {c.Request.CustomerId is null}"));
        lines.AddRange(h.Amazon.Confirmations.Where(c => ids.Contains(c.Package.AmazonOrderId)).Select(c => $"confirmed {c.Package.AmazonOrderId} {c.Package.PackageReferenceId}"));
        lines.AddRange(h.Amazon.Cancellations.Where(c => ids.Contains(c.AmazonOrderId)).Select(c => $"cancelled {c.AmazonOrderId}"));
        return lines;
    }

    [WorkflowProperty(60)]
    public bool AnotherStoresHistory_ChangesNothingForAStoresOrders(int[] values, int seedA, int seedB)
    {
        var steps = Decode(values);
        var (a, b) = (SettingsFrom(seedA), SettingsFrom(seedB));
        var together = RunAsync(steps, a, b).GetAwaiter().GetResult();
        var alone = RunAsync(steps.Where(s => s.Store == "a"), a, b).GetAwaiter().GetResult();
        return Outcome(together, "a").SequenceEqual(Outcome(alone, "a"));
    }

    [WorkflowProperty(60)]
    public bool EveryCommerceOrder_FollowsItsOwnStoresSettings(int[] values, int seedA, int seedB)
    {
        var (a, b) = (SettingsFrom(seedA), SettingsFrom(seedB));
        var h = RunAsync(Decode(values), a, b).GetAwaiter().GetResult();
        var stores = h.OrderStore.All().ToDictionary(s => s.Order.Id, s => s.Order.AmazonStore);
        return h.Commerce.Orders.All(c =>
        {
            var settings = stores[c.AmazonOrderId] == "a" ? a : b;
            return c.Request.StoreView == settings.StoreView
                && c.Request.ReserveInventory == settings.ReserveInventory
                && (settings.OrderNumberSource == OrderNumberSource.Amazon) == (c.Request.OrderNumber == c.AmazonOrderId.Value)
                && (settings.CustomerCreation == CustomerCreation.Guest) == (c.Request.CustomerId is null);
        });
    }
}
