using System.Collections.Immutable;

namespace AmazonFulfillment.Domain;

/// <summary>
/// A carrier Amazon lists for a marketplace: its code in Amazon's exact spelling, the other names merchants
/// type for it, and the tracking formats its numbers must have (none: numbers are not checked).
/// </summary>
public sealed class CarrierEntry
{
    /// <summary>Creates an entry.</summary>
    /// <param name="code">Amazon's carrier code, exactly as Amazon spells it, such as <c>Royal Mail</c>.</param>
    /// <param name="names">Other names merchants type for the carrier, such as <c>United Parcel Service</c> for UPS.</param>
    /// <param name="trackingFormats">Ids of the <see cref="TrackingFormat"/>s a tracking number may have; a number
    /// passes when it has any of them. Empty when the carrier's numbers are not checked.</param>
    /// <exception cref="ArgumentException"><paramref name="code"/> is blank or <c>Other</c>, or a name or format id is
    /// blank; the parameter name names it.</exception>
    public CarrierEntry(string code, IEnumerable<string>? names = null, IEnumerable<string>? trackingFormats = null)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw ProblemCodes.Attach(ProblemCodes.SettingsCarrierCatalogInvalid, new ArgumentException("A carrier code must not be blank.", nameof(code)));
        }

        if (string.Equals(code.Trim(), ShipmentPackage.OtherCarrier, StringComparison.OrdinalIgnoreCase))
        {
            throw ProblemCodes.Attach(ProblemCodes.SettingsCarrierCatalogInvalid, new ArgumentException("Other is not a listed carrier; the catalog handles it itself.", nameof(code)));
        }

        var nameList = (names ?? []).ToImmutableArray();
        if (nameList.Any(string.IsNullOrWhiteSpace))
        {
            throw ProblemCodes.Attach(ProblemCodes.SettingsCarrierCatalogInvalid, new ArgumentException($"Carrier '{code}' has a blank name.", nameof(names)));
        }

        var formatList = (trackingFormats ?? []).ToImmutableArray();
        if (formatList.Any(string.IsNullOrWhiteSpace))
        {
            throw ProblemCodes.Attach(ProblemCodes.SettingsCarrierCatalogInvalid, new ArgumentException($"Carrier '{code}' has a blank tracking format id.", nameof(trackingFormats)));
        }

        Code = code.Trim();
        Names = nameList.Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToImmutableArray();
        TrackingFormats = formatList.Select(f => f.Trim()).Distinct(StringComparer.Ordinal).ToImmutableArray();
    }

    /// <summary>Gets Amazon's carrier code, in Amazon's exact spelling.</summary>
    public string Code { get; }

    /// <summary>Gets the other names merchants type for the carrier.</summary>
    public ImmutableArray<string> Names { get; }

    /// <summary>Gets the ids of the tracking formats a number may have; empty when numbers are not checked.</summary>
    public ImmutableArray<string> TrackingFormats { get; }

    /// <inheritdoc />
    public override string ToString() => Code;
}
