using Stateless;
using Stateless.Graph;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Workflows;

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
            throw ProblemCodes.Attach(ProblemCodes.InternalInvariantBroken, new InvalidOperationException("GuardFacts changed: the table must enumerate every combination of its facts."));
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

    /// <summary>
    /// The rules as declared (guards bound by identity), checked against Stateless's reflection of the same machine: a rule that
    /// one has and the other lacks is a bug in the declaration helpers, reported at start-up.
    /// </summary>
    private Rule[][] Compile()
    {
        var current = OrderState.Untracked;
        StateMachine<OrderState, OrderTrigger>? machine = null;
        var declared = StateConfigurationExtensions.Record(() => machine = CreateMachine(() => current, s => current = s, () => default));
        var reflected = new List<string>();
        foreach (var stateInfo in machine!.GetInfo().States)
        {
            var from = (OrderState)stateInfo.UnderlyingState;
            reflected.AddRange(stateInfo.FixedTransitions.Select(t => Describe(from, t.Trigger, (OrderState)t.DestinationState.UnderlyingState, false, t.GuardConditionsMethodDescriptions)));
            reflected.AddRange(stateInfo.IgnoredTriggers.Select(t => Describe(from, t.Trigger, from, true, t.GuardConditionsMethodDescriptions)));
        }

        var expected = declared.Select(r => r.Describe()).Order(StringComparer.Ordinal).ToList();
        if (!expected.SequenceEqual(reflected.Order(StringComparer.Ordinal)))
        {
            throw ProblemCodes.Attach(ProblemCodes.InternalInvariantBroken, new InvalidOperationException($"Workflow {Name}: the declared rules and Stateless's definition differ: {string.Join("; ", expected.Except(reflected).Concat(reflected.Except(expected)))}."));
        }

        var lists = new List<Rule>[StateCount * TriggerCount];
        foreach (var r in declared)
        {
            (lists[Cell(r.From, r.Trigger)] ??= []).Add(new Rule(r.Destination, r.Ignore, r.Guards));
        }

        return lists.Select(l => l?.ToArray() ?? []).ToArray();

        static string Describe(OrderState from, Stateless.Reflection.TriggerInfo trigger, OrderState to, bool ignore, IEnumerable<Stateless.Reflection.InvocationInfo> guards) =>
            new DeclaredRule(from, (OrderTrigger)trigger.UnderlyingTrigger, to, ignore, []).Describe().Replace("[]", $"[{string.Join(" and ", guards.Select(g => g.Description))}]", StringComparison.Ordinal);
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
