using AmazonFulfillment.Domain;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Verification.Guarantees;

/// <summary>
/// One check per guarantee of docs/rules.md section 6. Each runs under the oracle's lock and yields what it finds. The checks are kept
/// by what they look at, one partial file each (<c>GuaranteeOracle.Checks.*.cs</c>); the three here find nothing in a view, because
/// they are judged as the inputs, sweeps and factories run.
/// </summary>
public sealed partial class GuaranteeOracle
{
    /// <summary>11. Determinism: judged on the inputs run alone (each decided twice, on the order and a copy, with the same settings and clock).</summary>
    private static IEnumerable<GuaranteeViolation> Guarantee11(View v) => [];

    /// <summary>12. Bad input is refused, naming the field, changing nothing: judged on the inputs run alone and on <see cref="Constructed"/>.</summary>
    private static IEnumerable<GuaranteeViolation> Guarantee12(View v) => [];

    /// <summary>17. Failure isolation: judged on the sweeps, pages and resumes run through the oracle (none throws; each swept order gets a result;
    /// only a store failure or a poisoned document fails an order, and its report names the order); once quiet, a cured order has no runnable work
    /// left (guarantee 9).</summary>
    private static IEnumerable<GuaranteeViolation> Guarantee17(View v) => [];
}
