using AmazonFulfillment.Domain;
using AmazonFulfillment.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AmazonFulfillment.Configuration;

/// <summary>Validates <see cref="OrderSettings"/> at host start-up: one failure listing every problem.</summary>
public sealed class OrderSettingsValidator : IValidateOptions<OrderSettings>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OrderSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(Problems.Message(
            string.IsNullOrEmpty(name) ? "Amazon order settings" : $"Amazon order settings of store '{name}'", problems, ProblemCodes.SettingsOrderSettingsInvalid));
    }
}

/// <summary>Validates <see cref="FulfillmentRuntimeOptions"/>, and that the host registered every port.</summary>
/// <param name="services">The service provider, to check the ports.</param>
internal sealed class RuntimeRegistrationValidator(IServiceProvider services) : IValidateOptions<FulfillmentRuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, FulfillmentRuntimeOptions options)
    {
        var failures = new List<string>(2);
        if (options.Validate() is { Count: > 0 } problems)
        {
            failures.Add(Problems.Message("runtime options", problems, ProblemCodes.SettingsOptionsInvalid));
        }

        if (AmazonFulfillmentServiceCollectionExtensions.MissingPorts(services) is { Count: > 0 } missing)
        {
            failures.Add($"{string.Join(" ", missing)} ({ProblemCodes.SettingsPortsMissing})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
