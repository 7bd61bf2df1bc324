using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Tests.Domain;

public class MoneyTests
{
    [Theory]
    [InlineData("10.00", "USD", 10.00)]
    [InlineData("11.01", "USD", 11.01)]
    [InlineData("0.00", "USD", 0)]
    [InlineData("100.00", "EUR", 100)]
    [InlineData("1000", "JPY", 1000)]
    public void TryParse_SpApiDecimalString_Parsed(string amount, string currency, decimal expected)
    {
        var money = Money.TryParse(amount, currency);

        Assert.True(money.IsValid);
        Assert.Equal(expected, money.Value.Amount);
        Assert.Equal(currency, money.Value.Currency);
    }

    [Theory]
    [InlineData("1,000.00")]
    [InlineData("1e3")]
    [InlineData("ten")]
    [InlineData("")]
    [InlineData("-1.00")]
    public void TryParse_NotADecimalAmount_InvalidNamingField(string amount)
    {
        var money = Money.TryParse(amount, "USD", "ItemPrice");

        Assert.False(money.IsValid);
        Assert.Equal("ItemPrice", money.Field);
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("US")]
    [InlineData(null)]
    public void TryParse_BadCurrency_InvalidNamingCurrencyField(string? currency)
    {
        var money = Money.TryParse("10.00", currency, "ItemPrice");

        Assert.False(money.IsValid);
        Assert.Equal("ItemPrice.CurrencyCode", money.Field);
    }

    [Fact]
    public void TryParse_IgnoresCurrentCulture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal(11.01m, Money.TryParse("11.01", "EUR").Value.Amount);
            Assert.Equal("11.01", Money.Of(11.01m, "EUR").FormatAmount());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("20.00", 2, "10.00")]
    [InlineData("10.00", 3, "3.33")]
    [InlineData("9.99", 1, "9.99")]
    public void PerUnit_LineTotal_UnitPriceInCurrencyDecimals(string lineTotal, int quantity, string unit)
    {
        Assert.Equal(unit, Money.TryParse(lineTotal, "USD").Value.PerUnit(quantity).FormatAmount());
    }

    [Fact]
    public void FormatAmount_ZeroDecimalCurrency_NoDecimals()
    {
        Assert.Equal("1000", Money.Of(1000m, "JPY").FormatAmount());
    }
}
