using AmazonFulfillment.Domain;

namespace AmazonFulfillment.SellingPartner.Tests.OrdersV0;

public sealed class OrdersV0ReaderRestrictedDataTests
{
    private const string File = "v0_getOrderBuyerInfo_and_getOrderAddress_responses_RDT.json";

    [Fact]
    public void ReadGetOrderBuyerInfoResponse_Example_MapsEmailAndName()
    {
        var result = OrdersV0Reader.ReadGetOrderBuyerInfoResponse(Payloads.Example(File).GetProperty("getOrderBuyerInfo"));

        Assert.Equal(AmazonOrderId.Parse("902-1845936-5435065"), result.AmazonOrderId);
        Assert.Equal("fzyrv6gwkhbb15c@example.com", result.Buyer!.Email);
        Assert.Equal("MFNIntegrationTestMerchant", result.Buyer.Name);
    }

    [Fact]
    public void ReadGetOrderAddressResponse_Example_MapsAddress()
    {
        var result = OrdersV0Reader.ReadGetOrderAddressResponse(Payloads.Example(File).GetProperty("getOrderAddress").GetRawText());

        Assert.Equal(AmazonOrderId.Parse("902-1845936-5435065"), result.AmazonOrderId);
        Assert.Equal(
            new ShippingAddress("MFNIntegrationTestMerchant", "2201 WESTLAKE AVE", null, null, "SEATTLE", "WA", "98121-2778", "US", "+1 480-386-0930 ext. 73824"),
            result.ShippingAddress);
    }

    [Fact]
    public void ToString_RestrictedResponses_RedactsBuyerData()
    {
        var example = Payloads.Example(File);
        var text = OrdersV0Reader.ReadGetOrderBuyerInfoResponse(example.GetProperty("getOrderBuyerInfo")) + " "
            + OrdersV0Reader.ReadGetOrderAddressResponse(example.GetProperty("getOrderAddress"));

        Assert.DoesNotContain("fzyrv6gwkhbb15c", text, StringComparison.Ordinal);
        Assert.DoesNotContain("MFNIntegrationTestMerchant", text, StringComparison.Ordinal);
        Assert.DoesNotContain("WESTLAKE", text, StringComparison.Ordinal);
        Assert.Contains("902-1845936-5435065", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadGetOrderBuyerInfoResponse_NoEmailNoName_GivesNoBuyer()
    {
        var result = OrdersV0Reader.ReadGetOrderBuyerInfoResponse("""{"payload":{"AmazonOrderId":"902-1845936-5435065"}}""");

        Assert.Null(result.Buyer);
    }
}
