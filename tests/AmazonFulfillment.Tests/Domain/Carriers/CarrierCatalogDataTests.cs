using System.Text;
using AmazonFulfillment.Domain;
using static AmazonFulfillment.Tests.Domain.Carriers.CarrierCatalogTests;

namespace AmazonFulfillment.Tests.Domain.Carriers;

/// <summary>The shipped data file, a host's own catalog, and carriers added on top of the default.</summary>
public class CarrierCatalogDataTests
{
    private const string Small = """
        {
          "source": "Test list",
          "asOf": "2025-03-04",
          "formats": [ { "id": "s10-ca", "description": "a UPU S10 number ending in CA", "patterns": [ "[A-Z]{2}[0-9]{9}CA" ] } ],
          "marketplaces": [
            { "id": "A2EUQ1WTGCTBG2", "carriers": [ { "code": "Canada Post", "names": [ "Postes Canada" ], "formats": [ "s10-ca" ] } ] }
          ]
        }
        """;

    [Fact]
    public void Default_EmbeddedFile_ParsesWithSourceDateAndEveryRequiredMarketplace()
    {
        var catalog = CarrierCatalog.Default;

        Assert.Same(catalog, CarrierCatalog.Default);
        Assert.Contains("amzn-base._TTH_.xsd", catalog.Source, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 12, 2), catalog.AsOf);
        Assert.Subset(catalog.Marketplaces.ToHashSet(), new HashSet<MarketplaceId> { Us, Ca, Uk, De, Fr, It, Es, Jp });
        Assert.All(catalog.Marketplaces, m => Assert.NotEmpty(catalog.CarriersFor(m)));
    }

    [Fact]
    public void Default_EveryReferencedFormat_Exists()
    {
        var catalog = CarrierCatalog.Default;
        var formats = catalog.TrackingFormats.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);

        foreach (var marketplace in catalog.Marketplaces.Cast<MarketplaceId?>().Append(null))
        {
            Assert.All(catalog.CarriersFor(marketplace).SelectMany(c => c.TrackingFormats), id => Assert.Contains(id, formats));
        }

        Assert.Subset(formats, new HashSet<string> { "ups", "usps", "fedex", "dhl-express", "dhl-paket", "royal-mail", "la-poste", "japan-post", "yamato", "amazon-logistics" });
    }

    [Fact]
    public void Default_EmbeddedResource_ParsesTheSameThroughParse()
    {
        using var stream = typeof(CarrierCatalog).Assembly.GetManifestResourceStream(CarrierCatalog.ResourceName)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var parsed = CarrierCatalog.Parse(reader.ReadToEnd());

        Assert.Equal(CarrierCatalog.Default.Marketplaces.Select(m => m.Value), parsed.Marketplaces.Select(m => m.Value));
        Assert.Equal(CarrierCatalog.Default.CarriersFor(null).Select(c => c.Code), parsed.CarriersFor(null).Select(c => c.Code));
    }

    [Fact]
    public void Parse_HostCatalog_ReplacesTheDefault()
    {
        var catalog = CarrierCatalog.Parse(Small);

        Assert.Equal("Test list", catalog.Source);
        Assert.Equal(new DateOnly(2025, 3, 4), catalog.AsOf);
        Assert.Equal(new CarrierCheck("Canada Post", null, true, null), catalog.Check(Ca, "postes canada", null, "RR123456789CA"));
        Assert.Equal("trackingNumber", catalog.Check(Ca, "Canada Post", null, "RR123456789US").Problem?.Field);
        Assert.Equal("carrierCode", catalog.Check(Ca, "UPS", null, "1Z999AA10123456784").Problem?.Field);
    }

    [Fact]
    public void Load_HostCatalogStream_Reads()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Small));

        Assert.Equal([Ca.Value], CarrierCatalog.Load(stream).Marketplaces.Select(m => m.Value));
    }

    [Fact]
    public void WithCarrier_NewCarrier_AddedOnTopOfDefaultWhichIsUnchanged()
    {
        var catalog = CarrierCatalog.Default
            .WithTrackingFormat(new TrackingFormat("s10-ca", "a UPU S10 number ending in CA", ["[A-Z]{2}[0-9]{9}CA"]))
            .WithCarrier(Us, new CarrierEntry("Canada Post", ["Postes Canada"], ["s10-ca"]));

        Assert.Equal("Canada Post", catalog.Check(Us, "Other", "Postes Canada", "RR123456789CA").CarrierCode);
        Assert.Equal("trackingNumber", catalog.Check(Us, "Canada Post", null, "123").Problem?.Field);
        Assert.Equal("carrierCode", CarrierCatalog.Default.Check(Us, "Postes Canada", null, "RR123456789CA").Problem?.Field);
        Assert.Equal(catalog.CarriersFor(Us).Length, CarrierCatalog.Default.CarriersFor(Us).Length);
    }

    [Fact]
    public void WithCarrier_SameCode_ReplacesTheCarrier()
    {
        var catalog = CarrierCatalog.Default.WithCarrier(Us, new CarrierEntry("UPS", ["Brown"]));

        Assert.Equal(new CarrierCheck("UPS", null, true, null), catalog.Check(Us, "brown", null, "1Z12"));
        Assert.Equal("trackingNumber", CarrierCatalog.Default.Check(Us, "UPS", null, "1Z12").Problem?.Field);
    }

    [Fact]
    public void WithCarrier_NewMarketplace_GetsItsOwnList()
    {
        var brazil = MarketplaceId.Parse("A2Q3Y263D00KWC");
        var catalog = CarrierCatalog.Default.WithCarrier(brazil, new CarrierEntry("Correios"));

        Assert.Equal(["Correios"], catalog.CarriersFor(brazil).Select(c => c.Code));
        Assert.Equal("carrierCode", catalog.Check(brazil, "UPS", null, "1Z999AA10123456784").Problem?.Field);
    }

    [Fact]
    public void WithCarrier_BadCarrier_ArgumentExceptionNamingIt()
    {
        var catalog = CarrierCatalog.Default;

        Assert.Equal("marketplace", Assert.ThrowsAny<ArgumentException>(() => catalog.WithCarrier(default, new CarrierEntry("UPS"))).ParamName);
        Assert.Equal("carrier", Assert.ThrowsAny<ArgumentException>(() => catalog.WithCarrier(Us, null!)).ParamName);
        Assert.Equal("carrier", Assert.ThrowsAny<ArgumentException>(() => catalog.WithCarrier(Us, new CarrierEntry("Acme", null, ["nope"]))).ParamName);
        Assert.Equal("carrier", Assert.ThrowsAny<ArgumentException>(() => catalog.WithCarrier(Us, new CarrierEntry("Acme", ["ups"]))).ParamName);
        var spelled = Assert.ThrowsAny<ArgumentException>(() => catalog.WithCarrier(Us, new CarrierEntry("ROYAL MAIL")));
        Assert.Equal("carrier", spelled.ParamName);
        Assert.Equal("format", Assert.ThrowsAny<ArgumentException>(() => catalog.WithTrackingFormat(null!)).ParamName);
    }

    [Fact]
    public void CarrierEntry_BadArguments_ArgumentExceptionNamingThem()
    {
        Assert.Equal("code", Assert.ThrowsAny<ArgumentException>(() => new CarrierEntry(" ")).ParamName);
        Assert.Equal("code", Assert.ThrowsAny<ArgumentException>(() => new CarrierEntry(" other ")).ParamName);
        Assert.Equal("names", Assert.ThrowsAny<ArgumentException>(() => new CarrierEntry("UPS", [""])).ParamName);
        Assert.Equal("trackingFormats", Assert.ThrowsAny<ArgumentException>(() => new CarrierEntry("UPS", null, [" "])).ParamName);
    }

    [Theory]
    [InlineData(null, "blank")]
    [InlineData("  ", "blank")]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "$ must be a JSON object")]
    [InlineData("""{"asOf":"2025-01-01","marketplaces":[]}""", "$.source is required")]
    [InlineData("""{"source":"s","asOf":"01/02/2025","marketplaces":[]}""", "$.asOf '01/02/2025' is not a date")]
    [InlineData("""{"source":"s","asOf":"2025-01-01"}""", "$.marketplaces is required")]
    [InlineData("""{"source":"s","asOf":"2025-01-01","marketplaces":[{"id":"not an id!","carriers":[]}]}""", "$.marketplaces[0].id")]
    [InlineData("""{"source":"s","asOf":"2025-01-01","marketplaces":[{"id":"X1","carriers":[{"names":[]}]}]}""", "$.marketplaces[0].carriers[0].code is required")]
    [InlineData("""{"source":"s","asOf":"2025-01-01","marketplaces":[{"id":"X1","carriers":[{"code":"Other"}]}]}""", "$.marketplaces[0].carriers[0]")]
    [InlineData("""{"source":"s","asOf":"2025-01-01","marketplaces":[{"id":"X1","carriers":[{"code":"UPS","formats":["ups"]}]}]}""", "tracking format 'ups'")]
    [InlineData("""{"source":"s","asOf":"2025-01-01","marketplaces":[{"id":"X1","carriers":[{"code":"UPS"},{"code":"ups"}]}]}""", "listed twice")]
    [InlineData("""{"source":"s","asOf":"2025-01-01","marketplaces":[{"id":"X1","carriers":[{"code":"UPS"}]},{"id":"X2","carriers":[{"code":"Ups"}]}]}""", "spelled 'UPS' elsewhere")]
    [InlineData("""{"source":"s","asOf":"2025-01-01","formats":[{"id":"f","description":"d","patterns":["("]}],"marketplaces":[]}""", "$.formats[0]")]
    public void Parse_BadCatalog_ArgumentExceptionNamingJsonAndPath(string? json, string expected)
    {
        var thrown = Assert.ThrowsAny<ArgumentException>(() => CarrierCatalog.Parse(json!));

        Assert.Equal("json", thrown.ParamName);
        Assert.Contains(expected, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadStream_ArgumentExceptionNamingStream()
    {
        Assert.Equal("stream", Assert.ThrowsAny<ArgumentException>(() => CarrierCatalog.Load(null!)).ParamName);
        Assert.Equal("stream", Assert.ThrowsAny<ArgumentException>(() => CarrierCatalog.Load(new MemoryStream())).ParamName);
        Assert.Equal("stream", Assert.ThrowsAny<ArgumentException>(() => CarrierCatalog.Load(new MemoryStream("{"u8.ToArray()))).ParamName);
    }
}
