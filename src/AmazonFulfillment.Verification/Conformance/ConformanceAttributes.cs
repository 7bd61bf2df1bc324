using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace AmazonFulfillment.Verification.Conformance;

/// <summary>
/// Put on a class deriving from a conformance suite whose port needs an outside service (a database, a sandbox):
/// when the environment variable is unset or blank, every test of the suite is reported skipped with
/// <see cref="Reason"/> instead of failing.
/// </summary>
/// <param name="name">The environment variable, such as a connection string's.</param>
/// <param name="reason">How to run the tests (shown as the skip reason).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class RequiresEnvironmentVariableAttribute(string name, string reason) : Attribute
{
    /// <summary>Gets the environment variable's name.</summary>
    public string Name { get; } = name;

    /// <summary>Gets how to run the tests when the variable is missing.</summary>
    public string Reason { get; } = reason;
}

/// <summary>A conformance fact: skipped when the deriving class's <see cref="RequiresEnvironmentVariableAttribute"/> is not met.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("AmazonFulfillment.Verification.Conformance.ConformanceFactDiscoverer", "AmazonFulfillment.Verification")]
public sealed class ConformanceFactAttribute : FactAttribute;

/// <summary>A conformance theory: skipped when the deriving class's <see cref="RequiresEnvironmentVariableAttribute"/> is not met.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("AmazonFulfillment.Verification.Conformance.ConformanceTheoryDiscoverer", "AmazonFulfillment.Verification")]
public sealed class ConformanceTheoryAttribute : TheoryAttribute;

/// <summary>Discovers <see cref="ConformanceFactAttribute"/> tests.</summary>
/// <param name="diagnosticMessageSink">xunit's diagnostic sink.</param>
public sealed class ConformanceFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc />
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        ConformanceSkip.Reason(testMethod) is { } reason
            ? [ConformanceSkip.Case(DiagnosticMessageSink, discoveryOptions, testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, factAttribute);
}

/// <summary>Discovers <see cref="ConformanceTheoryAttribute"/> tests.</summary>
/// <param name="diagnosticMessageSink">xunit's diagnostic sink.</param>
public sealed class ConformanceTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc />
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        ConformanceSkip.Reason(testMethod) is { } reason
            ? [ConformanceSkip.Case(DiagnosticMessageSink, discoveryOptions, testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, theoryAttribute);
}

internal static class ConformanceSkip
{
    public static string? Reason(ITestMethod testMethod)
    {
        var requirement = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresEnvironmentVariableAttribute)).FirstOrDefault();
        if (requirement is null)
        {
            return null;
        }

        var args = requirement.GetConstructorArguments().ToArray();
        var name = (string)args[0];
        return string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(name)) ? $"{name} is not set: {(string)args[1]}" : null;
    }

    public static IXunitTestCase Case(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, string reason) =>
        new XunitSkippedDataRowTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), testMethod, reason);
}
