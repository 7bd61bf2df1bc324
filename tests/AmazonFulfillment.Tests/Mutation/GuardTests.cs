using AmazonFulfillment.Domain;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Tests.Mutation;

/// <summary>
/// The guards the workflow graphs are written with, read as the docs/rules.md section states them: import on or off (docs/rules.md section 5), the
/// automatic attempt cap (MaxImportAttempts), a Commerce order existing, and what is shipped (guarantee 8).
/// </summary>
public class GuardTests
{
    public static TheoryData<bool, bool, bool, bool, bool> AllFacts()
    {
        var data = new TheoryData<bool, bool, bool, bool, bool>();
        for (var bits = 0; bits < 32; bits++)
        {
            data.Add((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0, (bits & 16) != 0);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllFacts))]
    public void Guards_MeanWhatTheyDescribe(bool import, bool underCap, bool inCommerce, bool all, bool any)
    {
        var f = new GuardFacts(import, underCap, inCommerce, all, any);

        Assert.Equal(import, Guard.ImportEnabled.Test(f));
        Assert.Equal(!import, Guard.ImportDisabled.Test(f));
        Assert.Equal(import && underCap, Guard.AutomaticRetry.Test(f));
        Assert.Equal(!(import && underCap), Guard.NoAutomaticRetry.Test(f));
        Assert.Equal(underCap, Guard.UnderAttemptCap.Test(f));
        Assert.Equal(!underCap, Guard.AttemptCapReached.Test(f));
        Assert.Equal(inCommerce, Guard.InCommerce.Test(f));
        Assert.Equal(all, Guard.AllShipped.Test(f));
        Assert.Equal(any && !all, Guard.PartlyShipped.Test(f));
        Assert.Equal(!any && !all, Guard.NothingShipped.Test(f));
        Assert.Equal(!all, Guard.ItemsRemain.Test(f));
    }

    [Theory]
    [InlineData(FulfillmentChannel.Merchant, true, true, true)]
    [InlineData(FulfillmentChannel.Merchant, true, false, true)]
    [InlineData(FulfillmentChannel.Merchant, false, true, false)]
    [InlineData(FulfillmentChannel.Amazon, true, true, true)]
    [InlineData(FulfillmentChannel.Amazon, true, false, false)]
    [InlineData(FulfillmentChannel.Amazon, false, true, false)]
    public void FactsOf_ImportEnabledPerChannel(FulfillmentChannel channel, bool importOrders, bool importFba, bool enabled)
    {
        var b = OrderBuilder.For(channel).In(OrderState.Importing);
        var settings = OrderBuilder.DefaultSettings(s => { s.ImportOrders = importOrders; s.ImportFbaOrders = importFba; });

        Assert.Equal(enabled, OrderWorkflow.FactsOf(b.Order!, settings).ImportEnabled);
    }

    [Theory]
    [InlineData(1, 1, false)]
    [InlineData(1, 2, true)]
    [InlineData(3, 3, false)]
    public void FactsOf_UnderTheCapUntilMaxImportAttemptsAutomaticAttempts(int attempts, int max, bool under)
    {
        var b = OrderBuilder.Mfn().In(OrderState.Importing);
        var order = b.Order! with { AutomaticImportAttempts = attempts };

        Assert.Equal(under, OrderWorkflow.FactsOf(order, OrderBuilder.DefaultSettings(s => s.MaxImportAttempts = max)).UnderAttemptCap);
    }

    [Fact]
    public void FactsOf_CommerceAndShipped()
    {
        var unshipped = OrderBuilder.Mfn().In(OrderState.Unshipped).Order!;
        var partly = OrderBuilder.Mfn().In(OrderState.PartiallyShipped).Order!;
        var shipped = OrderBuilder.Mfn().In(OrderState.Shipped).Order!;
        var settings = OrderBuilder.DefaultSettings();

        Assert.True(OrderWorkflow.FactsOf(unshipped, settings).InCommerce);
        Assert.False(OrderWorkflow.FactsOf(OrderBuilder.Mfn().In(OrderState.Pending).Order!, settings).InCommerce);
        Assert.False(OrderWorkflow.FactsOf(unshipped, settings).AnyShipped);
        Assert.True(OrderWorkflow.FactsOf(partly, settings).AnyShipped);
        Assert.False(OrderWorkflow.FactsOf(partly, settings).AllShipped);
        Assert.True(OrderWorkflow.FactsOf(shipped, settings).AllShipped);
        Assert.Throws<ArgumentNullException>(() => OrderWorkflow.FactsOf(null!, settings));
        Assert.Throws<ArgumentNullException>(() => OrderWorkflow.FactsOf(unshipped, null!));
    }

    [Fact]
    public void NotPermitted_ListsOnlyTheGuardsNotMet()
    {
        var facts = new GuardFacts(ImportEnabled: true, UnderAttemptCap: true, InCommerce: false, AllShipped: false, AnyShipped: false);

        var outcome = MerchantFulfilledGraph.Graph.Resolve(OrderState.Unshipped, OrderTrigger.Shipment, facts);

        Assert.Equal(GraphOutcomeKind.NotPermitted, outcome.Kind);
        Assert.Equal([Guard.InCommerce.Description, Guard.AllShipped.Description], outcome.UnmetGuards);
    }

    [Theory]
    [InlineData(AmazonOrderStatus.Pending, OrderTrigger.ObservedPending)]
    [InlineData(AmazonOrderStatus.PendingAvailability, OrderTrigger.ObservedPending)]
    [InlineData(AmazonOrderStatus.Unshipped, OrderTrigger.ObservedUnshipped)]
    [InlineData(AmazonOrderStatus.PartiallyShipped, OrderTrigger.ObservedPartiallyShipped)]
    [InlineData(AmazonOrderStatus.Shipped, OrderTrigger.ObservedShipped)]
    [InlineData(AmazonOrderStatus.InvoiceUnconfirmed, OrderTrigger.ObservedShipped)]
    [InlineData(AmazonOrderStatus.Canceled, OrderTrigger.ObservedCanceled)]
    [InlineData(AmazonOrderStatus.Unfulfillable, OrderTrigger.ObservedUnfulfillable)]
    public void TriggerFor_EachAmazonStatus(AmazonOrderStatus status, OrderTrigger trigger)
    {
        Assert.Equal(trigger, OrderWorkflow.TriggerFor(status));
    }

    [Fact]
    public void Diagrams_NameEveryStateTheWorkflowReaches()
    {
        var merchant = MerchantFulfilledGraph.Graph.ToMermaid();
        var amazon = AmazonFulfilledGraph.Graph.ToMermaid();

        Assert.StartsWith("stateDiagram-v2", merchant, StringComparison.Ordinal);
        foreach (var state in Enum.GetNames<OrderState>())
        {
            Assert.Contains(state, merchant, StringComparison.Ordinal);
        }

        Assert.Contains("Untracked --> Importing", amazon, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(OrderState.Pending) + " ", amazon, StringComparison.Ordinal);
        Assert.Equal("MerchantFulfilled", OrderWorkflow.GraphFor(FulfillmentChannel.Merchant).Name);
        Assert.Equal("AmazonFulfilled", OrderWorkflow.GraphFor(FulfillmentChannel.Amazon).Name);
    }
}
