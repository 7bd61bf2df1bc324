using AmazonFulfillment.Domain;
using AmazonFulfillment.Tests.Support;

namespace AmazonFulfillment.Tests.Mutation;

/// <summary>
/// The text rules of the identifiers Amazon sends (guarantees 12 and 18: bad input is refused with a reason naming
/// the field): lengths at their limits, white space, and the characters each identifier may hold.
/// </summary>
public class IdentifierRulesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    public void MarketplaceId_OneToTwentyLettersAndDigits_Valid(int length)
    {
        var text = new string('A', length - 1) + "1";

        var id = MarketplaceId.TryCreate(text);

        Assert.True(id.IsValid);
        Assert.Equal(text, id.Value.Value);
        Assert.Equal(text, id.Value.ToString());
    }

    [Theory]
    [InlineData("ATVPDKIKX0DER12345678", "is longer than 20 characters.")]
    [InlineData(" ATVPDKIKX0DER", "has leading or trailing white space.")]
    [InlineData("ATVPDKIKX0DER ", "has leading or trailing white space.")]
    [InlineData("ATVP-DKIKX0DER", "'ATVP-DKIKX0DER' may contain only ASCII letters and digits.")]
    [InlineData("   ", "is required.")]
    public void MarketplaceId_NotAnIdentifier_RefusedWithReason(string text, string reason)
    {
        var id = MarketplaceId.TryCreate(text, "marketplaceId");

        Assert.False(id.IsValid);
        Assert.Equal("marketplaceId", id.Field);
        Assert.Equal(reason, id.Error);
    }

    [Fact]
    public void MarketplaceId_Parse_ThrowsNamingTheField()
    {
        var ex = Assert.Throws<ArgumentException>(() => MarketplaceId.Parse("ATVP DKIKX0DER"));

        Assert.Equal("MarketplaceId", ex.ParamName);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(1)]
    public void Sku_UpToFortyPrintableCharacters_Valid(int length)
    {
        var text = "x" + new string('-', length - 1);

        var sku = Sku.TryCreate(text);

        Assert.True(sku.IsValid);
        Assert.Equal(text, sku.Value.Value);
        Assert.Equal(text, sku.Value.ToString());
    }

    [Fact]
    public void Sku_MayHoldSpacesAndPunctuationInside()
    {
        Assert.True(Sku.TryCreate("NA Beta/ASIN_B00551Q3CS.1").IsValid);
    }

    [Theory]
    [InlineData("SKU\u0001", "'SKU\u0001' may contain only printable characters.")]
    [InlineData("\tSKU", "has leading or trailing white space.")]
    [InlineData("", "is required.")]
    public void Sku_NotPrintableOrPadded_RefusedWithReason(string text, string reason)
    {
        var sku = Sku.TryCreate(text);

        Assert.False(sku.IsValid);
        Assert.Equal("SellerSKU", sku.Field);
        Assert.Equal(reason, sku.Error);
    }

    [Fact]
    public void Sku_FortyOneCharacters_Refused()
    {
        var sku = Sku.TryCreate(new string('S', 41));

        Assert.Equal("is longer than 40 characters.", sku.Error);
        Assert.Throws<ArgumentException>(() => Sku.Parse(new string('S', 41)));
    }

    [Fact]
    public void OrderItemId_UpToFiftyLettersAndDigits()
    {
        Assert.True(OrderItemId.TryCreate(new string('7', 50)).IsValid);
        Assert.Equal("is longer than 50 characters.", OrderItemId.TryCreate(new string('7', 51)).Error);
        Assert.Equal(SpApi.ItemId, OrderItemId.Parse(SpApi.ItemId).ToString());
    }

    [Fact]
    public void OrderItemId_Punctuation_RefusedNamingTheField()
    {
        var id = OrderItemId.TryCreate("0501-5851154158", "items.orderItemId");

        Assert.Equal("items.orderItemId", id.Field);
        Assert.Equal("'0501-5851154158' may contain only ASCII letters and digits.", id.Error);
    }

    [Fact]
    public void DefaultIdentifiers_HaveEmptyValues()
    {
        Assert.Equal(string.Empty, default(MarketplaceId).Value);
        Assert.Equal(string.Empty, default(Sku).Value);
        Assert.Equal(string.Empty, default(OrderItemId).Value);
        Assert.Equal(string.Empty, default(Money).Currency);
    }

    [Fact]
    public void LongBadInput_IsQuotedTruncatedToFortyCharacters()
    {
        var text = new string('1', 45) + "-";

        var id = OrderItemId.TryCreate(text);

        Assert.Equal($"'{new string('1', 40)}…' may contain only ASCII letters and digits.", id.Error);
    }

    [Fact]
    public void BadInputOfFortyCharacters_IsQuotedWhole()
    {
        var text = new string('1', 39) + "-";

        Assert.Equal($"'{text}' may contain only ASCII letters and digits.", OrderItemId.TryCreate(text).Error);
    }

    [Fact]
    public void AmazonOrderId_DashesOnlyAtTheirPlaces()
    {
        Assert.False(AmazonOrderId.TryCreate("902-18459365-435065").IsValid);
        Assert.False(AmazonOrderId.TryCreate("90218-45936-5435065").IsValid);
        Assert.False(AmazonOrderId.TryCreate("902-1845936-5435-65").IsValid);
        Assert.Equal("'902-1845936-5435-65' is not an Amazon order id (3-7-7 digits).", AmazonOrderId.TryCreate("902-1845936-5435-65").Error);
    }

    [Fact]
    public void AmazonOrderId_TryParse_ReportsValidity()
    {
        Assert.True(AmazonOrderId.TryParse(SpApi.MfnOrderId, out var id));
        Assert.Equal(SpApi.MfnOrderId, id.Value);
        Assert.False(AmazonOrderId.TryParse("902-1845936-543506", out var none));
        Assert.Equal(default, none);
    }

    [Fact]
    public void AmazonOrderId_OrdersOrdinally()
    {
        var low = AmazonOrderId.Parse("111-0000000-0000000");
        var high = AmazonOrderId.Parse("902-1845936-5435065");

        Assert.True(low < high);
        Assert.False(high < low);
        Assert.True(high > low);
        Assert.False(low > high);
        Assert.True(low <= high);
        Assert.True(low <= AmazonOrderId.Parse("111-0000000-0000000"));
        Assert.False(high <= low);
        Assert.True(high >= low);
        Assert.True(high >= AmazonOrderId.Parse("902-1845936-5435065"));
        Assert.False(low >= high);
        Assert.Equal(0, low.CompareTo(AmazonOrderId.Parse("111-0000000-0000000")));
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("999999999999999999", 999999999999999999)]
    public void PackageReferenceId_PositiveIntegerUpToEighteenDigits(string text, long value)
    {
        var id = PackageReferenceId.TryCreate(text);

        Assert.True(id.IsValid);
        Assert.Equal(value, id.Value.Value);
        Assert.Equal(text, id.Value.ToString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1000000000000000000")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("5.0")]
    public void PackageReferenceId_NotAPositiveInteger_Refused(string text)
    {
        var id = PackageReferenceId.TryCreate(text);

        Assert.False(id.IsValid);
        Assert.Equal("packageReferenceId", id.Field);
        Assert.Equal($"'{text}' is not a positive integer.", id.Error);
    }

    [Fact]
    public void PackageReferenceId_From_OnlyPositive()
    {
        Assert.Equal(1, PackageReferenceId.From(1).Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => PackageReferenceId.From(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PackageReferenceId.From(-1));
    }

    [Fact]
    public void PackageReferenceId_OrdersNumerically()
    {
        var two = PackageReferenceId.Parse("2");
        var ten = PackageReferenceId.Parse("10");

        Assert.True(two < ten);
        Assert.False(ten < two);
        Assert.True(ten > two);
        Assert.False(two > ten);
        Assert.True(two <= ten);
        Assert.True(two <= PackageReferenceId.From(2));
        Assert.False(ten <= two);
        Assert.True(ten >= two);
        Assert.True(ten >= PackageReferenceId.From(10));
        Assert.False(two >= ten);
        Assert.True(two.CompareTo(ten) < 0);
        Assert.True(ten.CompareTo(two) > 0);
    }
}
