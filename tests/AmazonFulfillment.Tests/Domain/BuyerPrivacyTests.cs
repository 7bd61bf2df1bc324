using AmazonFulfillment.Domain;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Tests.Domain;

/// <summary>Guarantee 14: buyer data never appears in text that may reach logs or exception messages.</summary>
public class BuyerPrivacyTests
{
    private static readonly string[] Personal =
    [
        SpApi.BuyerEmail, SpApi.BuyerName, "2201 WESTLAKE AVE", "SEATTLE", "98121-2778", "480-386-0930",
    ];

    [Fact]
    public void BuyerInfo_ToString_NeverPrintsPersonalData()
    {
        var text = new BuyerInfo(SpApi.BuyerEmail, SpApi.BuyerName).ToString();

        AssertNoPersonalData(text);
        Assert.Contains("[redacted]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippingAddress_ToString_PrintsOnlyCountry()
    {
        var text = SpApi.Address.ToString();

        AssertNoPersonalData(text);
        Assert.Contains("US", text, StringComparison.Ordinal);
    }

    [Fact]
    public void BuyerInfo_BadEmail_ExceptionDoesNotEchoIt()
    {
        var thrown = Assert.Throws<ArgumentException>(() => new BuyerInfo("not-an-email MFNIntegrationTestMerchant", null));

        Assert.DoesNotContain("MFNIntegrationTestMerchant", thrown.Message, StringComparison.Ordinal);
        Assert.Equal("BuyerEmail", BuyerInfo.TryCreate("nope", null).Field);
    }

    [Fact]
    public void BuyerInfo_BlankValues_Absent()
    {
        var buyer = new BuyerInfo("  ", " ");

        Assert.Null(buyer.Email);
        Assert.Null(buyer.Name);
    }

    [Fact]
    public void OrderAndEffects_ToString_NeverPrintPersonalData()
    {
        var b = OrderBuilder.Mfn(s => s.CustomerCreation = CustomerCreation.CreateAccount).Observe(AmazonOrderStatus.Unshipped).RunEffects(out var ran);

        AssertNoPersonalData(b.Order!.ToString());
        foreach (var effect in ran)
        {
            AssertNoPersonalData(effect.ToString());
        }

        foreach (var input in b.Inputs)
        {
            AssertNoPersonalData(input.ToString());
        }
    }

    private static void AssertNoPersonalData(string text)
    {
        foreach (var value in Personal)
        {
            Assert.DoesNotContain(value, text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
