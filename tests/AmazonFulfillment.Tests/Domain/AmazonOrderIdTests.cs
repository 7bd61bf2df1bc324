using AmazonFulfillment.Domain;
using AmazonFulfillment.Tests.Support;

namespace AmazonFulfillment.Tests.Domain;

public class AmazonOrderIdTests
{
    [Theory]
    [InlineData(SpApi.MfnOrderId)]
    [InlineData(SpApi.FbaOrderId)]
    [InlineData("903-8868176-2219830")]
    public void Parse_ThreeSevenSevenDigits_RoundTrips(string text)
    {
        Assert.Equal(text, AmazonOrderId.Parse(text).ToString());
        Assert.True(AmazonOrderId.TryParse(text, out var id));
        Assert.Equal(text, id.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("902-1845936")]
    [InlineData("9021845936543506500")]
    [InlineData("902-1845936-543506X")]
    [InlineData("9021-845936-5435065")]
    [InlineData(" 902-1845936-5435065")]
    [InlineData("902-1845936-54350655")]
    [InlineData("S02-1845936-5435065")]
    public void TryCreate_NotThreeSevenSeven_InvalidNamingField(string? text)
    {
        var result = AmazonOrderId.TryCreate(text);

        Assert.False(result.IsValid);
        Assert.Equal("AmazonOrderId", result.Field);
        Assert.False(AmazonOrderId.TryParse(text, out _));
        Assert.Throws<ArgumentException>(() => AmazonOrderId.Parse(text));
    }

    [Fact]
    public void Default_HasEmptyValue()
    {
        Assert.Equal(string.Empty, default(AmazonOrderId).Value);
    }
}
