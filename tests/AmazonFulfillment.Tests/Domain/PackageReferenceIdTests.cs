using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Tests.Domain;

public class PackageReferenceIdTests
{
    [Theory]
    [InlineData("1", 1)]
    [InlineData("42", 42)]
    [InlineData("999999999999999999", 999999999999999999)]
    public void Parse_PositiveInteger_Accepted(string text, long expected)
    {
        var id = PackageReferenceId.Parse(text);

        Assert.Equal(expected, id.Value);
        Assert.Equal(text, id.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("abc")]
    [InlineData(" 1")]
    [InlineData("99999999999999999999")]
    public void TryCreate_NotPositiveInteger_InvalidNamingField(string? text)
    {
        var result = PackageReferenceId.TryCreate(text);

        Assert.False(result.IsValid);
        Assert.Equal("packageReferenceId", result.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void From_NotPositive_Throws(long value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PackageReferenceId.From(value));
    }
}
