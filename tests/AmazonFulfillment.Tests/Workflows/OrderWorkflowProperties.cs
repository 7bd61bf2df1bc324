using AmazonFulfillment.Domain;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Tests.Workflows;

/// <summary>the guarantees (docs/rules.md section 6) 1, 3, 4-8, 11 and 12 over generated runs of inputs.</summary>
public class OrderWorkflowProperties
{
    [WorkflowProperty]
    public void Decide_AnyRun_NeverThrowsAndEveryOutcomeIsWellFormed(Scenario scenario)
    {
        foreach (var step in scenario.Run())
        {
            var d = step.Decision;
            var wellFormed = d.Kind switch
            {
                DecisionKind.Applied => d.Order is not null,
                DecisionKind.Refused => d.Refusal is not null && d.NewEffects.IsEmpty,
                DecisionKind.Ignored => d.Note is not null && d.NewEffects.IsEmpty,
                _ => false,
            };
            Assert.True(wellFormed, Scenario.Describe(step));
        }
    }

    [WorkflowProperty]
    public void Decide_AnyStateAnyInput_NeverThrows(Scenario scenario, OrderState state, AmazonOrderStatus status)
    {
        // Totality beyond reachable states: force every order of the run into an arbitrary state and status.
        FulfillmentOrder? order = null;
        foreach (var step in scenario.Steps)
        {
            var input = scenario.InputFor(step, order);
            var forced = order is null ? null : order with { State = state, AmazonStatus = status };
            _ = OrderWorkflow.Decide(forced, input, scenario.Settings, Scenario.Now);
            order = OrderWorkflow.Decide(order, input, scenario.Settings, Scenario.Now).Order;
        }
    }

    [WorkflowProperty]
    public void Observe_SameObservationTwice_EqualsOnce(Scenario scenario)
    {
        foreach (var step in scenario.Run().Where(s => s.Input is AmazonOrderObserved))
        {
            var twice = OrderWorkflow.Decide(step.Decision.Order, step.Input, scenario.Settings, Scenario.Now);

            Assert.True(
                twice.Kind != DecisionKind.Applied && twice.NewEffects.IsEmpty
                && Scenario.Canonical(twice.Order) == Scenario.Canonical(step.Decision.Order),
                Scenario.Describe(step));
        }
    }

    [WorkflowProperty]
    public void Observe_OlderThanLastApplied_ChangesNothingAndStatusNeverRegresses(Scenario scenario)
    {
        foreach (var step in scenario.Run())
        {
            var (before, after) = (step.Before, step.Decision.Order);
            if (step.Input is AmazonOrderObserved o && before is not null && o.Snapshot.LastUpdateDate < before.LastUpdateDate)
            {
                // Ignored, or refused when it also contradicts the tracked channel: either way nothing changes.
                Assert.True(step.Decision.Kind != DecisionKind.Applied && ReferenceEquals(before, after), Scenario.Describe(step));
            }

            if (before is not null && after is not null)
            {
                Assert.True(after.AmazonStatus.Rank() >= before.AmazonStatus.Rank(), Scenario.Describe(step));
                Assert.True(after.LastUpdateDate >= before.LastUpdateDate, Scenario.Describe(step));
            }
        }
    }

    [WorkflowProperty]
    public void Observe_Fba_NotTrackedBeforeShippedAndNothingSentToAmazon(Scenario scenario)
    {
        var seenShipped = false;
        foreach (var step in scenario.Run())
        {
            if (step.Input is AmazonOrderObserved { Snapshot: { Channel: FulfillmentChannel.Amazon } s } && s.Status.IsShipped())
            {
                seenShipped = true;
            }

            var order = step.Decision.Order;
            if (scenario.Channel == FulfillmentChannel.Amazon && !seenShipped)
            {
                Assert.True(order is null, Scenario.Describe(step));
            }

            if (order?.Channel == FulfillmentChannel.Amazon)
            {
                Assert.DoesNotContain(step.Decision.NewEffects, e => e.ChangesAmazon);
                Assert.DoesNotContain(order.Outbox, e => e.Effect.ChangesAmazon);
            }
        }
    }

    [WorkflowProperty]
    public void Decide_CommerceOrderComplete_OnlyWhenEveryItemShippedOrFba(Scenario scenario)
    {
        foreach (var step in scenario.Run())
        {
            var order = step.Decision.Order;
            if (order is null || order.Channel == FulfillmentChannel.Amazon)
            {
                continue;
            }

            var completes = step.Decision.NewEffects.OfType<CompleteCommerceOrder>().Any()
                || order.CommerceOrder?.Status == CommerceStatuses.Complete;
            Assert.True(!completes || order.AllItemsShipped, Scenario.Describe(step));
        }
    }

    [WorkflowProperty]
    public void Decide_AnyRun_AtMostOneCommerceOrder(Scenario scenario)
    {
        foreach (var step in scenario.Run())
        {
            var order = step.Decision.Order;
            if (order is null)
            {
                continue;
            }

            Assert.True(order.Outbox.Count(e => e.Effect is CreateCommerceOrder) <= 1, Scenario.Describe(step));
            if (step.Before?.CommerceOrder is { } kept)
            {
                Assert.DoesNotContain(step.Decision.NewEffects, e => e is CreateCommerceOrder);
                Assert.Equal(kept.CommerceOrderId, order.CommerceOrder?.CommerceOrderId);
            }
        }
    }

    [WorkflowProperty]
    public void Decide_SameInputs_SameOutputs(Scenario scenario)
    {
        var first = scenario.Run().Select(s => Scenario.Canonical(s.Decision));
        var second = (scenario with { Settings = scenario.Settings.Clone() }).Run().Select(s => Scenario.Canonical(s.Decision));

        Assert.Equal(first, second);
    }

    [WorkflowProperty]
    public void Decide_RefusedOrIgnored_ReturnsOrderUnchanged(Scenario scenario)
    {
        foreach (var step in scenario.Run().Where(s => s.Decision.Kind != DecisionKind.Applied))
        {
            Assert.True(ReferenceEquals(step.Before, step.Decision.Order), Scenario.Describe(step));
        }
    }

    [WorkflowProperty]
    public void Ship_AnyRun_EachPackageConfirmedOnce(Scenario scenario)
    {
        // A package is confirmed again only after Amazon refused it (the merchant corrects or retries it): never twice in flight.
        var inFlight = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in scenario.Run())
        {
            if (step.Input is EffectFailed failed && step.Decision.Kind == DecisionKind.Applied)
            {
                inFlight.Remove(failed.IdempotencyKey);
            }

            foreach (var key in step.Decision.NewEffects.OfType<ConfirmShipment>().Select(c => c.IdempotencyKey))
            {
                Assert.True(inFlight.Add(key), $"{key} was confirmed again while its confirmation was still in flight.");
            }
        }
    }
}
