using AmazonFulfillment.Verification;
using FsCheck.Xunit;

namespace AmazonFulfillment.Tests.Domain.Carriers;

/// <summary>An FsCheck property with its case count scaled by <see cref="PropertyRuns"/> (<c>AMAZONFULFILLMENT_PROPERTY_RUNS</c>).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class CarrierPropertyAttribute : PropertyAttribute
{
    /// <summary>Initializes the attribute.</summary>
    /// <param name="ciRuns">Cases in CI, before the multiplier.</param>
    public CarrierPropertyAttribute(int ciRuns = 500) => MaxTest = PropertyRuns.Scale(ciRuns);
}
