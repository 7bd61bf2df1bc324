using System.Collections.Frozen;

namespace AmazonFulfillment.SellingPartner.Client;

/// <summary>An SP-API operation's usage plan: a token bucket refilled at <paramref name="RequestsPerSecond"/> holding at most <paramref name="Burst"/> requests.</summary>
/// <param name="RequestsPerSecond">The rate, in requests per second, more than zero (such as 0.0167 for <c>getOrders</c>).</param>
/// <param name="Burst">The bucket's size, at least 1.</param>
public readonly record struct SellingPartnerRateLimit(double RequestsPerSecond, int Burst)
{
    /// <summary>Gets the time one request's token takes to come back.</summary>
    public TimeSpan Interval => TimeSpan.FromSeconds(1 / RequestsPerSecond);
}

/// <summary>The SP-API operations the client calls, by their model names, and Amazon's documented usage plans.</summary>
public static class SellingPartnerOperations
{
    /// <summary>Orders v0 <c>getOrders</c>.</summary>
    public const string GetOrders = "getOrders";

    /// <summary>Orders v0 <c>getOrder</c>.</summary>
    public const string GetOrderV0 = "getOrder";

    /// <summary>Orders v0 <c>getOrderItems</c>.</summary>
    public const string GetOrderItems = "getOrderItems";

    /// <summary>Orders v0 <c>confirmShipment</c>.</summary>
    public const string ConfirmShipment = "confirmShipment";

    /// <summary>Orders 2026-01-01 <c>searchOrders</c>.</summary>
    public const string SearchOrders = "searchOrders";

    /// <summary>Orders 2026-01-01 <c>getOrder</c>.</summary>
    public const string GetOrder2026 = "getOrder (2026-01-01)";

    /// <summary>Feeds <c>createFeedDocument</c>.</summary>
    public const string CreateFeedDocument = "createFeedDocument";

    /// <summary>Feeds <c>createFeed</c>.</summary>
    public const string CreateFeed = "createFeed";

    /// <summary>Feeds <c>getFeed</c>.</summary>
    public const string GetFeed = "getFeed";

    /// <summary>Feeds <c>getFeedDocument</c>.</summary>
    public const string GetFeedDocument = "getFeedDocument";

    /// <summary>Tokens <c>createRestrictedDataToken</c>.</summary>
    public const string CreateRestrictedDataToken = "createRestrictedDataToken";

    /// <summary>Gets Amazon's documented rate and burst of each operation.</summary>
    public static IReadOnlyDictionary<string, SellingPartnerRateLimit> DocumentedRateLimits { get; } = new Dictionary<string, SellingPartnerRateLimit>(StringComparer.Ordinal)
    {
        [GetOrders] = new(0.0167, 20),
        [GetOrderV0] = new(0.5, 30),
        [GetOrderItems] = new(0.5, 30),
        [ConfirmShipment] = new(2, 10),
        [SearchOrders] = new(0.0056, 20),
        [GetOrder2026] = new(0.5, 30),
        [CreateFeedDocument] = new(0.5, 15),
        [CreateFeed] = new(0.0083, 15),
        [GetFeed] = new(2, 15),
        [GetFeedDocument] = new(0.0222, 10),
        [CreateRestrictedDataToken] = new(1, 10),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
