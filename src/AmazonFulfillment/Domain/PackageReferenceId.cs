using System.Globalization;

namespace AmazonFulfillment.Domain;

/// <summary>
/// The merchant's identifier of a shipped package: a positive integer that SP-API's confirmShipment
/// takes as a string. Retries of a confirmation reuse it, so Amazon sees the same package again.
/// </summary>
public readonly record struct PackageReferenceId : IComparable<PackageReferenceId>
{
    private PackageReferenceId(long value) => Value = value;

    /// <summary>Gets the numeric value (at least 1 for every parsed instance).</summary>
    public long Value { get; }

    /// <summary>Creates an identifier from a number.</summary>
    /// <param name="value">A positive integer.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not positive.</exception>
    public static PackageReferenceId From(long value) =>
        value > 0 ? new PackageReferenceId(value) : throw ProblemCodes.Attach(ProblemCodes.InputInvalidValue, new ArgumentOutOfRangeException(nameof(value), value, "packageReferenceId must be a positive integer."));

    /// <summary>Parses an identifier from its string form.</summary>
    /// <param name="value">Decimal digits of a positive integer.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a positive integer.</exception>
    public static PackageReferenceId Parse(string? value) => TryCreate(value).OrThrow();

    /// <summary>Validates untrusted text, returning the reason instead of throwing.</summary>
    /// <param name="value">The text.</param>
    /// <param name="field">The field name to report.</param>
    /// <returns>The identifier or the reason it was refused.</returns>
    public static Validated<PackageReferenceId> TryCreate(string? value, string field = "packageReferenceId")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Validated<PackageReferenceId>.Fail(field, "is required.");
        }

        if (value.Length > 18 || !value.All(char.IsAsciiDigit)
            || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return Validated<PackageReferenceId>.Fail(field, $"'{AmazonOrderId.Truncate(value)}' is not a positive integer.");
        }

        return Validated<PackageReferenceId>.Ok(new PackageReferenceId(n));
    }

    /// <inheritdoc />
    public int CompareTo(PackageReferenceId other) => Value.CompareTo(other.Value);

    /// <summary>Compares two identifiers.</summary>
    /// <param name="left">The left identifier.</param>
    /// <param name="right">The right identifier.</param>
    /// <returns><see langword="true"/> when left is smaller.</returns>
    public static bool operator <(PackageReferenceId left, PackageReferenceId right) => left.Value < right.Value;

    /// <summary>Compares two identifiers.</summary>
    /// <param name="left">The left identifier.</param>
    /// <param name="right">The right identifier.</param>
    /// <returns><see langword="true"/> when left is larger.</returns>
    public static bool operator >(PackageReferenceId left, PackageReferenceId right) => left.Value > right.Value;

    /// <summary>Compares two identifiers.</summary>
    /// <param name="left">The left identifier.</param>
    /// <param name="right">The right identifier.</param>
    /// <returns><see langword="true"/> when left is smaller or equal.</returns>
    public static bool operator <=(PackageReferenceId left, PackageReferenceId right) => left.Value <= right.Value;

    /// <summary>Compares two identifiers.</summary>
    /// <param name="left">The left identifier.</param>
    /// <param name="right">The right identifier.</param>
    /// <returns><see langword="true"/> when left is larger or equal.</returns>
    public static bool operator >=(PackageReferenceId left, PackageReferenceId right) => left.Value >= right.Value;

    /// <summary>Gets the string form Amazon takes (decimal digits).</summary>
    /// <returns>The decimal digits.</returns>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
