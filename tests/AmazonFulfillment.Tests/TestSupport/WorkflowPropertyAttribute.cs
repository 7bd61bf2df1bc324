using System.Globalization;
using AmazonFulfillment.Tests.Workflows;
using FsCheck.Xunit;

namespace AmazonFulfillment.Tests.TestSupport;

/// <summary>
/// How many cases each property test runs. CI runs <see cref="DefaultRuns"/> per property (the whole suite stays
/// well under a minute); the environment variable <c>AMAZONFULFILLMENT_PROPERTY_RUNS</c> is a multiplier of that
/// default for soak runs, e.g. <c>AMAZONFULFILLMENT_PROPERTY_RUNS=100</c> runs 20 000 cases per property.
/// </summary>
public static class PropertyRuns
{
    /// <summary>The environment variable holding the multiplier.</summary>
    public const string Variable = "AMAZONFULFILLMENT_PROPERTY_RUNS";

    /// <summary>The CI default of cases per property.</summary>
    public const int DefaultRuns = 200;

    /// <summary>Gets the multiplier: the variable's positive integer value, else 1.</summary>
    public static int Multiplier { get; } =
        int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m > 0 ? m : 1;

    /// <summary>Scales a CI run count by the multiplier.</summary>
    /// <param name="ciRuns">Cases in CI.</param>
    /// <returns>Cases to run now.</returns>
    public static int Scale(int ciRuns) => checked(ciRuns * Multiplier);
}

/// <summary>
/// An FsCheck property over the workflow <see cref="Arbitraries"/>, with its case count scaled by
/// <see cref="PropertyRuns"/>. Use it instead of <c>[Property]</c> so every property honours the multiplier:
/// <c>[WorkflowProperty]</c> runs <see cref="PropertyRuns.DefaultRuns"/> cases in CI, <c>[WorkflowProperty(50)]</c> 50.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class WorkflowPropertyAttribute : PropertyAttribute
{
    /// <summary>Initializes the attribute.</summary>
    /// <param name="ciRuns">Cases in CI, before the multiplier.</param>
    public WorkflowPropertyAttribute(int ciRuns = PropertyRuns.DefaultRuns)
    {
        MaxTest = PropertyRuns.Scale(ciRuns);
        Arbitrary = [typeof(Arbitraries)];
    }
}
