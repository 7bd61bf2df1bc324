using AmazonFulfillment.Domain;
using AmazonFulfillment.SellingPartner;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Verification.Guarantees;

namespace AmazonFulfillment.Replay.Tests;

public class MarketplaceDayTests
{
    [Fact]
    public async Task MarketplaceDay_Replayed_KeepsTheGuarantees()
    {
        var (events, error) = ScenarioParser.Parse(Replay.Scenario("marketplace-day.jsonl"));
        Assert.Null(error);

        var run = await ScenarioReplayer.ReplayAsync(events);

        Assert.DoesNotContain(run.Warnings, w => !w.Contains(nameof(InjectedStoreFaultException), StringComparison.Ordinal));

        // The guarantees, judged by the oracle from what the fakes recorded, the store's orders, and what the day held:
        // its settings, its scripted faults, and what Amazon reported.
        var oracle = GuaranteeOracle.For(run.Harness);
        foreach (var e in events)
        {
            switch (e)
            {
                case SettingsEvent s:
                    oracle.SettingsChanged(s.Settings);
                    break;
                case FaultEvent f:
                    oracle.FaultScripted(f.Port, f.Operation, f.Mode, f.Count);
                    break;
                case AmazonEvent a when OrdersV0Reader.TryReadOrder(a.Order) is { IsValid: true } snapshot:
                    oracle.Reported(snapshot.Value);
                    break;
            }
        }

        var violations = oracle.Check(quiet: true);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));

        // The day is the day it claims to be: over a thousand orders of both channels, most imported and shipped, faults of every mode.
        var orders = run.Harness.OrderStore.All().Select(s => s.Order).ToList();
        Assert.True(orders.Count >= 1_000);
        Assert.Contains(orders, o => o.Channel == FulfillmentChannel.Amazon);
        Assert.Contains(orders, o => o.Channel == FulfillmentChannel.Merchant);
        Assert.True(run.Harness.Commerce.Orders.Count >= 900);
        Assert.True(run.Harness.Amazon.Confirmations.Count >= 500);
        Assert.True(run.Harness.Customers.Customers.Count > 0);
        var modes = events.OfType<FaultEvent>().Select(f => f.Mode).ToHashSet();
        Assert.Superset(modes, new HashSet<FaultMode> { FaultMode.LostResponse, FaultMode.Throttled, FaultMode.Permanent, FaultMode.Transient });
        Assert.True(run.Harness.Faults.CallsOf("commerce", "CreateOrder") > run.Harness.Commerce.Orders.Count);
    }
}
