using System.Collections.Immutable;
using System.Globalization;

namespace AmazonFulfillment.Verification.Histories;

/// <summary>What running a history found.</summary>
/// <param name="Violations">Each broken guarantee, naming the step and the docs/rules.md section 6 guarantee; empty when every guarantee held.</param>
/// <param name="StepsRun">How many commands ran (concurrent ones counted once each).</param>
/// <param name="Applied">How many inputs were applied.</param>
/// <param name="Refused">How many inputs were refused (by the runtime or by the domain's <c>TryCreate</c>).</param>
/// <param name="StoreExceptions">How many commands ended with an injected store failure surfacing (a documented infrastructure exception).</param>
public sealed record HistoryReport(ImmutableArray<string> Violations, int StepsRun, int Applied, int Refused, int StoreExceptions)
{
    /// <summary>Gets whether every guarantee held.</summary>
    public bool Holds => Violations.IsEmpty;

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{StepsRun} steps, {Applied} applied, {Refused} refused, {StoreExceptions} store exceptions; ")
        + (Holds ? "every guarantee held." : Violations.Length.ToString(CultureInfo.InvariantCulture) + " violation(s):" + Environment.NewLine + string.Join(Environment.NewLine, Violations.Select(v => "  - " + v)));
}
