namespace AmazonFulfillment.Domain;

/// <summary>An Amazon marketplace identifier, such as <c>ATVPDKIKX0DER</c> (Amazon.com).</summary>
public readonly record struct MarketplaceId
{
    private readonly string? _value;

    private MarketplaceId(string value) => _value = value;

    /// <summary>Gets the identifier. The default instance has an empty value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Parses an identifier (1-20 ASCII letters and digits).</summary>
    /// <param name="value">The text.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a marketplace id.</exception>
    public static MarketplaceId Parse(string? value) => TryCreate(value).OrThrow();

    /// <summary>Validates untrusted text, returning the reason instead of throwing.</summary>
    /// <param name="value">The text.</param>
    /// <param name="field">The field name to report.</param>
    /// <returns>The identifier or the reason it was refused.</returns>
    public static Validated<MarketplaceId> TryCreate(string? value, string field = "MarketplaceId")
    {
        var error = TextRules.Check(value, 20, char.IsAsciiLetterOrDigit, "ASCII letters and digits");
        return error is null ? Validated<MarketplaceId>.Ok(new MarketplaceId(value!)) : Validated<MarketplaceId>.Fail(field, error);
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
