namespace AmazonFulfillment.Testing.SellingPartner;

/// <summary>A usage plan of the fake: a token bucket refilled at <paramref name="RequestsPerSecond"/> holding <paramref name="Burst"/> requests.</summary>
/// <param name="RequestsPerSecond">The rate, more than zero.</param>
/// <param name="Burst">The bucket's size, at least 1.</param>
public readonly record struct FakeRateLimit(double RequestsPerSecond, int Burst);

/// <summary>How the fake Amazon behaves. Defaults follow Amazon's documentation.</summary>
public sealed class FakeAmazonOptions
{
    /// <summary>Gets or sets the LWA client id the token endpoint accepts.</summary>
    /// <value>Default: <c>amzn1.application-oa2-client.fake</c>.</value>
    public string ClientId { get; set; } = "amzn1.application-oa2-client.fake";

    /// <summary>Gets or sets the LWA client secret the token endpoint accepts.</summary>
    /// <value>Default: <c>fake-client-secret</c>.</value>
    public string ClientSecret { get; set; } = "fake-client-secret";

    /// <summary>Gets or sets the seller's refresh token the token endpoint accepts.</summary>
    /// <value>Default: <c>Atzr|fake-refresh-token</c>.</value>
    public string RefreshToken { get; set; } = "Atzr|fake-refresh-token";

    /// <summary>Gets or sets the seller id, expected as the feeds' <c>MerchantIdentifier</c>.</summary>
    /// <value>Default: <c>A2FAKESELLER</c>.</value>
    public string SellerId { get; set; } = "A2FAKESELLER";

    /// <summary>Gets or sets the marketplace new orders are placed in.</summary>
    /// <value>Default: <c>ATVPDKIKX0DER</c> (Amazon.com).</value>
    public string MarketplaceId { get; set; } = "ATVPDKIKX0DER";

    /// <summary>Gets or sets how long an access token lives (<c>expires_in</c>).</summary>
    /// <value>Default: 1 hour, as Amazon's.</value>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the most orders per page of getOrders and searchOrders (a smaller <c>maxResultsPerPage</c> wins).</summary>
    /// <value>Default: 100.</value>
    public int OrdersPageSize { get; set; } = 100;

    /// <summary>Gets or sets the most items per page of getOrderItems.</summary>
    /// <value>Default: 100.</value>
    public int OrderItemsPageSize { get; set; } = 100;

    /// <summary>Gets or sets how long a page token is accepted; an older one answers 400 InvalidInput.</summary>
    /// <value>Default: 5 minutes.</value>
    public TimeSpan PageTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets whether requests beyond an operation's usage plan answer 429 QuotaExceeded.</summary>
    /// <value>Default: <see langword="true"/>.</value>
    public bool EnforceRateLimits { get; set; } = true;

    /// <summary>Gets the usage plans that replace Amazon's documented ones, by operation name (<c>getOrderItems</c>, <c>searchOrders</c>, …).</summary>
    public IDictionary<string, FakeRateLimit> RateLimits { get; } = new Dictionary<string, FakeRateLimit>(StringComparer.Ordinal);

    /// <summary>Gets or sets how long after createFeed a feed is processed (answered DONE by getFeed).</summary>
    /// <value>Default: zero (processed when first asked).</value>
    public TimeSpan FeedProcessingTime { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Gets or sets whether processing reports are stored GZIP-compressed, as Amazon may store them: getFeedDocument then
    /// answers <c>compressionAlgorithm</c> <c>GZIP</c> and the download is the compressed bytes.
    /// </summary>
    /// <value>Default: <see langword="false"/> (uncompressed XML).</value>
    public bool CompressReports { get; set; }
}
