using System.Collections.Immutable;
using System.Globalization;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Verification.Guarantees;

/// <summary>One broken guarantee: which one (docs/rules.md section 6), for which order, and what was seen. Never holds buyer data.</summary>
/// <param name="Guarantee">The guarantee's number, 1-18.</param>
/// <param name="AmazonOrderId">The order concerned, or <see langword="null"/> when the violation concerns the run as a whole.</param>
/// <param name="Message">What was seen (ids, statuses, counts; never buyer data).</param>
public sealed record GuaranteeViolation(int Guarantee, AmazonOrderId? AmazonOrderId, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"guarantee {Guarantee} ({Guarantees.Title(Guarantee)})")
        + (AmazonOrderId is { } id ? ", order " + id.Value : string.Empty)
        + ": " + Message;
}

/// <summary>The guarantees of docs/rules.md section 6, by number, and what the <see cref="GuaranteeOracle"/> checks for each.</summary>
public static class Guarantees
{
    /// <summary>Gets the numbers of the guarantees, 1 to 18.</summary>
    public static ImmutableArray<int> Numbers { get; } = [.. Enumerable.Range(1, 18)];

    private static readonly string[] Titles =
    [
        "exactly one Commerce order per Amazon order",
        "at most one customer per buyer email",
        "each package confirmed exactly once in effect",
        "idempotence",
        "monotonicity",
        "totality",
        "FBA isolation",
        "complete only when complete",
        "crash safety",
        "concurrency",
        "determinism",
        "bad input is refused",
        "API budget",
        "buyer data stays private",
        "settings take effect at once",
        "no one-sided outcomes",
        "failure isolation",
        "ports are untrusted",
    ];

    /// <summary>Gets the short title of a guarantee.</summary>
    /// <param name="guarantee">The number, 1-18.</param>
    /// <returns>The title.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="guarantee"/> is not 1-18.</exception>
    public static string Title(int guarantee)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(guarantee, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(guarantee, Titles.Length);
        return Titles[guarantee - 1];
    }
}
