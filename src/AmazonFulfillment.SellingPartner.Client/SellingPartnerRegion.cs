namespace AmazonFulfillment.SellingPartner.Client;

/// <summary>The SP-API region a seller account lives in; each has its own endpoint.</summary>
public enum SellingPartnerRegion
{
    /// <summary>North America (<c>sellingpartnerapi-na.amazon.com</c>): US, CA, MX, BR.</summary>
    NorthAmerica,

    /// <summary>Europe (<c>sellingpartnerapi-eu.amazon.com</c>): Europe, the Middle East, India, Africa.</summary>
    Europe,

    /// <summary>Far East (<c>sellingpartnerapi-fe.amazon.com</c>): JP, AU, SG.</summary>
    FarEast,
}

/// <summary>Which Orders API the client reads orders with.</summary>
public enum OrdersApiVersion
{
    /// <summary>Orders 2026-01-01 (<c>searchOrders</c>, <c>getOrder</c>, items included): the default, since the v0 read operations are being retired.</summary>
    V20260101,

    /// <summary>Orders v0 (<c>getOrders</c>, <c>getOrder</c>, <c>getOrderItems</c>).</summary>
    V0,
}

/// <summary>The SP-API and Login with Amazon endpoints.</summary>
public static class SellingPartnerEndpoints
{
    /// <summary>Gets Login with Amazon's token endpoint, <c>https://api.amazon.com/auth/o2/token</c>.</summary>
    public static Uri LoginWithAmazon { get; } = new("https://api.amazon.com/auth/o2/token");

    /// <summary>Gets the SP-API endpoint of a region.</summary>
    /// <param name="region">The region.</param>
    /// <param name="sandbox">Whether to use the region's sandbox (the same host prefixed with <c>sandbox.</c>).</param>
    /// <returns>The endpoint, such as <c>https://sellingpartnerapi-eu.amazon.com</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="region"/> is not a defined region.</exception>
    public static Uri For(SellingPartnerRegion region, bool sandbox = false)
    {
        var code = region switch
        {
            SellingPartnerRegion.NorthAmerica => "na",
            SellingPartnerRegion.Europe => "eu",
            SellingPartnerRegion.FarEast => "fe",
            _ => throw ProblemCodes.Attach(ProblemCodes.UsageInvalidArgument, new ArgumentOutOfRangeException(nameof(region), region, "Not an SP-API region.")),
        };
        return new Uri($"https://{(sandbox ? "sandbox." : string.Empty)}sellingpartnerapi-{code}.amazon.com");
    }
}
