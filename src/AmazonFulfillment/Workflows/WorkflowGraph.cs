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

/// <summary>
/// A workflow graph declared once with Stateless and compiled into a lookup table for the decision path.
/// Stateless stays the source of truth: the table is read from the machine's own reflection info
/// (<c>GetInfo()</c>), and a property test proves the two agree on every (state, trigger, facts).
/// </summary>
public sealed class WorkflowGraph
{
    private static readonly int TriggerCount = Enum.GetValues<OrderTrigger>().Length;
    private static readonly int StateCount = Enum.GetValues<OrderState>().Length;
    private const int FactCombinations = 1 << 5; // the five booleans of GuardFacts

    private readonly Action<StateMachine<OrderState, OrderTrigger>, Func<GuardFacts>> _define;
    private readonly GraphOutcome[] _outcomes;

    internal WorkflowGraph(string name, Action<StateMachine<OrderState, OrderTrigger>, Func<GuardFacts>> define)
    {
        Name = name;
        _define = define;
        _outcomes = Outcomes(Compile());
    }

    /// <summary>Gets the workflow's name.</summary>
    public string Name { get; }

    /// <summary>Creates a Stateless machine of this workflow over an external state, with guards reading <paramref name="facts"/>.</summary>
    /// <param name="state">Reads the current state.</param>
    /// <param name="setState">Writes the state.</param>
    /// <param name="facts">The facts the guards read when the machine fires.</param>
    /// <returns>A configured machine.</returns>
    public StateMachine<OrderState, OrderTrigger> CreateMachine(Func<OrderState> state, Action<OrderState> setState, Func<GuardFacts> facts)
    {
        var machine = new StateMachine<OrderState, OrderTrigger>(state, setState);
        _define(machine, facts);
        return machine;
    }

    /// <summary>Looks up the compiled table: what the trigger does in the state under these facts.</summary>
    /// <param name="state">The current state.</param>
    /// <param name="trigger">The trigger.</param>
    /// <param name="facts">The guard facts.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="state"/> or <paramref name="trigger"/> is not a defined value.</exception>
    public GraphOutcome Resolve(OrderState state, OrderTrigger trigger, in GuardFacts facts)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)state, (uint)StateCount, nameof(state));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)trigger, (uint)TriggerCount, nameof(trigger));
        return _outcomes[(Cell(state, trigger) * FactCombinations) + Bits(facts)];
    }

    private static int Cell(OrderState state, OrderTrigger trigger) => ((int)state * TriggerCount) + (int)trigger;

    private static int Bits(in GuardFacts f) =>
        (f.ImportEnabled ? 1 : 0) | (f.UnderAttemptCap ? 2 : 0) | (f.InCommerce ? 4 : 0) | (f.AllShipped ? 8 : 0) | (f.AnyShipped ? 16 : 0);

    private static GuardFacts FactsOf(int bits) => new((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0, (bits & 16) != 0);

    /// <summary>The outcome of every (state, trigger, facts): the rules' guards evaluated once, at start-up.</summary>
    private static GraphOutcome[] Outcomes(Rule[][] table)
    {
        if (typeof(GuardFacts).GetProperties().Length != 5)
        {
            throw new InvalidOperationException("GuardFacts changed: the table must enumerate every combination of its facts.");
        }

        var outcomes = new GraphOutcome[table.Length * FactCombinations];
        for (var cell = 0; cell < table.Length; cell++)
        {
            for (var bits = 0; bits < FactCombinations; bits++)
            {
                outcomes[(cell * FactCombinations) + bits] = Evaluate((OrderState)(cell / TriggerCount), table[cell], FactsOf(bits));
            }
        }

        return outcomes;
    }

    private static GraphOutcome Evaluate(OrderState state, Rule[] rules, GuardFacts facts)
    {
        foreach (var rule in rules)
        {
            if (rule.Holds(facts))
            {
                return rule.Ignore
                    ? new GraphOutcome(GraphOutcomeKind.Ignore, state, [])
                    : new GraphOutcome(GraphOutcomeKind.Transition, rule.Destination, []);
            }
        }

        var unmet = new List<string>();
        foreach (var rule in rules)
        {
            foreach (var guard in rule.Guards)
            {
                if (!guard.Test(facts) && !unmet.Contains(guard.Description))
                {
                    unmet.Add(guard.Description);
                }
            }
        }

        return new GraphOutcome(GraphOutcomeKind.NotPermitted, state, unmet.AsReadOnly());
    }

    /// <summary>Renders the graph as a Mermaid state diagram, from the Stateless definition.</summary>
    /// <returns>The Mermaid text.</returns>
    public string ToMermaid()
    {
        var current = OrderState.Untracked;
        var machine = CreateMachine(() => current, s => current = s, () => default);
        return MermaidGraph.Format(machine.GetInfo());
    }

    private Rule[][] Compile()
    {
        var table = new Rule[StateCount * TriggerCount][];
        var lists = new List<Rule>[table.Length];
        var current = OrderState.Untracked;
        var info = CreateMachine(() => current, s => current = s, () => default).GetInfo();
        foreach (var stateInfo in info.States)
        {
            var from = (OrderState)stateInfo.UnderlyingState;
            foreach (var t in stateInfo.FixedTransitions)
            {
                Add(from, (OrderTrigger)t.Trigger.UnderlyingTrigger, new Rule((OrderState)t.DestinationState.UnderlyingState, false, Guards(t.GuardConditionsMethodDescriptions)));
            }

            foreach (var t in stateInfo.IgnoredTriggers)
            {
                Add(from, (OrderTrigger)t.Trigger.UnderlyingTrigger, new Rule(from, true, Guards(t.GuardConditionsMethodDescriptions)));
            }
        }

        for (var i = 0; i < table.Length; i++)
        {
            table[i] = lists[i]?.ToArray() ?? [];
        }

        return table;

        void Add(OrderState from, OrderTrigger trigger, Rule rule) =>
            (lists[Cell(from, trigger)] ??= []).Add(rule);

        Guard[] Guards(IEnumerable<Stateless.Reflection.InvocationInfo> descriptions) =>
            descriptions.Select(d => Guard.All.TryGetValue(d.Description, out var g)
                ? g
                : throw new InvalidOperationException($"Workflow {Name} uses a guard '{d.Description}' that is not a registered Guard.")).ToArray();
    }

    private sealed record Rule(OrderState Destination, bool Ignore, Guard[] Guards)
    {
        public bool Holds(in GuardFacts facts)
        {
            foreach (var guard in Guards)
            {
                if (!guard.Test(facts))
                {
                    return false;
                }
            }

            return true;
        }
    }
}

/// <summary>Declaration helpers so that each workflow reads as guards by name.</summary>
internal static class StateConfigurationExtensions
{
    public static StateMachine<OrderState, OrderTrigger>.StateConfiguration To(
        this StateMachine<OrderState, OrderTrigger>.StateConfiguration config, OrderTrigger trigger, OrderState destination, Func<GuardFacts> facts, params Guard[] guards) =>
        guards.Length == 0 ? config.Permit(trigger, destination) : config.PermitIf(trigger, destination, Conditions(facts, guards));

    public static StateMachine<OrderState, OrderTrigger>.StateConfiguration Stay(
        this StateMachine<OrderState, OrderTrigger>.StateConfiguration config, OrderTrigger trigger, Func<GuardFacts> facts, params Guard[] guards) =>
        guards.Length == 0 ? config.PermitReentry(trigger) : config.PermitReentryIf(trigger, Conditions(facts, guards));

    public static StateMachine<OrderState, OrderTrigger>.StateConfiguration Skip(
        this StateMachine<OrderState, OrderTrigger>.StateConfiguration config, OrderTrigger trigger, Func<GuardFacts> facts, params Guard[] guards) =>
        guards.Length == 0 ? config.Ignore(trigger) : config.IgnoreIf(trigger, Conditions(facts, guards));

    public static StateMachine<OrderState, OrderTrigger>.StateConfiguration Skip(
        this StateMachine<OrderState, OrderTrigger>.StateConfiguration config, params OrderTrigger[] triggers)
    {
        foreach (var trigger in triggers)
        {
            config.Ignore(trigger);
        }

        return config;
    }

    private static Tuple<Func<bool>, string>[] Conditions(Func<GuardFacts> facts, Guard[] guards) =>
        guards.Select(g => Tuple.Create<Func<bool>, string>(() => g.Test(facts()), g.Description)).ToArray();
}
