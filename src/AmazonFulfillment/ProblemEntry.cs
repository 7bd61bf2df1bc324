namespace AmazonFulfillment;

/// <summary>
/// One entry of the catalog of problem codes (<see cref="ProblemCodes.All"/>): what the code means, why it happens and what to
/// do. docs/troubleshooting.md is generated from these entries.
/// </summary>
/// <param name="Code">The stable code, such as <c>shipment.item_not_in_order</c>.</param>
/// <param name="Summary">What happened, and where it shows (a refusal, an order's error, an exception).</param>
/// <param name="Cause">Why it happens.</param>
/// <param name="Fix">What to do next.</param>
public sealed record ProblemEntry(string Code, string Summary, string Cause, string Fix)
{
    /// <summary>Gets the area the code belongs to: the part before its dot, such as <c>shipment</c>.</summary>
    public string Area => Code.IndexOf('.', StringComparison.Ordinal) is var dot and > 0 ? Code[..dot] : Code;
}
