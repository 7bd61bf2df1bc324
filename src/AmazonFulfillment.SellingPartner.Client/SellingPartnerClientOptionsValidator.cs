using Microsoft.Extensions.Options;

namespace AmazonFulfillment.SellingPartner.Client;

/// <summary>Validates <see cref="SellingPartnerClientOptions"/> at start-up: one failure listing every problem, never a credential.</summary>
internal sealed class SellingPartnerClientOptionsValidator : IValidateOptions<SellingPartnerClientOptions>
{
    public ValidateOptionsResult Validate(string? name, SellingPartnerClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(Problems.Message("SP-API client options", problems, ProblemCodes.SettingsOptionsInvalid));
    }
}
