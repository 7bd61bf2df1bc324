using System.Globalization;

namespace AmazonFulfillment.Domain;

/// <summary>An amount of money in an ISO 4217 currency, as SP-API writes it (a decimal string and a currency code).</summary>
public readonly record struct Money
{
    private readonly string? _currency;

    private Money(decimal amount, string currency)
    {
        Amount = amount;
        _currency = currency;
    }

    /// <summary>Gets the amount.</summary>
    public decimal Amount { get; }

    /// <summary>Gets the ISO 4217 currency code (three upper-case letters). The default instance has an empty code.</summary>
    public string Currency => _currency ?? string.Empty;

    /// <summary>Creates an amount.</summary>
    /// <param name="amount">The amount, zero or more.</param>
    /// <param name="currency">Three upper-case letters.</param>
    /// <returns>The money value.</returns>
    /// <exception cref="ArgumentException">The currency is not an ISO code, or the amount is negative.</exception>
    public static Money Of(decimal amount, string currency)
    {
        var error = CheckCurrency(currency);
        if (error is not null)
        {
            throw ProblemCodes.Attach(ProblemCodes.InputInvalidValue, new ArgumentException(error, nameof(currency)));
        }

        return amount < 0 ? throw ProblemCodes.Attach(ProblemCodes.InputInvalidValue, new ArgumentException("must not be negative.", nameof(amount))) : new Money(amount, currency);
    }

    /// <summary>Parses SP-API's money object: a decimal string amount (such as <c>"11.01"</c>) and a currency code.</summary>
    /// <param name="amount">The amount text, invariant culture, no exponent, no thousands separators.</param>
    /// <param name="currency">The currency code.</param>
    /// <param name="field">The field name to report.</param>
    /// <returns>The money value or the reason it was refused.</returns>
    public static Validated<Money> TryParse(string? amount, string? currency, string field = "Amount")
    {
        var currencyError = CheckCurrency(currency);
        if (currencyError is not null)
        {
            return Validated<Money>.Fail(field + ".CurrencyCode", currencyError);
        }

        if (string.IsNullOrWhiteSpace(amount))
        {
            return Validated<Money>.Fail(field, "is required.");
        }

        if (!decimal.TryParse(amount, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return Validated<Money>.Fail(field, $"'{AmazonOrderId.Truncate(amount)}' is not a decimal amount.");
        }

        return value < 0
            ? Validated<Money>.Fail(field, $"'{amount}' must not be negative.")
            : Validated<Money>.Ok(new Money(value, currency!));
    }

    private static string? CheckCurrency(string? currency) =>
        currency is { Length: 3 } && currency.All(char.IsAsciiLetterUpper) ? null : $"'{currency}' is not an ISO 4217 currency code.";

    /// <summary>Gets the number of decimals the currency is written with (0 for JPY and a few others, 3 for BHD/KWD/OMR/JOD/TND, else 2).</summary>
    public int Decimals => Currency switch
    {
        "JPY" or "KRW" or "CLP" or "VND" or "ISK" or "HUF" => 0,
        "BHD" or "KWD" or "OMR" or "JOD" or "TND" => 3,
        _ => 2,
    };

    /// <summary>Adds two amounts of the same currency.</summary>
    /// <param name="other">The other amount.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="InvalidOperationException">The currencies differ.</exception>
    public Money Add(Money other) =>
        other.Currency == Currency ? new Money(Amount + other.Amount, Currency) : throw ProblemCodes.Attach(ProblemCodes.UsageInvalidOperation, new InvalidOperationException($"Cannot add {other.Currency} to {Currency}."));

    /// <summary>Divides a line total by a quantity, rounding to the currency's decimals.</summary>
    /// <param name="quantity">The quantity, at least 1.</param>
    /// <returns>The unit amount.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quantity"/> is below 1.</exception>
    public Money PerUnit(int quantity) =>
        quantity >= 1 ? new Money(Math.Round(Amount / quantity, Decimals, MidpointRounding.AwayFromZero), Currency) : throw ProblemCodes.Attach(ProblemCodes.UsageInvalidArgument, new ArgumentOutOfRangeException(nameof(quantity)));

    /// <summary>Gets the amount as SP-API writes it: invariant culture, with the currency's decimals.</summary>
    /// <returns>The amount text, such as <c>11.01</c>.</returns>
    public string FormatAmount() => Amount.ToString("F" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => $"{FormatAmount()} {Currency}";
}
