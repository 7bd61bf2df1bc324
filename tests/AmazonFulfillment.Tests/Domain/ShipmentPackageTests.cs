using AmazonFulfillment.Domain;
using AmazonFulfillment.Tests.Support;

namespace AmazonFulfillment.Tests.Domain;

/// <summary>Values from the confirmShipment sandbox request.</summary>
public class ShipmentPackageTests
{
    private const string OrderId = "902-1106328-1059050";
    private static readonly DateTimeOffset ShipDate = new(2022, 2, 11, 1, 0, 0, TimeSpan.Zero);
    private static readonly PackageItem[] Items = [new(OrderItemId.Parse(SpApi.ConfirmShipmentItemId), 1)];

    [Fact]
    public void TryCreate_SandboxRequest_Valid()
    {
        var package = ShipmentPackage.TryCreate(OrderId, "1", "FedEx", "FedEx", "FedEx Ground", "112345678901", ShipDate, Items);

        Assert.True(package.IsValid);
        Assert.Equal(PackageReferenceId.From(1), package.Value.PackageReferenceId);
        Assert.Equal("112345678901", package.Value.TrackingNumber);
    }

    [Theory]
    [InlineData("902-1106328", "1", "FedEx", null, "112345678901", "amazonOrderId")]
    [InlineData(OrderId, "0", "FedEx", null, "112345678901", "packageReferenceId")]
    [InlineData(OrderId, "-1", "FedEx", null, "112345678901", "packageReferenceId")]
    [InlineData(OrderId, "pkg-1", "FedEx", null, "112345678901", "packageReferenceId")]
    [InlineData(OrderId, "1", "", null, "112345678901", "carrierCode")]
    [InlineData(OrderId, "1", "  ", null, "112345678901", "carrierCode")]
    [InlineData(OrderId, "1", "Other", null, "112345678901", "carrierName")]
    [InlineData(OrderId, "1", "Other", " ", "112345678901", "carrierName")]
    [InlineData(OrderId, "1", "FedEx", null, "", "trackingNumber")]
    [InlineData(OrderId, "1", "FedEx", null, "   ", "trackingNumber")]
    public void TryCreate_BadField_InvalidNamingField(string orderId, string reference, string carrierCode, string? carrierName, string tracking, string field)
    {
        var package = ShipmentPackage.TryCreate(orderId, reference, carrierCode, carrierName, null, tracking, ShipDate, Items);

        Assert.False(package.IsValid);
        Assert.Equal(field, package.Field);
    }

    [Fact]
    public void Ship_CarrierOtherWithoutName_Refused()
    {
        var package = ShipmentPackage.TryCreate(OrderId, "1", "Other", null, null, "112345678901", ShipDate, Items);

        Assert.False(package.IsValid);
        Assert.Equal("carrierName", package.Field);
        var thrown = Assert.Throws<ArgumentException>(() => package.OrThrow());
        Assert.Equal("carrierName", thrown.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void TryCreate_QuantityNotPositive_InvalidNamingField(int quantity)
    {
        var package = ShipmentPackage.TryCreate(OrderId, "1", "FedEx", null, null, "112345678901", ShipDate, [new PackageItem(OrderItemId.Parse(SpApi.ConfirmShipmentItemId), quantity)]);

        Assert.False(package.IsValid);
        Assert.Equal("items.quantity", package.Field);
    }

    [Fact]
    public void TryCreate_NoItems_InvalidNamingField()
    {
        Assert.Equal("items", ShipmentPackage.TryCreate(OrderId, "1", "FedEx", null, null, "112345678901", ShipDate, []).Field);
        Assert.Equal("items", ShipmentPackage.TryCreate(OrderId, "1", "FedEx", null, null, "112345678901", ShipDate, null).Field);
    }

    [Fact]
    public void TryCreate_SameItemTwice_InvalidNamingField()
    {
        var item = new PackageItem(OrderItemId.Parse(SpApi.ConfirmShipmentItemId), 1);

        Assert.Equal("items.orderItemId", ShipmentPackage.TryCreate(OrderId, "1", "FedEx", null, null, "112345678901", ShipDate, [item, item]).Field);
    }

    [Fact]
    public void SameContentAs_SameValues_True()
    {
        var a = ShipmentPackage.TryCreate(OrderId, "1", "FedEx", "FedEx", "FedEx Ground", "112345678901", ShipDate, Items).Value;
        var b = ShipmentPackage.TryCreate(OrderId, "1", "FedEx", "FedEx", "FedEx Ground", "112345678901", ShipDate, Items.ToList()).Value;
        var c = ShipmentPackage.TryCreate(OrderId, "1", "FedEx", "FedEx", "FedEx Ground", "112345678902", ShipDate, Items).Value;

        Assert.True(a.SameContentAs(b));
        Assert.False(a.SameContentAs(c));
    }
}
