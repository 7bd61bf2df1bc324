using System.Collections.Immutable;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Workflows;

/// <summary>What a decision did.</summary>
public enum DecisionKind
{
    /// <summary>The input changed the order.</summary>
    Applied,

    /// <summary>The input changes nothing (a late duplicate, a stale observation, an FBA order before Shipped …).</summary>
    Ignored,

    /// <summary>The input is not allowed; nothing changes.</summary>
    Refused,
}

/// <summary>
/// The result of a pure decision: the order after the input, and the effects it added to the outbox.
/// A value, so that a decision allocates the new order and nothing to carry it.
/// </summary>
public readonly record struct Decision
{
    private readonly ImmutableArray<OrderEffect> _newEffects;

    /// <summary>Gets what the decision did.</summary>
    public required DecisionKind Kind { get; init; }

    /// <summary>Gets the order after the input (unchanged unless <see cref="Kind"/> is Applied); <see langword="null"/> when it is not tracked.</summary>
    public required FulfillmentOrder? Order { get; init; }

    /// <summary>Gets the effects added to the outbox (already part of <see cref="Order"/>'s outbox); empty when none were.</summary>
    public ImmutableArray<OrderEffect> NewEffects
    {
        get => _newEffects.IsDefault ? [] : _newEffects;
        init => _newEffects = value;
    }

    /// <summary>Gets why the input was refused, when <see cref="Kind"/> is Refused.</summary>
    public Refusal? Refusal { get; init; }

    /// <summary>Gets why the input was ignored, when <see cref="Kind"/> is Ignored.</summary>
    public string? Note { get; init; }

    internal static Decision Ignore(FulfillmentOrder? order, string note) => new() { Kind = DecisionKind.Ignored, Order = order, Note = note };

    internal static Decision Refuse(FulfillmentOrder? order, Refusal refusal) => new() { Kind = DecisionKind.Refused, Order = order, Refusal = refusal };
}
