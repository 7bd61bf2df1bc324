using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Workflows;

/// <summary>Why an input was refused: its stable code, the workflow, the state, the input, the field at fault and the reason.</summary>
/// <param name="Code">The stable code (one of <see cref="ProblemCodes"/>), to match on instead of <paramref name="Reason"/>; its cause and fix are in
/// <see cref="ProblemCodes.Describe"/> and docs/troubleshooting.md.</param>
/// <param name="Workflow">The workflow that refused.</param>
/// <param name="State">The order's state.</param>
/// <param name="Input">The input's name.</param>
/// <param name="Field">The offending field, or <see langword="null"/> when the input as a whole is not allowed.</param>
/// <param name="Reason">What happened, why and what to do next, naming the values involved (never buyer data).</param>
public sealed record Refusal(string Code, string Workflow, OrderState State, string Input, string? Field, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Workflow} refused {Input} in state {State}{(Field is null ? string.Empty : $" ({Field})")}: {Reason}";
}
