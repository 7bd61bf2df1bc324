using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Tests.Support;

/// <summary>Values taken from Amazon's SP-API sandbox payloads, so tests read like real orders.</summary>
public static class SpApi
{
    /// <summary>The MFN order of the getOrderItems / buyer-info sandbox responses.</summary>
    public const string MfnOrderId = "902-1845936-5435065";

    /// <summary>The AFN (FBA) order of the getOrder sandbox response (Amazon.de, Shipped).</summary>
    public const string FbaOrderId = "921-3175655-0452641";

    /// <summary>The line of the getOrderItems sandbox response.</summary>
    public const string ItemId = "05015851154158";

    /// <summary>A second sandbox order item id.</summary>
    public const string SecondItemId = "68828574383266";

    /// <summary>The item id of the confirmShipment sandbox request.</summary>
    public const string ConfirmShipmentItemId = "79039765272157";

    /// <summary>The SKU of the getOrderItems sandbox response.</summary>
    public const string Sku = "NABetaASINB00551Q3CS";

    /// <summary>A second SKU.</summary>
    public const string SecondSku = "NABetaASINB00551Q3CT";

    /// <summary>The (anonymized) buyer email of the getOrderBuyerInfo sandbox response.</summary>
    public const string BuyerEmail = "fzyrv6gwkhbb15c@example.com";

    /// <summary>The buyer name of the getOrderBuyerInfo sandbox response.</summary>
    public const string BuyerName = "MFNIntegrationTestMerchant";

    /// <summary>Amazon.com.</summary>
    public const string MarketplaceUs = "ATVPDKIKX0DER";

    /// <summary>Gets the shipping address of the getOrderAddress sandbox response.</summary>
    public static ShippingAddress Address { get; } =
        new(BuyerName, "2201 WESTLAKE AVE", null, null, "SEATTLE", "WA", "98121-2778", "US", "+1 480-386-0930 ext. 73824");

    /// <summary>Parses an SP-API money object (a decimal string and a currency code).</summary>
    /// <param name="amount">The amount as SP-API writes it, such as <c>"10.00"</c>.</param>
    /// <param name="currency">The currency code.</param>
    /// <returns>The money value.</returns>
    public static Money Money(string amount, string currency = "USD") => AmazonFulfillment.Domain.Money.TryParse(amount, currency).Value;
}
