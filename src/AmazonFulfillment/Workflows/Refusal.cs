using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Workflows;

/// <summary>Why an input was refused: the workflow, the state, the input, the field at fault and the reason.</summary>
/// <param name="Workflow">The workflow that refused.</param>
/// <param name="State">The order's state.</param>
/// <param name="Input">The input's name.</param>
/// <param name="Field">The offending field, or <see langword="null"/> when the input as a whole is not allowed.</param>
/// <param name="Reason">A clear explanation (never containing buyer data).</param>
public sealed record Refusal(string Workflow, OrderState State, string Input, string? Field, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Workflow} refused {Input} in state {State}{(Field is null ? string.Empty : $" ({Field})")}: {Reason}";
}
