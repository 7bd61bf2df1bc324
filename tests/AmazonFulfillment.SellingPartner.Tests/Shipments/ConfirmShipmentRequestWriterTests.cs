using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AmazonFulfillment.Domain;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AmazonFulfillment.SellingPartner.Tests.Shipments;

public sealed partial class ConfirmShipmentRequestWriterTests
{
    private const string File = "v0_confirmShipment_request.json";
    private static readonly MarketplaceId Us = MarketplaceId.Parse("ATVPDKIKX0DER");

    [Fact]
    public void CreateBody_AcceptedExampleValues_MatchesAcceptedBody()
    {
        var accepted = Payloads.ExampleNode(File)["success_204"]!;
        var expected = accepted["body"]!.DeepClone().AsObject();

        // Transparency codes and the supply source are not part of the domain's package.
        var expectedDetail = expected["packageDetail"]!.AsObject();
        expectedDetail.Remove("shipFromSupplySourceId");
        expectedDetail["orderItems"]![0]!.AsObject().Remove("transparencyCodes");

        var body = ConfirmShipmentRequestWriter.CreateBody(AcceptedPackage(), Us);

        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
        Assert.Equal(Names(expected), Names(body));
        Assert.Equal(Names(expectedDetail), Names(body["packageDetail"]!.AsObject()));
        Assert.Equal(accepted["orderId"]!.GetValue<string>(), AcceptedPackage().AmazonOrderId.Value);
    }

    [Fact]
    public void WriteBody_AcceptedExampleValues_WritesCompactJsonOfTheSameBody()
    {
        var text = ConfirmShipmentRequestWriter.WriteBody(AcceptedPackage(), Us);

        Assert.True(JsonNode.DeepEquals(ConfirmShipmentRequestWriter.CreateBody(AcceptedPackage(), Us), JsonNode.Parse(text)));
        Assert.StartsWith("""{"marketplaceId":"ATVPDKIKX0DER","packageDetail":{"packageReferenceId":"1","carrierCode":"FedEx",""", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestPath_Order_IsShipmentConfirmationPath()
    {
        Assert.Equal(
            "/orders/v0/orders/902-1106328-1059050/shipmentConfirmation",
            ConfirmShipmentRequestWriter.RequestPath(AmazonOrderId.Parse("902-1106328-1059050")));
    }

    [Fact]
    public void CreateBody_OtherCarrierWithoutShippingMethod_WritesCarrierNameAndOmitsMethod()
    {
        var package = ShipmentPackage.Create(
            AmazonOrderId.Parse("902-1106328-1059050"),
            PackageReferenceId.From(42),
            "Other",
            "Local Courier",
            null,
            "LC-1",
            new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.FromHours(2)),
            [new PackageItem(OrderItemId.Parse("1"), 2), new PackageItem(OrderItemId.Parse("2"), 1)]);

        var detail = ConfirmShipmentRequestWriter.CreateBody(package, Us)["packageDetail"]!.AsObject();

        Assert.Equal(["packageReferenceId", "carrierCode", "carrierName", "trackingNumber", "shipDate", "orderItems"], Names(detail));
        Assert.Equal("42", detail["packageReferenceId"]!.GetValue<string>());
        Assert.Equal("Local Courier", detail["carrierName"]!.GetValue<string>());
        Assert.Equal("2024-03-01T08:00:00.000Z", detail["shipDate"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""[{"orderItemId":"1","quantity":2},{"orderItemId":"2","quantity":1}]"""),
            detail["orderItems"]));
    }

    [Fact]
    public void CreateBody_DefaultMarketplace_ThrowsNamingParameter()
    {
        var error = Assert.Throws<ArgumentException>(() => ConfirmShipmentRequestWriter.CreateBody(AcceptedPackage(), default));

        Assert.Equal("marketplaceId", error.ParamName);
    }

    [Fact]
    public void CreateBody_NullPackage_ThrowsNamingParameter()
    {
        var error = Assert.Throws<ArgumentNullException>(() => ConfirmShipmentRequestWriter.CreateBody(null!, Us));

        Assert.Equal("package", error.ParamName);
    }

    [Fact]
    public void RefusedExample_ShipDate_IsNotIso8601()
    {
        var refused = Payloads.ExampleNode(File)["error_400"]!["body"]!["packageDetail"]!["shipDate"]!.GetValue<string>();

        Assert.Equal("02/21/2022", refused);
        Assert.DoesNotMatch(IsoUtcMilliseconds(), refused);
    }

    [Property(Arbitrary = [typeof(ShipDates)])]
    public bool CreateBody_AnyShipDate_WritesIso8601UtcThatRoundTrips(DateTimeOffset shipDate)
    {
        var package = ShipmentPackage.Create(
            AmazonOrderId.Parse("902-1106328-1059050"), PackageReferenceId.From(1), "UPS", null, null, "1Z", shipDate, [new PackageItem(OrderItemId.Parse("1"), 1)]);

        var written = ConfirmShipmentRequestWriter.CreateBody(package, Us)["packageDetail"]!["shipDate"]!.GetValue<string>();

        var parsed = DateTimeOffset.ParseExact(written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return IsoUtcMilliseconds().IsMatch(written)
            && parsed <= shipDate
            && shipDate - parsed < TimeSpan.FromMilliseconds(1);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoUtcMilliseconds();

    private static ShipmentPackage AcceptedPackage() => ShipmentPackage.Create(
        AmazonOrderId.Parse("902-1106328-1059050"),
        PackageReferenceId.Parse("1"),
        "FedEx",
        "FedEx",
        "FedEx Ground",
        "112345678",
        new DateTimeOffset(2022, 2, 11, 1, 0, 0, TimeSpan.Zero),
        [new PackageItem(OrderItemId.Parse("79039765272157"), 1)]);

    private static List<string> Names(JsonObject node) => [.. node.Select(p => p.Key)];

    /// <summary>Ship dates across years, sub-millisecond ticks and offsets from −12 h to +14 h.</summary>
    public static class ShipDates
    {
        public static Arbitrary<DateTimeOffset> DateTimeOffset() =>
            (from seconds in Gen.Choose(0, int.MaxValue)
             from ticks in Gen.Choose(0, (int)TimeSpan.TicksPerSecond - 1)
             from offsetMinutes in Gen.Choose(-12 * 4, 14 * 4)
             select new System.DateTimeOffset(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(seconds).AddTicks(ticks))
                 .ToOffset(TimeSpan.FromMinutes(offsetMinutes * 15)))
            .ToArbitrary();
    }
}
