using AmazonFulfillment.Domain;
using static AmazonFulfillment.Tests.Domain.Carriers.CarrierCatalogTests;

namespace AmazonFulfillment.Tests.Domain.Carriers;

/// <summary>Every tracking format of the shipped catalog, with real-looking numbers it accepts and refuses.</summary>
public class TrackingFormatTests
{
    private static readonly CarrierCatalog Catalog = CarrierCatalog.Default;

    public static TheoryData<string, string, string> Accepted() => new()
    {
        // UPS: 1Z + 16 letters or digits; spaces and lower case are ignored.
        { Us.Value, "UPS", "1Z999AA10123456784" },
        { Us.Value, "UPS", "1z 999 aa1 0123 4567 84" },
        { De.Value, "UPS", "1Z12345E0205271688" },
        // USPS: 20-22 digits starting 9, 420 + ZIP + IMpb, S10 ending US.
        { Us.Value, "USPS", "9400111899223344556677" },
        { Us.Value, "USPS", "9205590164917312751089" },
        { Us.Value, "USPS", "94001118992233445566" },
        { Us.Value, "USPS", "420902109400111899223344556677" },
        { Us.Value, "USPS", "4209021012349400111899223344556677" },
        { Us.Value, "USPS", "EA123456789US" },
        // FedEx: 12, 15, 20 or 22 digits; SmartPost also takes USPS numbers.
        { Us.Value, "FedEx", "123456789012" },
        { Us.Value, "FedEx", "123456789012345" },
        { Us.Value, "FedEx", "61299998820821171811" },
        { Us.Value, "FedEx", "9612019123456789012345" },
        { Us.Value, "FedEx SmartPost", "9274899992136003571286" },
        { Jp.Value, "FEDEX_JP", "771234567890" },
        // DHL Express: 10 or 11 digits, or JJD + digits.
        { Us.Value, "DHL", "1234567890" },
        { Uk.Value, "DHL Express", "12345678901" },
        { Fr.Value, "DHL", "JJD000390007751234567" },
        // DHL Paket / Deutsche Post: 12, 14 or 20 digits, JJD + digits, S10 ending DE.
        { De.Value, "DHL-Paket", "340434188193" },
        { De.Value, "DHL-Paket", "12345678901234" },
        { De.Value, "DHL-Paket", "00340434161094042557" },
        { De.Value, "Deutsche Post", "JJD000390007751234567" },
        { De.Value, "Deutsche Post", "RR123456789DE" },
        { De.Value, "DHL", "340434188193" },
        { De.Value, "DHL", "1234567890" },
        // Royal Mail: S10 ending GB.
        { Uk.Value, "Royal Mail", "AB123456789GB" },
        { Uk.Value, "Royal Mail", "ab 123 456 789 gb" },
        // Parcelforce: the layouts on its own tracking page.
        { Uk.Value, "Parcelforce", "AA1234567" },
        { Uk.Value, "Parcelforce", "AAAA1234567890" },
        { Uk.Value, "Parcelforce", "123456789012" },
        { Uk.Value, "Parcelforce", "EE123456789GB" },
        // La Poste / Colissimo: S10 ending FR, or digit-letter-11 digits.
        { Fr.Value, "Colissimo", "6A12345678901" },
        { Fr.Value, "La Poste", "RR123456789FR" },
        { Fr.Value, "Coliposte", "8R12345678901" },
        // Japan Post: 11 to 13 digits, S10 ending JP.
        { Jp.Value, "Japan Post", "12345678901" },
        { Jp.Value, "Japan Post", "123456789012" },
        { Jp.Value, "Japan Post", "1234567890123" },
        { Jp.Value, "Japan Post", "EJ123456789JP" },
        // Yamato: 12 digits.
        { Jp.Value, "YamatoTransport", "123456789012" },
        { Jp.Value, "YAMATO", "4567 8901 2345" },
        // Amazon Logistics / Amazon Shipping (US and Canada): TBA, TBC or TBM + 12 digits.
        { Us.Value, "AMZL", "TBA303786418000" },
        { Us.Value, "Amazon Shipping", "TBA123456789012" },
        { Ca.Value, "AMZL", "TBC123456789012" },
        { Ca.Value, "Amazon Shipping", "TBM123456789012" },
        // Carriers without a known format are not checked.
        { Us.Value, "OnTrac", "C11111111111111" },
        { It.Value, "BRT", "anything" },
        { Es.Value, "Correos", "PQ4B3Y0712345670128001N" },
    };

    public static TheoryData<string, string, string> Refused() => new()
    {
        { Us.Value, "UPS", "1Z12" },
        { Us.Value, "UPS", "1Z999AA1012345678" },
        { Us.Value, "UPS", "123456789012" },
        { Us.Value, "USPS", "8400111899223344556677" },
        { Us.Value, "USPS", "9400111899" },
        { Us.Value, "USPS", "EA123456789GB" },
        { Us.Value, "USPS", "1Z999AA10123456784" },
        { Us.Value, "FedEx", "1234567890123" },
        { Us.Value, "FedEx", "12345678901A" },
        { Us.Value, "FedEx SmartPost", "1Z999AA10123456784" },
        { Us.Value, "DHL", "123456789" },
        { Us.Value, "DHL", "1Z999AA10123456784" },
        { De.Value, "DHL-Paket", "RR123456789GB" },
        { De.Value, "DHL-Paket", "1234567890123" },
        { De.Value, "Deutsche Post", "12345" },
        { Uk.Value, "Royal Mail", "AB123456789DE" },
        { Uk.Value, "Royal Mail", "1234567890123456" },
        { Uk.Value, "Royal Mail", "A123456789GB" },
        { Uk.Value, "Parcelforce", "A1234567" },
        { Fr.Value, "Colissimo", "6A1234567890" },
        { Fr.Value, "La Poste", "RR123456789DE" },
        { Jp.Value, "Japan Post", "1234567890" },
        { Jp.Value, "Japan Post", "EJ123456789US" },
        { Jp.Value, "YamatoTransport", "12345678901" },
        { Jp.Value, "YAMATO", "1234567890123" },
        { Us.Value, "AMZL", "TBA12345" },
        { Us.Value, "AMZL", "TBX123456789012" },
        { Ca.Value, "Amazon Shipping", "1Z999AA10123456784" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Check_NumberWithCarriersLayout_Accepted(string marketplace, string carrier, string number)
    {
        var check = Catalog.Check(MarketplaceId.Parse(marketplace), carrier, null, number);

        Assert.Null(check.Problem);
        Assert.Equal(carrier, check.CarrierCode);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Check_NumberWithoutCarriersLayout_ProblemOnTrackingNumber(string marketplace, string carrier, string number)
    {
        var check = Catalog.Check(MarketplaceId.Parse(marketplace), carrier, null, number);

        Assert.Equal("trackingNumber", check.Problem?.Field);
        Assert.Equal(carrier, check.CarrierCode);
        Assert.Contains($"'{number}' does not look like a {carrier} tracking number", check.Problem!.Reason, StringComparison.Ordinal);
        Assert.EndsWith("; check the number, or ship with the right carrier.", check.Problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UpsNumberTooShort_ReasonSaysTheLayout()
    {
        var check = Catalog.Check(Us, "UPS", null, " 1Z12 ");

        Assert.Equal(
            "'1Z12' does not look like a UPS tracking number (1Z followed by 16 letters or digits); check the number, or ship with the right carrier.",
            check.Problem?.Reason);
    }

    [Fact]
    public void Check_CarrierWithTwoFormats_ReasonListsBoth()
    {
        var reason = Catalog.Check(De, "DHL", null, "12345").Problem?.Reason;

        Assert.Contains("12, 14 or 20 digits", reason, StringComparison.Ordinal);
        Assert.Contains(", or 10 or 11 digits", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_HugeNumber_RefusedAndQuotedShort()
    {
        var check = Catalog.Check(Us, "UPS", null, "1Z" + new string('9', 5000));

        Assert.Equal("trackingNumber", check.Problem?.Field);
        Assert.True(check.Problem!.Reason.Length < 300);
    }

    [Theory]
    [InlineData("1z999aa10123456784", true)]
    [InlineData(" 1Z 999AA1 0123456784\t", true)]
    [InlineData("1Z999AA1012345678", false)]
    [InlineData("", false)]
    public void Matches_NormalisesCaseAndSpaces(string number, bool expected)
    {
        var ups = Assert.Single(Catalog.TrackingFormats, f => f.Id == "ups");

        Assert.Equal(expected, ups.Matches(number));
        Assert.Equal("1Z999AA10123456784", TrackingFormat.Normalize(" 1z 999aa1\t0123456784 "));
    }

    [Fact]
    public void TrackingFormat_BadArguments_ArgumentExceptionNamingThem()
    {
        Assert.Equal("id", Assert.ThrowsAny<ArgumentException>(() => new TrackingFormat(" ", "d", ["[0-9]{3}"])).ParamName);
        Assert.Equal("description", Assert.ThrowsAny<ArgumentException>(() => new TrackingFormat("x", "", ["[0-9]{3}"])).ParamName);
        Assert.Equal("patterns", Assert.ThrowsAny<ArgumentException>(() => new TrackingFormat("x", "d", [])).ParamName);
        Assert.Equal("patterns", Assert.ThrowsAny<ArgumentException>(() => new TrackingFormat("x", "d", ["("])).ParamName);
        Assert.Equal("patterns", Assert.ThrowsAny<ArgumentException>(() => new TrackingFormat("x", "d", null!)).ParamName);
        Assert.Equal("trackingNumber", Assert.ThrowsAny<ArgumentException>(() => TrackingFormat.Normalize(null!)).ParamName);
    }
}
