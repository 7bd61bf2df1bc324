using AmazonFulfillment.Domain;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;
using static AmazonFulfillment.Domain.AmazonOrderStatus;

namespace AmazonFulfillment.Tests.Mutation;

/// <summary>
/// Every input in every reachable state has a defined outcome (guarantee 6), and an input that is refused or changes
/// nothing says why (docs/rules.md section 3: "refused with a clear error and change nothing"; guarantee 12): a refusal names its
/// workflow, the order's state and the input, and neither a refusal nor an ignored input changes the order.
/// </summary>
public class DecisionExplanationTests
{
    public static TheoryData<FulfillmentChannel, OrderState> Reachable => new()
    {
        { FulfillmentChannel.Merchant, OrderState.Untracked },
        { FulfillmentChannel.Merchant, OrderState.Pending },
        { FulfillmentChannel.Merchant, OrderState.Importing },
        { FulfillmentChannel.Merchant, OrderState.Blocked },
        { FulfillmentChannel.Merchant, OrderState.Unshipped },
        { FulfillmentChannel.Merchant, OrderState.PartiallyShipped },
        { FulfillmentChannel.Merchant, OrderState.Shipped },
        { FulfillmentChannel.Merchant, OrderState.Canceled },
        { FulfillmentChannel.Merchant, OrderState.Unfulfillable },
        { FulfillmentChannel.Amazon, OrderState.Untracked },
        { FulfillmentChannel.Amazon, OrderState.Importing },
        { FulfillmentChannel.Amazon, OrderState.Blocked },
        { FulfillmentChannel.Amazon, OrderState.Shipped },
    };

    [Theory]
    [MemberData(nameof(Reachable))]
    public void EveryInput_RefusedOrIgnoredWithAReason_AndTheOrderUnchanged(FulfillmentChannel channel, OrderState state)
    {
        foreach (var (label, input) in Inputs(channel))
        {
            var b = OrderBuilder.For(channel).In(state);
            var before = b.Order;

            var decision = OrderWorkflow.Decide(before, input(b), b.Settings, b.Now);

            switch (decision.Kind)
            {
                case DecisionKind.Refused:
                    var refusal = decision.Refusal!;
                    Assert.False(string.IsNullOrWhiteSpace(refusal.Reason), label);
                    Assert.Equal(input(b).GetType().Name, refusal.Input);
                    Assert.Equal(state, refusal.State);
                    if (before is not null)
                    {
                        Assert.Equal(channel == FulfillmentChannel.Amazon ? "AmazonFulfilled" : "MerchantFulfilled", refusal.Workflow);
                    }

                    Assert.Same(before, decision.Order);
                    Assert.Empty(decision.NewEffects);
                    Assert.Null(decision.Note);
                    break;
                case DecisionKind.Ignored:
                    Assert.False(string.IsNullOrWhiteSpace(decision.Note), label);
                    Assert.Same(before, decision.Order);
                    Assert.Empty(decision.NewEffects);
                    Assert.Null(decision.Refusal);
                    break;
                default:
                    Assert.NotNull(decision.Order);
                    Assert.Null(decision.Refusal);
                    break;
            }
        }
    }

    [Fact]
    public void Refusal_ToString_ReadsAsASentence()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Apply(new MerchantCancelRequested(OrderBuilder.Mfn().Id, " "));

        Assert.Equal(
            "MerchantFulfilled refused MerchantCancelRequested in state Unshipped (reason): is required; nothing was sent. Cancel again with one of " + string.Join(", ", CancelReasons.All) + ".",
            b.Last.Refusal!.ToString());
        Assert.Equal(
            "MerchantFulfilled refused RetryRequested in state Unshipped: only a blocked import or a refused confirmation can be retried; the order is Unshipped with neither, so nothing changed.",
            OrderBuilder.Mfn().In(OrderState.Unshipped).Apply(new RetryRequested(OrderBuilder.Mfn().Id)).Last.Refusal!.ToString());
    }

    [Fact]
    public void StaleAndDuplicateObservations_SayWhichTheyAre()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);
        var applied = b.Order!.LastUpdateDate;

        b.Observe(Unshipped, applied);
        Assert.Equal(DecisionKind.Ignored, b.Last.Kind);
        Assert.StartsWith("Duplicate observation", b.Last.Note, StringComparison.Ordinal);

        b.Observe(Shipped, applied.AddSeconds(-1));
        Assert.Equal(DecisionKind.Ignored, b.Last.Kind);
        Assert.StartsWith("Stale observation", b.Last.Note, StringComparison.Ordinal);
        Assert.Equal(OrderState.Unshipped, b.Order!.State);

        b.Observe(Pending, applied.AddSeconds(1));
        Assert.Equal(DecisionKind.Ignored, b.Last.Kind);
        Assert.Contains("regress from Unshipped to Pending", b.Last.Note, StringComparison.Ordinal);
        Assert.Equal(applied, b.Order!.LastUpdateDate);
    }

    [Fact]
    public void FbaOrderBeforeShipped_NotTrackedAndSaysSo()
    {
        var b = OrderBuilder.Fba().Observe(Unshipped);

        Assert.Equal(DecisionKind.Ignored, b.Last.Kind);
        Assert.Null(b.Order);
        Assert.Equal("FBA order with status Unshipped is not tracked before Amazon reports it Shipped.", b.Last.Note);
    }

    private static IEnumerable<(string Label, Func<OrderBuilder, OrderInput> Input)> Inputs(FulfillmentChannel channel)
    {
        foreach (var status in Enum.GetValues<AmazonOrderStatus>())
        {
            yield return ($"observe {status}", b => new AmazonOrderObserved(b.Snapshot(status, b.Order?.LastUpdateDate.AddMinutes(5) ?? OrderBuilder.PurchaseDate.AddMinutes(5))));
            yield return ($"stale {status}", b => new AmazonOrderObserved(b.Snapshot(status, OrderBuilder.PurchaseDate)));
        }

        yield return ("other channel", b => new AmazonOrderObserved(new AmazonOrderSnapshot(
            b.Id, Shipped, channel == FulfillmentChannel.Amazon ? FulfillmentChannel.Merchant : FulfillmentChannel.Amazon,
            OrderBuilder.PurchaseDate, OrderBuilder.PurchaseDate.AddDays(1))));
        yield return ("ship", b => new ShipmentRecorded(b.Package(7, (SpApi.ItemId, 1))));
        yield return ("ship too many", b => new ShipmentRecorded(b.Package(8, (SpApi.ItemId, 99))));
        yield return ("ship unknown line", b => new ShipmentRecorded(b.Package(9, ("99999999999999", 1))));
        yield return ("ship in the future", b => new ShipmentRecorded(ShipmentPackage.Create(
            b.Id, PackageReferenceId.From(10), "UPS", null, null, "1Z9999999999999999", b.Now.AddDays(1), [new PackageItem(OrderItemId.Parse(SpApi.ItemId), 1)])));
        yield return ("cancel", b => new MerchantCancelRequested(b.Id, "NoInventory"));
        yield return ("cancel without reason", b => new MerchantCancelRequested(b.Id, ""));
        yield return ("retry", b => new RetryRequested(b.Id));
        yield return ("sync", b => new SyncCycleEnded(b.Id));
        yield return ("items", b => new OrderItemsFetched(b.Id, Canceled, b.AmazonItems(Canceled)));
        yield return ("customer", b => new CustomerResolved(b.Id, "42"));
        yield return ("created", b => new CommerceOrderCreated(b.Id, "1001", "000000123", CommerceStatuses.Pending));
        yield return ("refused", b => new CommerceOrderRefused(b.Id, "No."));
        yield return ("completed", b => new EffectCompleted(b.Id, $"{b.Id}:unknown"));
        yield return ("failed", b => new EffectFailed(b.Id, $"{b.Id}:unknown", "No."));
        yield return ("due", b => new WorkDue(b.Id));
    }
}
