using AmazonFulfillment.Domain;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;
using static AmazonFulfillment.Domain.FulfillmentChannel;
using static AmazonFulfillment.Domain.OrderState;

namespace AmazonFulfillment.Tests.Workflows;

/// <summary>
/// Guarantee 6 (totality) for observations: every (state × Amazon status × channel) has the outcome written
/// below, with default settings. The order in each state is reached through real inputs; FBA states the
/// FBA workflow never reaches are built directly and must be refused (or ignored when the status would regress).
/// </summary>
public class ObservationTableTests
{
    // Codes: a state name = Applied with that destination; "-" = Ignored; "X" = Refused.
    // Columns follow AmazonOrderStatus:  PendingAvailability, Pending, Unshipped, PartiallyShipped, Shipped, InvoiceUnconfirmed, Canceled, Unfulfillable
    private static readonly Dictionary<(FulfillmentChannel, OrderState), string[]> Expected = new()
    {
        [(Merchant, Untracked)] = ["Pending", "Pending", "Importing", "Importing", "Importing", "Importing", "Canceled", "Unfulfillable"],
        [(Merchant, Pending)] = ["Pending", "Pending", "Importing", "Importing", "Importing", "Importing", "Canceled", "Unfulfillable"],
        [(Merchant, Importing)] = ["-", "-", "Importing", "Importing", "Importing", "Importing", "Canceled", "-"],
        [(Merchant, Blocked)] = ["-", "-", "Importing", "Importing", "Importing", "Importing", "Canceled", "-"],
        [(Merchant, Unshipped)] = ["-", "-", "Unshipped", "PartiallyShipped", "Shipped", "Shipped", "Canceled", "-"],
        [(Merchant, PartiallyShipped)] = ["-", "-", "-", "PartiallyShipped", "Shipped", "Shipped", "Canceled", "-"],
        [(Merchant, Shipped)] = ["-", "-", "-", "-", "Shipped", "Shipped", "-", "-"],
        [(Merchant, Canceled)] = ["-", "-", "-", "-", "-", "-", "-", "-"],
        [(Merchant, Unfulfillable)] = ["-", "-", "-", "-", "-", "-", "-", "-"],

        [(Amazon, Untracked)] = ["-", "-", "-", "-", "Importing", "Importing", "-", "-"],
        [(Amazon, Importing)] = ["-", "-", "-", "-", "Importing", "Importing", "-", "-"],
        [(Amazon, Blocked)] = ["-", "-", "-", "-", "Importing", "Importing", "-", "-"],
        [(Amazon, Shipped)] = ["-", "-", "-", "-", "Shipped", "Shipped", "-", "-"],

        // Not reachable for FBA (nothing is tracked before Shipped): refused unless the status would regress.
        [(Amazon, Pending)] = ["X", "X", "X", "X", "X", "X", "X", "X"],
        [(Amazon, Unshipped)] = ["-", "-", "X", "X", "X", "X", "X", "X"],
        [(Amazon, PartiallyShipped)] = ["-", "-", "-", "X", "X", "X", "X", "X"],
        [(Amazon, Canceled)] = ["-", "-", "-", "-", "X", "X", "X", "X"],
        [(Amazon, Unfulfillable)] = ["-", "-", "-", "-", "X", "X", "X", "X"],
    };

    public static TheoryData<FulfillmentChannel, OrderState, AmazonOrderStatus> AllPairs()
    {
        var data = new TheoryData<FulfillmentChannel, OrderState, AmazonOrderStatus>();
        foreach (var channel in Enum.GetValues<FulfillmentChannel>())
        {
            foreach (var state in Enum.GetValues<OrderState>())
            {
                foreach (var status in Enum.GetValues<AmazonOrderStatus>())
                {
                    data.Add(channel, state, status);
                }
            }
        }

        return data;
    }

    [Fact]
    public void Table_CoversEveryStateAndStatus()
    {
        Assert.Equal(Enum.GetValues<FulfillmentChannel>().Length * Enum.GetValues<OrderState>().Length, Expected.Count);
        Assert.All(Expected.Values, row => Assert.Equal(Enum.GetValues<AmazonOrderStatus>().Length, row.Length));
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Observe_NewerObservationInAnyState_HasItsDefinedOutcome(FulfillmentChannel channel, OrderState state, AmazonOrderStatus status)
    {
        var b = Reach(channel, state);
        var before = b.Order;
        var expected = Expected[(channel, state)][(int)status];

        b.Observe(status);

        var decision = b.Last!;
        switch (expected)
        {
            case "-":
                Assert.Equal(DecisionKind.Ignored, decision.Kind);
                Assert.Same(before, decision.Order);
                break;
            case "X":
                Assert.Equal(DecisionKind.Refused, decision.Kind);
                Assert.Same(before, decision.Order);
                Assert.NotNull(decision.Refusal);
                break;
            default:
                Assert.Equal(DecisionKind.Applied, decision.Kind);
                Assert.Equal(Enum.Parse<OrderState>(expected), decision.Order!.State);
                Assert.Equal(status, decision.Order.AmazonStatus);
                break;
        }
    }

    private static OrderBuilder Reach(FulfillmentChannel channel, OrderState state)
    {
        var b = OrderBuilder.For(channel);
        if (channel == Amazon && state is Pending or Unshipped or PartiallyShipped or Canceled or Unfulfillable)
        {
            var status = state switch
            {
                Pending => AmazonOrderStatus.Pending,
                Unshipped => AmazonOrderStatus.Unshipped,
                PartiallyShipped => AmazonOrderStatus.PartiallyShipped,
                Canceled => AmazonOrderStatus.Canceled,
                _ => AmazonOrderStatus.Unfulfillable,
            };
            b.Observe(AmazonOrderStatus.Shipped);
            return b.With(b.Order! with { State = state, AmazonStatus = status, Outbox = [] });
        }

        return b.In(state);
    }
}
