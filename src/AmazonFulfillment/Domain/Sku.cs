namespace AmazonFulfillment.Domain;

/// <summary>A seller SKU: the product code Amazon and Commerce share (1-40 printable characters).</summary>
public readonly record struct Sku
{
    private readonly string? _value;

    private Sku(string value) => _value = value;

    /// <summary>Gets the SKU. The default instance has an empty value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Parses a SKU.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The SKU.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is blank, too long or has control characters.</exception>
    public static Sku Parse(string? value) => TryCreate(value).OrThrow();

    /// <summary>Validates untrusted text, returning the reason instead of throwing.</summary>
    /// <param name="value">The text.</param>
    /// <param name="field">The field name to report.</param>
    /// <returns>The SKU or the reason it was refused.</returns>
    public static Validated<Sku> TryCreate(string? value, string field = "SellerSKU")
    {
        var error = TextRules.Check(value, 40, TextRules.Printable, "printable characters");
        return error is null ? Validated<Sku>.Ok(new Sku(value!)) : Validated<Sku>.Fail(field, error);
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
