using System.Globalization;

namespace AmazonFulfillment.SellingPartner.Client;

/// <summary>
/// How the client reaches a seller's account: the application's Login with Amazon credentials, the seller's refresh
/// token, the region and the marketplaces. Validated when the host starts, every problem in one message. The
/// credentials are never logged, never put in an exception and never shown by <see cref="ToString"/>.
/// </summary>
public sealed class SellingPartnerClientOptions
{
    /// <summary>Gets or sets the seller (merchant) id: the feeds' <c>MerchantIdentifier</c>, and the key of the rate limits.</summary>
    /// <value>Required.</value>
    public string SellerId { get; set; } = string.Empty;

    /// <summary>Gets or sets the application's LWA client id (<c>amzn1.application-oa2-client.…</c>).</summary>
    /// <value>Required.</value>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Gets or sets the application's LWA client secret. A credential: never logged.</summary>
    /// <value>Required.</value>
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>Gets or sets the seller's LWA refresh token (<c>Atzr|…</c>), given when the seller authorised the application. A credential: never logged.</summary>
    /// <value>Required.</value>
    public string RefreshToken { get; set; } = string.Empty;

    /// <summary>Gets or sets the seller's region.</summary>
    /// <value>Default: <see cref="SellingPartnerRegion.NorthAmerica"/>.</value>
    public SellingPartnerRegion Region { get; set; } = SellingPartnerRegion.NorthAmerica;

    /// <summary>Gets or sets whether to call the region's sandbox instead of production.</summary>
    /// <value>Default: <see langword="false"/>.</value>
    public bool UseSandbox { get; set; }

    /// <summary>Gets or sets an SP-API endpoint that replaces the region's (a fake Amazon in tests, a proxy).</summary>
    /// <value>An absolute URI, or <see langword="null"/> (the default) for the region's endpoint.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the Login with Amazon token endpoint.</summary>
    /// <value>An absolute URI. Default: <see cref="SellingPartnerEndpoints.LoginWithAmazon"/>.</value>
    public Uri TokenEndpoint { get; set; } = SellingPartnerEndpoints.LoginWithAmazon;

    /// <summary>Gets the marketplaces the seller sells in; orders are searched in these (<c>marketplaceIds</c>).</summary>
    /// <value>At least one, at most 50. Default: none.</value>
    public IList<string> MarketplaceIds { get; } = [];

    /// <summary>
    /// Gets or sets whether the application has the restricted role for buyer data (Direct-to-Consumer Shipping). When set,
    /// orders are read with a restricted data token and carry the buyer's email, name and address; otherwise they carry none
    /// and are imported as guest orders.
    /// </summary>
    /// <value>Default: <see langword="false"/>.</value>
    public bool HasRestrictedDataRole { get; set; }

    /// <summary>Gets or sets the Orders API orders are read with.</summary>
    /// <value>Default: <see cref="OrdersApiVersion.V20260101"/>.</value>
    public OrdersApiVersion OrdersApi { get; set; } = OrdersApiVersion.V20260101;

    /// <summary>Gets or sets how long one HTTP call may take before it counts as a transient failure.</summary>
    /// <value>Positive, at most 5 minutes. Default: 30 seconds.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long before its expiry an access token is refreshed.</summary>
    /// <value>Zero or more, less than 30 minutes. Default: 1 minute.</value>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets the usage plans that replace Amazon's documented ones (<see cref="SellingPartnerOperations.DocumentedRateLimits"/>),
    /// by operation name. The <c>x-amzn-RateLimit-Limit</c> header of each answer adjusts the rate afterwards.
    /// </summary>
    /// <value>Default: none (the documented plans).</value>
    public IDictionary<string, SellingPartnerRateLimit> RateLimits { get; } = new Dictionary<string, SellingPartnerRateLimit>(StringComparer.Ordinal);

    /// <summary>Gets or sets how many calls of one operation may wait for a rate-limit token; past it a call answers throttled at once.</summary>
    /// <value>At least 1. Default: 1,000.</value>
    public int MaxQueuedCalls { get; set; } = 1000;

    /// <summary>
    /// Gets or sets how long a cancellation waits for others to join its feed. <c>createFeed</c> allows about one feed per two
    /// minutes once its burst is spent, so cancellations that arrive together go in one feed.
    /// </summary>
    /// <value>Zero or more, at most 1 minute. Default: 2 seconds.</value>
    public TimeSpan CancellationBatchWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets the SP-API endpoint in use: <see cref="Endpoint"/>, or the region's (sandbox or production).</summary>
    public Uri EffectiveEndpoint => Endpoint ?? SellingPartnerEndpoints.For(Region, UseSandbox);

    /// <summary>Gets the usage plan of an operation: the configured one, or Amazon's documented one.</summary>
    /// <param name="operation">The operation's name (<see cref="SellingPartnerOperations"/>).</param>
    /// <returns>The plan; one request per second, burst 1, for an operation without one.</returns>
    public SellingPartnerRateLimit RateLimitOf(string operation) =>
        RateLimits.TryGetValue(operation, out var configured) ? configured
        : SellingPartnerOperations.DocumentedRateLimits.TryGetValue(operation, out var documented) ? documented
        : new SellingPartnerRateLimit(1, 1);

    /// <summary>Checks every setting.</summary>
    /// <returns>Every problem, one sentence each; empty when the options are valid. Never includes a credential.</returns>
    public IReadOnlyList<string> Validate()
    {
        (bool Broken, string Problem)[] rules =
        [
            Required(SellerId, nameof(SellerId), "the seller (merchant) id"),
            Required(ClientId, nameof(ClientId), "the application's LWA client id"),
            Required(ClientSecret, nameof(ClientSecret), "the application's LWA client secret"),
            Required(RefreshToken, nameof(RefreshToken), "the seller's LWA refresh token"),
            (!Enum.IsDefined(Region), $"{nameof(Region)} ({(int)Region}) is not a region: use NorthAmerica, Europe or FarEast."),
            (Endpoint is { IsAbsoluteUri: false }, $"{nameof(Endpoint)} must be an absolute URI."),
            (TokenEndpoint is null || !TokenEndpoint.IsAbsoluteUri, $"{nameof(TokenEndpoint)} must be an absolute URI."),
            (MarketplaceIds.Count is 0 or > 50 || MarketplaceIds.Any(string.IsNullOrWhiteSpace),
                $"{nameof(MarketplaceIds)} must list 1 to 50 marketplace ids (such as ATVPDKIKX0DER), none blank."),
            (!Enum.IsDefined(OrdersApi), $"{nameof(OrdersApi)} ({(int)OrdersApi}) is not an Orders API version: use V20260101 or V0."),
            (RequestTimeout <= TimeSpan.Zero || RequestTimeout > TimeSpan.FromMinutes(5),
                $"{nameof(RequestTimeout)} ({Show(RequestTimeout)}) must be positive and at most 5 minutes."),
            (TokenRefreshMargin < TimeSpan.Zero || TokenRefreshMargin >= TimeSpan.FromMinutes(30),
                $"{nameof(TokenRefreshMargin)} ({Show(TokenRefreshMargin)}) must be zero or more and less than 30 minutes."),
            (MaxQueuedCalls < 1, $"{nameof(MaxQueuedCalls)} ({MaxQueuedCalls}) must be at least 1."),
            (CancellationBatchWindow < TimeSpan.Zero || CancellationBatchWindow > TimeSpan.FromMinutes(1),
                $"{nameof(CancellationBatchWindow)} ({Show(CancellationBatchWindow)}) must be zero or more and at most 1 minute."),
        ];
        var rateLimits = RateLimits
            .Where(p => !(p.Value.RequestsPerSecond > 0) || double.IsInfinity(p.Value.RequestsPerSecond) || p.Value.Burst < 1)
            .Select(p => $"{nameof(RateLimits)}[{p.Key}] must have a positive rate and a burst of at least 1.");
        return [.. rules.Where(r => r.Broken).Select(r => r.Problem), .. rateLimits];

        static (bool Broken, string Problem) Required(string? value, string name, string what) =>
            (string.IsNullOrWhiteSpace(value), $"{name} is required: {what}.");
    }

    /// <summary>Describes the options without any credential: the endpoint, the seller and the marketplaces.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"SP-API {EffectiveEndpoint} (seller {SellerId}, marketplaces {string.Join(",", MarketplaceIds)}, Orders {(OrdersApi == OrdersApiVersion.V0 ? "v0" : "2026-01-01")})");

    private static string Show(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
