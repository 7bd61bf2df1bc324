namespace AmazonFulfillment.Domain;

/// <summary>Amazon's identifier of one line of an order, such as <c>05015851154158</c> (1-50 ASCII letters and digits).</summary>
public readonly record struct OrderItemId
{
    private readonly string? _value;

    private OrderItemId(string value) => _value = value;

    /// <summary>Gets the identifier. The default instance has an empty value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Parses an identifier.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not an order item id.</exception>
    public static OrderItemId Parse(string? value) => TryCreate(value).OrThrow();

    /// <summary>Validates untrusted text, returning the reason instead of throwing.</summary>
    /// <param name="value">The text.</param>
    /// <param name="field">The field name to report.</param>
    /// <returns>The identifier or the reason it was refused.</returns>
    public static Validated<OrderItemId> TryCreate(string? value, string field = "OrderItemId")
    {
        var error = TextRules.Check(value, 50, char.IsAsciiLetterOrDigit, "ASCII letters and digits");
        return error is null ? Validated<OrderItemId>.Ok(new OrderItemId(value!)) : Validated<OrderItemId>.Fail(field, error);
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
