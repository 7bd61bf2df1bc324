using AmazonFulfillment.Tests.Workflows;
using AmazonFulfillment.Verification;
using FsCheck.Xunit;

namespace AmazonFulfillment.Tests.Support;

/// <summary>
/// An FsCheck property over the workflow <see cref="Arbitraries"/>, with its case count scaled by
/// <see cref="PropertyRuns"/>. Use it instead of <c>[Property]</c> so every property honours the multiplier:
/// <c>[WorkflowProperty]</c> runs 200 cases in CI, <c>[WorkflowProperty(50)]</c> 50.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class WorkflowPropertyAttribute : PropertyAttribute
{
    /// <summary>Initializes the attribute.</summary>
    /// <param name="ciRuns">Cases in CI, before the multiplier.</param>
    public WorkflowPropertyAttribute(int ciRuns = 200)
    {
        MaxTest = PropertyRuns.Scale(ciRuns);
        Arbitrary = [typeof(Arbitraries)];
    }
}
