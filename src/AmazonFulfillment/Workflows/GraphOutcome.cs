using Stateless;
using Stateless.Graph;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Workflows;

/// <summary>What the graph says about a trigger in a state.</summary>
public enum GraphOutcomeKind
{
    /// <summary>A transition (possibly re-entering the same state).</summary>
    Transition,

    /// <summary>The trigger is explicitly ignored in this state (a late duplicate or a no-op).</summary>
    Ignore,

    /// <summary>The trigger is not allowed in this state, or no guard holds.</summary>
    NotPermitted,
}

/// <summary>The graph's answer for one (state, trigger, facts).</summary>
/// <param name="Kind">Transition, ignore, or not permitted.</param>
/// <param name="Destination">The destination for a transition.</param>
/// <param name="UnmetGuards">For NotPermitted: the guards that did not hold (empty when the trigger is not declared in the state).</param>
public readonly record struct GraphOutcome(GraphOutcomeKind Kind, OrderState Destination, IReadOnlyList<string> UnmetGuards);
