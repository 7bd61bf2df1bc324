namespace AmazonFulfillment.Domain;

/// <summary>
/// Where the order ships to. Restricted data: <see cref="ToString"/> prints only the country.
/// </summary>
/// <param name="Name">The recipient.</param>
/// <param name="AddressLine1">First address line.</param>
/// <param name="AddressLine2">Second address line.</param>
/// <param name="AddressLine3">Third address line.</param>
/// <param name="City">City.</param>
/// <param name="StateOrRegion">State or region.</param>
/// <param name="PostalCode">Postal code.</param>
/// <param name="CountryCode">Two-letter country code.</param>
/// <param name="Phone">Phone number.</param>
public sealed record ShippingAddress(
    string? Name,
    string? AddressLine1,
    string? AddressLine2,
    string? AddressLine3,
    string? City,
    string? StateOrRegion,
    string? PostalCode,
    string? CountryCode,
    string? Phone)
{
    /// <summary>Returns a redacted description that shows only the country.</summary>
    /// <returns>A text without personal data.</returns>
    public override string ToString() => $"ShippingAddress {{ CountryCode = {CountryCode ?? "none"}, [redacted] }}";
}
