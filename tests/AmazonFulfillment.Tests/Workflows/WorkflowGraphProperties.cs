using AmazonFulfillment.Domain;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;
using FsCheck;
using FsCheck.Fluent;

namespace AmazonFulfillment.Tests.Workflows;

/// <summary>The compiled table the decisions use agrees with a real Stateless machine built from the same definition.</summary>
public class WorkflowGraphProperties
{
    public static TheoryData<string> Graphs() => new() { "MerchantFulfilled", "AmazonFulfilled" };

    [WorkflowProperty]
    public Property Resolve_AnyStateTriggerAndFacts_AgreesWithStateless(bool fba, OrderState state, OrderTrigger trigger, GuardFacts facts)
    {
        var graph = fba ? AmazonFulfilledGraph.Graph : MerchantFulfilledGraph.Graph;
        var table = graph.Resolve(state, trigger, facts);
        var machine = Fire(graph, state, trigger, facts);
        return (table.Kind == machine.Kind && table.Destination == machine.Destination).ToProperty()
            .Label($"{graph.Name}: {state} --{trigger}--> table {table.Kind} {table.Destination}, Stateless {machine.Kind} {machine.Destination} ({facts})");
    }

    [Theory]
    [MemberData(nameof(Graphs))]
    public void Resolve_EveryStateTriggerAndFacts_AgreesWithStateless(string name)
    {
        var graph = name == "AmazonFulfilled" ? AmazonFulfilledGraph.Graph : MerchantFulfilledGraph.Graph;
        foreach (var state in Enum.GetValues<OrderState>())
        {
            foreach (var trigger in Enum.GetValues<OrderTrigger>())
            {
                for (var bits = 0; bits < 32; bits++)
                {
                    var facts = new GuardFacts((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0, (bits & 16) != 0);
                    var table = graph.Resolve(state, trigger, facts);
                    var machine = Fire(graph, state, trigger, facts);
                    Assert.True(
                        table.Kind == machine.Kind && table.Destination == machine.Destination,
                        $"{graph.Name}: {state} --{trigger}--> table {table.Kind} {table.Destination}, Stateless {machine.Kind} {machine.Destination} ({facts})");
                }
            }
        }
    }

    [Fact]
    public void Resolve_UndefinedStateOrTrigger_ThrowsNamingTheArgument()
    {
        var graph = MerchantFulfilledGraph.Graph;

        Assert.Equal("state", Assert.Throws<ArgumentOutOfRangeException>(() => graph.Resolve((OrderState)99, OrderTrigger.Sync, default)).ParamName);
        Assert.Equal("trigger", Assert.Throws<ArgumentOutOfRangeException>(() => graph.Resolve(OrderState.Pending, (OrderTrigger)(-1), default)).ParamName);
    }

    private static (GraphOutcomeKind Kind, OrderState Destination) Fire(WorkflowGraph graph, OrderState state, OrderTrigger trigger, GuardFacts facts)
    {
        var current = state;
        var machine = graph.CreateMachine(() => current, s => current = s, () => facts);
        var transitioned = false;
        var unhandled = false;
        machine.OnTransitioned(_ => transitioned = true);
        machine.OnUnhandledTrigger((_, _, _) => unhandled = true);
        machine.Fire(trigger);
        return unhandled ? (GraphOutcomeKind.NotPermitted, state)
            : transitioned ? (GraphOutcomeKind.Transition, current)
            : (GraphOutcomeKind.Ignore, state);
    }
}
