using Stateless;
using Stateless.Graph;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Workflows;

/// <summary>
/// Declaration helpers so that each graph reads as guards by name. While a graph is compiled, each declaration is also recorded
/// with its <see cref="Guard"/> objects, so that the compiled table binds guards by identity; the compiler checks the record
/// against Stateless's own reflection of the same machine.
/// </summary>
internal static class StateConfigurationExtensions
{
    [ThreadStatic]
    private static List<DeclaredRule>? t_recording;

    /// <summary>Runs <paramref name="declare"/> and returns the rules it declared, in order.</summary>
    public static List<DeclaredRule> Record(Action declare)
    {
        var rules = new List<DeclaredRule>();
        t_recording = rules;
        try
        {
            declare();
        }
        finally
        {
            t_recording = null;
        }

        return rules;
    }

    public static StateMachine<OrderState, OrderTrigger>.StateConfiguration To(
        this StateMachine<OrderState, OrderTrigger>.StateConfiguration config, OrderTrigger trigger, OrderState destination, Func<GuardFacts> facts, params Guard[] guards)
    {
        t_recording?.Add(new DeclaredRule(config.State, trigger, destination, Ignore: false, guards));
        return guards.Length == 0 ? config.Permit(trigger, destination) : config.PermitIf(trigger, destination, Conditions(facts, guards));
    }

    public static StateMachine<OrderState, OrderTrigger>.StateConfiguration Stay(
        this StateMachine<OrderState, OrderTrigger>.StateConfiguration config, OrderTrigger trigger, Func<GuardFacts> facts, params Guard[] guards)
    {
        t_recording?.Add(new DeclaredRule(config.State, trigger, config.State, Ignore: false, guards));
        return guards.Length == 0 ? config.PermitReentry(trigger) : config.PermitReentryIf(trigger, Conditions(facts, guards));
    }

    public static StateMachine<OrderState, OrderTrigger>.StateConfiguration Skip(
        this StateMachine<OrderState, OrderTrigger>.StateConfiguration config, OrderTrigger trigger, Func<GuardFacts> facts, params Guard[] guards)
    {
        t_recording?.Add(new DeclaredRule(config.State, trigger, config.State, Ignore: true, guards));
        return guards.Length == 0 ? config.Ignore(trigger) : config.IgnoreIf(trigger, Conditions(facts, guards));
    }

    public static StateMachine<OrderState, OrderTrigger>.StateConfiguration Skip(
        this StateMachine<OrderState, OrderTrigger>.StateConfiguration config, params OrderTrigger[] triggers)
    {
        foreach (var trigger in triggers)
        {
            t_recording?.Add(new DeclaredRule(config.State, trigger, config.State, Ignore: true, []));
            config.Ignore(trigger);
        }

        return config;
    }

    private static Tuple<Func<bool>, string>[] Conditions(Func<GuardFacts> facts, Guard[] guards) =>
        guards.Select(g => Tuple.Create<Func<bool>, string>(() => g.Test(facts()), g.Description)).ToArray();
}

/// <summary>One declared rule of a graph: in a state, a trigger moves to a destination (or is ignored) when every guard holds.</summary>
internal readonly record struct DeclaredRule(OrderState From, OrderTrigger Trigger, OrderState Destination, bool Ignore, Guard[] Guards)
{
    /// <summary>The rule as Stateless's reflection describes it, for the cross-check.</summary>
    public string Describe() => $"{From} --{Trigger}--> {(Ignore ? "ignored" : Destination.ToString())} [{string.Join(" and ", Guards.Select(g => g.Description))}]";
}
