namespace AmazonFulfillment.Testing.SellingPartner;

/// <summary>An order line in the fake Amazon.</summary>
/// <param name="OrderItemId">The order item id (Amazon's <c>OrderItemId</c>, 14 digits).</param>
/// <param name="Sku">The seller SKU.</param>
/// <param name="QuantityOrdered">The units ordered, at least 1.</param>
/// <param name="UnitPrice">The price of one unit.</param>
public sealed record FakeOrderItem(string OrderItemId, string Sku, int QuantityOrdered, decimal UnitPrice)
{
    /// <summary>Gets the units shipped so far.</summary>
    public int QuantityShipped { get; init; }

    /// <summary>Gets whether the buyer asked to cancel this item.</summary>
    public bool BuyerRequestedCancel { get; init; }
}

/// <summary>An order in the fake Amazon. Statuses use the v0 spelling (<c>Pending</c>, <c>Unshipped</c>, <c>PartiallyShipped</c>, <c>Shipped</c>, <c>Canceled</c>, <c>Unfulfillable</c>).</summary>
/// <param name="AmazonOrderId">The order id, 3-7-7 digits.</param>
/// <param name="Status">The v0 order status.</param>
/// <param name="MerchantFulfilled"><see langword="true"/> for MFN, <see langword="false"/> for AFN (FBA).</param>
/// <param name="Items">The lines.</param>
public sealed record FakeOrder(string AmazonOrderId, string Status, bool MerchantFulfilled, IReadOnlyList<FakeOrderItem> Items)
{
    /// <summary>Gets the marketplace, or <see langword="null"/> for the fake's default.</summary>
    public string? MarketplaceId { get; init; }

    /// <summary>Gets the currency of the prices.</summary>
    /// <value>Default: USD.</value>
    public string Currency { get; init; } = "USD";

    /// <summary>Gets the buyer's email, given only with a restricted data token.</summary>
    public string? BuyerEmail { get; init; }

    /// <summary>Gets the buyer's name, given only with a restricted data token.</summary>
    public string? BuyerName { get; init; }

    /// <summary>Gets when the order was placed; the fake's now when <see langword="null"/>.</summary>
    public DateTimeOffset? PurchaseDate { get; init; }

    /// <summary>Gets when the order last changed; set by the fake on every change.</summary>
    public DateTimeOffset LastUpdateDate { get; init; }
}

/// <summary>A fault the fake injects into the next calls of an operation.</summary>
public enum FakeFault
{
    /// <summary>HTTP 500 InternalFailure.</summary>
    ServerError,

    /// <summary>HTTP 503 ServiceUnavailable.</summary>
    ServiceUnavailable,

    /// <summary>HTTP 429 QuotaExceeded, whatever the bucket holds.</summary>
    Throttle,

    /// <summary>The answer comes after a delay (then normally).</summary>
    Slow,

    /// <summary>The connection is dropped without an answer.</summary>
    DropConnection,
}

/// <summary>One request the fake received. The access token is logged for tests of token use; the fake logs no client secret.</summary>
/// <param name="At">When it arrived (the fake's clock).</param>
/// <param name="Operation">The operation's model name, such as <c>getOrderItems</c>, or <c>lwaToken</c>, <c>uploadFeedDocument</c>, <c>downloadDocument</c>, <c>unknown</c>.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path.</param>
/// <param name="Query">The query parameters.</param>
/// <param name="AccessToken">The <c>x-amz-access-token</c> header, if any.</param>
/// <param name="ContentType">The <c>Content-Type</c> header, if any.</param>
/// <param name="Body">The body, if any (the LWA token request's is not kept).</param>
/// <param name="Status">The HTTP status answered (0 for a dropped connection).</param>
public sealed record FakeAmazonRequest(
    DateTimeOffset At,
    string Operation,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    string? AccessToken,
    string? ContentType,
    string? Body,
    int Status);
