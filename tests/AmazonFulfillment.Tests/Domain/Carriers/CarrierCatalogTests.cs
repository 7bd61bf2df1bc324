using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Tests.Domain.Carriers;

/// <summary>The carrier rules: Amazon's spelling, Other with a listed carrier, unknown codes, unknown marketplaces, bad input.</summary>
public class CarrierCatalogTests
{
    internal static readonly MarketplaceId Us = MarketplaceId.Parse("ATVPDKIKX0DER");
    internal static readonly MarketplaceId Ca = MarketplaceId.Parse("A2EUQ1WTGCTBG2");
    internal static readonly MarketplaceId Uk = MarketplaceId.Parse("A1F83G8C2ARO7P");
    internal static readonly MarketplaceId De = MarketplaceId.Parse("A1PA6795UKMFR9");
    internal static readonly MarketplaceId Fr = MarketplaceId.Parse("A13V1IB3VIYZZH");
    internal static readonly MarketplaceId It = MarketplaceId.Parse("APJ6JRA9NG5V4");
    internal static readonly MarketplaceId Es = MarketplaceId.Parse("A1RKKUPIHCS9HS");
    internal static readonly MarketplaceId Jp = MarketplaceId.Parse("A1VC38T7YXB528");
    private static readonly MarketplaceId Brazil = MarketplaceId.Parse("A2Q3Y263D00KWC");
    private static readonly CarrierCatalog Catalog = CarrierCatalog.Default;

    public static TheoryData<string, string, string> OtherWithListedName()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var marketplace in Catalog.Marketplaces)
        {
            foreach (var carrier in Catalog.CarriersFor(marketplace))
            {
                foreach (var text in carrier.Names.Prepend(carrier.Code))
                {
                    data.Add(marketplace.Value, text, carrier.Code);
                }
            }
        }

        return data;
    }

    [Theory]
    [InlineData("ups", "UPS")]
    [InlineData("UPS", "UPS")]
    [InlineData("  fedex ", "FedEx")]
    [InlineData("FEDEX SMARTPOST", "FedEx SmartPost")]
    [InlineData("United Parcel Service", "UPS")]
    [InlineData("u.s. postal service", "USPS")]
    [InlineData("Amazon Logistics", "AMZL")]
    [InlineData("ontrac", "OnTrac")]
    [InlineData("on-trac", "OnTrac")]
    public void Check_ListedCodeOrNameAnyCase_SendsAmazonsSpelling(string given, string expected)
    {
        var check = Catalog.Check(Us, given, null, "1Z999AA10123456784");

        Assert.Equal(expected, check.CarrierCode);
        Assert.Null(check.CarrierName);
        Assert.Equal(expected != given.Trim(), check.Mapped);
        Assert.NotEqual("carrierCode", check.Problem?.Field);
    }

    [Fact]
    public void Check_ExactCode_NotMapped()
    {
        var check = Catalog.Check(Us, " UPS ", "United Parcel Service", "1Z999AA10123456784");

        Assert.Equal(new CarrierCheck("UPS", null, false, null), check);
        Assert.True(check.IsValid);
    }

    [Theory]
    [InlineData("dhl paket", "DHL-Paket")]
    [InlineData("DHL.Paket", "DHL-Paket")]
    [InlineData("deutsche post dhl", "Deutsche Post")]
    [InlineData("go! express", "GO!")]
    [InlineData("kuehne+nagel", "Kuehne+Nagel")]
    public void Check_Germany_SpacesHyphensDotsIgnored(string given, string expected)
    {
        Assert.Equal(expected, Catalog.Check(De, given, null, "00340434161094042557").CarrierCode);
    }

    [Theory]
    [InlineData("Other", "Royal Mail", "Royal Mail")]
    [InlineData("other", "royal mail", "Royal Mail")]
    [InlineData(" OTHER ", "RoyalMail", "Royal Mail")]
    [InlineData("Other", "Evri", "Hermes UK")]
    [InlineData("Other", "ups", "UPS")]
    [InlineData("Other", "Parcelforce Worldwide", "Parcelforce")]
    public void Check_OtherWithListedCarrierName_MappedToThatCarrier(string code, string name, string expected)
    {
        var check = Catalog.Check(Uk, code, name, "AB123456789GB");

        Assert.Equal(expected, check.CarrierCode);
        Assert.Null(check.CarrierName);
        Assert.True(check.Mapped);
    }

    [Theory]
    [MemberData(nameof(OtherWithListedName))]
    public void Check_OtherWithAnyListedCodeOrName_NeverStaysOther(string marketplace, string name, string expected)
    {
        var check = Catalog.Check(MarketplaceId.Parse(marketplace), "Other", name, "1Z999AA10123456784");

        Assert.Equal(expected, check.CarrierCode);
        Assert.Null(check.CarrierName);
        Assert.NotEqual("carrierCode", check.Problem?.Field);
    }

    [Fact]
    public void Check_OtherWithListedNameAndBadNumber_MappedAndNumberRefused()
    {
        var check = Catalog.Check(Uk, "Other", "Royal Mail", "1234");

        Assert.Equal("Royal Mail", check.CarrierCode);
        Assert.Equal("trackingNumber", check.Problem?.Field);
    }

    [Fact]
    public void Check_OtherWithUnlistedName_StaysOtherWithoutTrackingCheck()
    {
        var check = Catalog.Check(Us, "other", " Acme Couriers ", "anything at all");

        Assert.Equal(new CarrierCheck("Other", "Acme Couriers", true, null), check);
        Assert.False(Catalog.Check(Us, "Other", "Acme Couriers", "x").Mapped);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Check_OtherWithoutName_ProblemOnCarrierName(string? name)
    {
        var check = Catalog.Check(Us, "Other", name, "1Z999AA10123456784");

        Assert.Equal("Other", check.CarrierCode);
        Assert.Equal("carrierName", check.Problem?.Field);
        Assert.Contains("required when carrierCode is Other", check.Problem!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MisspelledCode_ProblemOnCarrierCodeWithCloseMatchesAndOther()
    {
        var check = Catalog.Check(Uk, "Royal Mial", null, "AB123456789GB");

        Assert.False(check.IsValid);
        Assert.Equal("carrierCode", check.Problem!.Field);
        Assert.Equal("Royal Mial", check.CarrierCode);
        Assert.Contains("did you mean 'Royal Mail'", check.Problem.Reason, StringComparison.Ordinal);
        Assert.Contains("carrierCode Other with the carrier's name in carrierName", check.Problem.Reason, StringComparison.Ordinal);
        Assert.Contains(Uk.Value, check.Problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnknownCode_KeepsWhatWasGivenAndSaysToUseOther()
    {
        var check = Catalog.Check(Us, "Acme", "Acme Couriers", "123");

        Assert.Equal(new CarrierCheck("Acme", "Acme Couriers", false, check.Problem), check);
        Assert.Equal("carrierCode", check.Problem!.Field);
        Assert.DoesNotContain("did you mean", check.Problem.Reason, StringComparison.Ordinal);
        Assert.Contains("Other", check.Problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CodeListedOnlyForAnotherMarketplace_ProblemSaysWhere()
    {
        var check = Catalog.Check(Us, "royal mail", null, "AB123456789GB");

        Assert.Equal("carrierCode", check.Problem?.Field);
        Assert.Contains("Amazon lists 'Royal Mail' for other marketplaces", check.Problem!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnknownOrNoMarketplace_UsesUnionOfAllLists()
    {
        Assert.Equal("Royal Mail", Catalog.Check(null, "royal mail", null, "AB123456789GB").CarrierCode);
        Assert.Equal("YamatoTransport", Catalog.Check(Brazil, "Yamato Transport", null, "123456789012").CarrierCode);
        Assert.Equal("DHL-Paket", Catalog.Check(default(MarketplaceId), "Other", "DHL Paket", "340434188193").CarrierCode);
        Assert.Equal(Catalog.CarriersFor(null), Catalog.CarriersFor(Brazil));
    }

    [Theory]
    [InlineData("340434188193")]
    [InlineData("1234567890")]
    public void Check_UnionCarrier_AcceptsEveryMarketplacesFormat(string number)
    {
        Assert.True(Catalog.Check(null, "DHL", null, number).IsValid);
    }

    [Fact]
    public void CarriersFor_Union_ListsEachCodeOnceWithAllNamesAndFormats()
    {
        var union = Catalog.CarriersFor(null);

        Assert.Equal(union.Length, union.Select(c => c.Code).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var dhl = Assert.Single(union, c => c.Code == "DHL");
        Assert.Equal(["dhl-express", "dhl-paket"], dhl.TrackingFormats.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Check_BlankCarrierCode_ArgumentExceptionNamingIt(string? code)
    {
        var thrown = Assert.ThrowsAny<ArgumentException>(() => Catalog.Check(Us, code!, null, "1Z999AA10123456784"));

        Assert.Equal("carrierCode", thrown.ParamName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\t")]
    public void Check_BlankTrackingNumber_ArgumentExceptionNamingIt(string? number)
    {
        var thrown = Assert.ThrowsAny<ArgumentException>(() => Catalog.Check(Us, "UPS", null, number!));

        Assert.Equal("trackingNumber", thrown.ParamName);
    }
}
