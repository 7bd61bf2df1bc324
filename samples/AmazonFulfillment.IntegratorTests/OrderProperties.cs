using AmazonFulfillment.Domain;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Verification;
using AmazonFulfillment.Verification.Histories;

namespace AmazonFulfillment.IntegratorTests;

/// <summary>A model-based property over the integrator's own ports, with the kit's generated orders.</summary>
public class OrderProperties
{
    [FulfillmentProperty(50)]
    public void Observe_AnyOrderAnyObservationOrder_OneCommerceOrderAtMost(OrderPlan plan)
    {
        Task.Run(async () =>
        {
            var amazon = new DictionaryAmazon();
            var commerce = new DictionaryCommerce();
            foreach (var line in plan.Lines)
            {
                commerce.Catalog[line.Sku] = (10, true);
            }

            amazon.Items[plan.Id] = plan.ItemsAt(plan.Timeline.Length - 1);
            var runtime = new FulfillmentRuntime(amazon, commerce, new DictionaryCustomers(), new DictionaryOrderStore(),
                new SettingsMonitor<OrderSettings>(new OrderSettings { StoreView = "default" }), timeProvider: new VirtualTimeProvider(HistoryRunner.Start));

            // Every observation twice, newest first: duplicates and stale ones must change nothing.
            for (var tick = plan.Timeline.Length - 1; tick >= 0; tick--)
            {
                await runtime.ObserveAsync(plan.SnapshotAt(tick, withItems: false));
                await runtime.ObserveAsync(plan.SnapshotAt(tick, withItems: false));
            }

            var last = plan.Timeline[^1];
            var expectOrder = plan.Channel == FulfillmentChannel.Merchant
                ? last is not (AmazonOrderStatus.Pending or AmazonOrderStatus.PendingAvailability or AmazonOrderStatus.Canceled or AmazonOrderStatus.Unfulfillable)
                : last.IsShipped();
            Assert.Equal(expectOrder ? 1 : 0, commerce.Orders.Count);
            if (expectOrder && (last.IsShipped() || plan.Channel == FulfillmentChannel.Amazon))
            {
                Assert.Equal(CommerceStatuses.Complete, commerce.Orders[plan.Id].Status);
            }
        }).GetAwaiter().GetResult();
    }
}
