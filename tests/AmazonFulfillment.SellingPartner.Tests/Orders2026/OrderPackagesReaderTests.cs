namespace AmazonFulfillment.SellingPartner.Tests.Orders2026;

/// <summary>getOrder with <c>includedData=PACKAGES</c>: the packages Amazon holds, read back to verify confirmations.</summary>
public sealed class OrderPackagesReaderTests
{
    // Amazon's getOrder example (Orders 2026-01-01 model), the order's identity and its package as Amazon writes them.
    private const string GetOrderExample = """
        {"order":{"orderId":"202-1234567-8901234","createdTime":"2024-12-24T18:30:00Z","lastUpdatedTime":"2024-12-26T14:00:00Z",
         "packages":[{"packageReferenceId":"UK-PKG-2024-001","createdTime":"2024-12-25T16:45:00Z",
           "packageStatus":{"status":"IN_TRANSIT","detailedStatus":"OUT_FOR_DELIVERY"},"carrier":"Royal Mail",
           "shipTime":"2024-12-26T14:00:00Z","shippingService":"Royal Mail Tracked 48","trackingNumber":"RR123456789GB",
           "packageItems":[{"orderItemId":"20212345678901","quantity":3}]}]}}
        """;

    [Fact]
    public void ReadGetOrderPackages_AmazonsExample_ReadsThePackageReferenceIds()
    {
        Assert.Equal("UK-PKG-2024-001", Assert.Single(Orders2026Reader.ReadGetOrderPackages(GetOrderExample)));
    }

    [Theory]
    [InlineData("""{"order":{"orderId":"202-1234567-8901234"}}""")]
    [InlineData("""{"order":{"orderId":"202-1234567-8901234","packages":[]}}""")]
    public void ReadGetOrderPackages_NoPackages_HoldsNone(string json)
    {
        Assert.Empty(Orders2026Reader.ReadGetOrderPackages(json));
    }

    [Theory]
    [InlineData("""{"order":{"packages":[{"carrier":"UPS"}]}}""", "order.packages[0].packageReferenceId")]
    [InlineData("""{"order":{"packages":[{"packageReferenceId":"1"},{"packageReferenceId":"  "}]}}""", "order.packages[1].packageReferenceId")]
    [InlineData("""{"order":{"packages":[{"packageReferenceId":7}]}}""", "order.packages[0].packageReferenceId")]
    [InlineData("""{"order":{"packages":["1"]}}""", "order.packages[0]")]
    [InlineData("""{"order":{"packages":{"packageReferenceId":"1"}}}""", "order.packages")]
    [InlineData("""{"orders":[]}""", "order")]
    public void ReadGetOrderPackages_WhatCannotBeRead_IsRefusedNamingTheField(string json, string field)
    {
        var error = Assert.Throws<SellingPartnerFormatException>(() => Orders2026Reader.ReadGetOrderPackages(json));

        Assert.Equal(field, error.Field);
    }
}
