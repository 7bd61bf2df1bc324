using System.Diagnostics.CodeAnalysis;

namespace AmazonFulfillment.Domain;

/// <summary>An Amazon order identifier: three groups of 3, 7 and 7 digits, such as <c>902-1845936-5435065</c>.</summary>
public readonly record struct AmazonOrderId : IComparable<AmazonOrderId>
{
    private readonly string? _value;

    private AmazonOrderId(string value) => _value = value;

    /// <summary>Gets the identifier as Amazon writes it. The default instance has an empty value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Parses an identifier.</summary>
    /// <param name="value">The text, 3-7-7 digits.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not 3-7-7 digits.</exception>
    public static AmazonOrderId Parse(string? value) => TryCreate(value).OrThrow();

    /// <summary>Tries to parse an identifier.</summary>
    /// <param name="value">The text.</param>
    /// <param name="result">The identifier, when valid.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is 3-7-7 digits.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out AmazonOrderId result)
    {
        var v = TryCreate(value);
        result = v.IsValid ? v.Value : default;
        return v.IsValid;
    }

    /// <summary>Validates untrusted text, returning the reason instead of throwing.</summary>
    /// <param name="value">The text.</param>
    /// <param name="field">The field name to report.</param>
    /// <returns>The identifier or the reason it was refused.</returns>
    public static Validated<AmazonOrderId> TryCreate(string? value, string field = "AmazonOrderId")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Validated<AmazonOrderId>.Fail(field, "is required.");
        }

        if (value.Length != 19 || value[3] != '-' || value[11] != '-')
        {
            return Validated<AmazonOrderId>.Fail(field, $"'{Truncate(value)}' is not an Amazon order id (3-7-7 digits).");
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (i is 3 or 11)
            {
                continue;
            }

            if (!char.IsAsciiDigit(value[i]))
            {
                return Validated<AmazonOrderId>.Fail(field, $"'{Truncate(value)}' is not an Amazon order id (3-7-7 digits).");
            }
        }

        return Validated<AmazonOrderId>.Ok(new AmazonOrderId(value));
    }

    internal static string Truncate(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");

    /// <inheritdoc />
    public int CompareTo(AmazonOrderId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>Compares two identifiers ordinally.</summary>
    /// <param name="left">The left identifier.</param>
    /// <param name="right">The right identifier.</param>
    /// <returns><see langword="true"/> when left sorts before right.</returns>
    public static bool operator <(AmazonOrderId left, AmazonOrderId right) => left.CompareTo(right) < 0;

    /// <summary>Compares two identifiers ordinally.</summary>
    /// <param name="left">The left identifier.</param>
    /// <param name="right">The right identifier.</param>
    /// <returns><see langword="true"/> when left sorts after right.</returns>
    public static bool operator >(AmazonOrderId left, AmazonOrderId right) => left.CompareTo(right) > 0;

    /// <summary>Compares two identifiers ordinally.</summary>
    /// <param name="left">The left identifier.</param>
    /// <param name="right">The right identifier.</param>
    /// <returns><see langword="true"/> when left sorts before or equal to right.</returns>
    public static bool operator <=(AmazonOrderId left, AmazonOrderId right) => left.CompareTo(right) <= 0;

    /// <summary>Compares two identifiers ordinally.</summary>
    /// <param name="left">The left identifier.</param>
    /// <param name="right">The right identifier.</param>
    /// <returns><see langword="true"/> when left sorts after or equal to right.</returns>
    public static bool operator >=(AmazonOrderId left, AmazonOrderId right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => Value;
}
