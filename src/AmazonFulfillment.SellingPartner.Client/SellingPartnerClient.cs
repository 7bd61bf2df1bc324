using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.SellingPartner.Client.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmazonFulfillment.SellingPartner.Client;

/// <summary>
/// The SP-API calls the sales channel makes for one seller, over <see cref="IHttpClientFactory"/>: orders (2026-01-01 or v0,
/// by <see cref="SellingPartnerClientOptions.OrdersApi"/>), order items, shipment confirmations, feeds and restricted data
/// tokens. Every call waits for its operation's rate-limit token and carries the seller's access token; every outcome is a
/// <see cref="PortResult"/> (429 throttled, 5xx and time-outs transient, other 4xx rejected with Amazon's code and message).
/// Answers are read with <see cref="OrdersV0Reader"/> and <see cref="Orders2026Reader"/>. Thread-safe; register one per seller.
/// </summary>
public sealed class SellingPartnerClient : IDisposable
{
    private const string V0Orders = "/orders/v0/orders";
    private const string V2026Orders = "/orders/2026-01-01/orders";
    private readonly SellingPartnerClientOptions _options;
    private readonly TimeProvider _time;
    private readonly AccessTokenSource _tokens;
    private readonly OperationRateLimiters _limiters;
    private readonly SellingPartnerTransport _transport;
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Until)> _restrictedTokens = new(StringComparer.Ordinal);

    /// <summary>Creates a client.</summary>
    /// <param name="httpClients">The HTTP client factory.</param>
    /// <param name="options">The validated options.</param>
    /// <param name="time">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">The logger; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClients"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem (never a credential).</exception>
    public SellingPartnerClient(IHttpClientFactory httpClients, IOptions<SellingPartnerClientOptions> options, TimeProvider? time = null, ILogger<SellingPartnerClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClients);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        Problems.ThrowIfAny(_options.Validate(), "SP-API client options", nameof(options), ProblemCodes.SettingsOptionsInvalid);

        _time = time ?? TimeProvider.System;
        ILogger log = logger ?? (ILogger)NullLogger.Instance;
        _tokens = new AccessTokenSource(httpClients, _options, _time, log);
        _limiters = new OperationRateLimiters(_options, _time, log);
        _transport = new SellingPartnerTransport(httpClients, _tokens, _limiters, _options, log);
    }

    /// <summary>Gets the options in use (their <see cref="SellingPartnerClientOptions.ToString"/> shows no credential).</summary>
    public SellingPartnerClientOptions Options => _options;

    /// <summary>Gets how many times an access token was fetched from Login with Amazon.</summary>
    public int AccessTokenRefreshes => _tokens.Refreshes;

    /// <summary>Gets the rate an operation is held to now: the seeded plan, adjusted by Amazon's <c>x-amzn-RateLimit-Limit</c>.</summary>
    /// <param name="operation">The operation (<see cref="SellingPartnerOperations"/>).</param>
    /// <returns>The plan.</returns>
    public SellingPartnerRateLimit CurrentRateLimit(string operation) => _limiters.RateOf(_options.SellerId, operation);

    internal SellingPartnerTransport Transport => _transport;

    internal OperationRateLimiters Limiters => _limiters;

    /// <summary>
    /// Reads one page of the orders updated in a window: 2026-01-01 <c>searchOrders</c> (items included) or v0 <c>getOrders</c>
    /// (without items). With the restricted role the page is read with a restricted data token and carries buyer data.
    /// </summary>
    /// <param name="lastUpdatedAfter">The window's lower bound.</param>
    /// <param name="lastUpdatedBefore">The window's upper bound, at least two minutes in the past.</param>
    /// <param name="pageToken">The previous page's token, or <see langword="null"/> for the first page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page, or a failure; a page Amazon sent that cannot be read is <see cref="PortStatus.Rejected"/> with the field.</returns>
    public async Task<PortResult<OrdersPage>> GetOrdersPageAsync(DateTimeOffset lastUpdatedAfter, DateTimeOffset lastUpdatedBefore, string? pageToken, CancellationToken cancellationToken = default)
    {
        var v0 = _options.OrdersApi == OrdersApiVersion.V0;
        var marketplaces = Uri.EscapeDataString(string.Join(",", _options.MarketplaceIds));
        var query = v0
            ? $"{V0Orders}?MarketplaceIds={marketplaces}&LastUpdatedAfter={Time(lastUpdatedAfter)}&LastUpdatedBefore={Time(lastUpdatedBefore)}&MaxResultsPerPage=100"
            : $"{V2026Orders}?marketplaceIds={marketplaces}&lastUpdatedAfter={Time(lastUpdatedAfter)}&lastUpdatedBefore={Time(lastUpdatedBefore)}&includedData={IncludedData()}&maxResultsPerPage=100";
        if (pageToken is not null)
        {
            query += (v0 ? "&NextToken=" : "&paginationToken=") + Uri.EscapeDataString(pageToken);
        }

        var restricted = await RestrictedTokenAsync(v0 ? V0Orders : V2026Orders, cancellationToken).ConfigureAwait(false);
        if (!restricted.IsSuccess)
        {
            return PortResult<OrdersPage>.From(restricted.WithoutValue());
        }

        var operation = v0 ? SellingPartnerOperations.GetOrders : SellingPartnerOperations.SearchOrders;
        var answer = await _transport.SendAsync(operation, HttpMethod.Get, query, null, cancellationToken, restricted.Value).ConfigureAwait(false);
        return answer.IsSuccess
            ? Read(operation, () => v0 ? OrdersV0Reader.ReadGetOrdersResponse(answer.Value!.Body) : Orders2026Reader.ReadSearchOrdersResponse(answer.Value!.Body))
            : PortResult<OrdersPage>.From(answer.WithoutValue());
    }

    /// <summary>Reads one order now (<c>getOrder</c>; 2026-01-01 includes its items), as an <c>ORDER_CHANGE</c> notification asks.</summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The order, or a failure.</returns>
    public async Task<PortResult<AmazonOrderSnapshot>> GetOrderAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default)
    {
        var v0 = _options.OrdersApi == OrdersApiVersion.V0;
        var id = Uri.EscapeDataString(amazonOrderId.Value);
        var path = v0 ? $"{V0Orders}/{id}" : $"{V2026Orders}/{id}?includedData={IncludedData()}";
        var restricted = await RestrictedTokenAsync(v0 ? $"{V0Orders}/{id}" : $"{V2026Orders}/{id}", cancellationToken).ConfigureAwait(false);
        if (!restricted.IsSuccess)
        {
            return PortResult<AmazonOrderSnapshot>.From(restricted.WithoutValue());
        }

        var operation = v0 ? SellingPartnerOperations.GetOrderV0 : SellingPartnerOperations.GetOrder2026;
        var answer = await _transport.SendAsync(operation, HttpMethod.Get, path, null, cancellationToken, restricted.Value).ConfigureAwait(false);
        return answer.IsSuccess
            ? Read(operation, () => v0 ? OrdersV0Reader.ReadGetOrderResponse(answer.Value!.Body) : Orders2026Reader.ReadGetOrderResponse(answer.Value!.Body))
            : PortResult<AmazonOrderSnapshot>.From(answer.WithoutValue());
    }

    /// <summary>
    /// Reads which packages Amazon holds for an order: 2026-01-01 <c>getOrder</c> with <c>includedData=PACKAGES</c> (merchant-fulfilled
    /// orders only; no restricted data, so no restricted data token), whatever <see cref="SellingPartnerClientOptions.OrdersApi"/> says.
    /// </summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The package reference ids as Amazon spells them, or a failure.</returns>
    public async Task<PortResult<ImmutableArray<string>>> GetOrderPackagesAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default)
    {
        var path = $"{V2026Orders}/{Uri.EscapeDataString(amazonOrderId.Value)}?includedData=PACKAGES";
        const string operation = SellingPartnerOperations.GetOrder2026;
        var answer = await _transport.SendAsync(operation, HttpMethod.Get, path, null, cancellationToken, null).ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            return PortResult<ImmutableArray<string>>.From(answer.WithoutValue());
        }

        // Package reference ids are small numbers per order: an answer about another order must not verify this one's packages.
        return AnsweredOrderId(answer.Value!.Body) is { } answered && answered != amazonOrderId.Value
            ? PortResult.Rejected($"{operation} for order {amazonOrderId} answered about order {(answered.Length <= 40 ? answered : answered[..40] + "…")}.")
            : Read(operation, () => Orders2026Reader.ReadGetOrderPackages(answer.Value!.Body));
    }

    /// <summary>Reads every page of an order's items (v0 <c>getOrderItems</c>, following <c>NextToken</c>).</summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The items of every page, or the first failure.</returns>
    public async Task<PortResult<ImmutableArray<AmazonOrderItem>>> GetOrderItemsAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default)
    {
        var items = ImmutableArray.CreateBuilder<AmazonOrderItem>();
        string? next = null;
        do
        {
            var path = $"{V0Orders}/{Uri.EscapeDataString(amazonOrderId.Value)}/orderItems" + (next is null ? string.Empty : "?NextToken=" + Uri.EscapeDataString(next));
            var answer = await _transport.SendAsync(SellingPartnerOperations.GetOrderItems, HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
            if (!answer.IsSuccess)
            {
                return PortResult<ImmutableArray<AmazonOrderItem>>.From(answer.WithoutValue());
            }

            var page = Read(SellingPartnerOperations.GetOrderItems, () => OrdersV0Reader.ReadGetOrderItemsResponse(answer.Value!.Body));
            if (!page.IsSuccess)
            {
                return PortResult<ImmutableArray<AmazonOrderItem>>.From(page.WithoutValue());
            }

            if (page.Value!.AmazonOrderId != amazonOrderId)
            {
                return PortResult.Rejected($"getOrderItems answered for order {page.Value.AmazonOrderId}, not {amazonOrderId}.");
            }

            items.AddRange(page.Value.Items);
            next = page.Value.NextToken;
        }
        while (next is not null);

        return PortResult<ImmutableArray<AmazonOrderItem>>.Ok(items.ToImmutable());
    }

    /// <summary>Confirms a package (v0 <c>confirmShipment</c>, the body of <see cref="ConfirmShipmentRequestWriter"/>).</summary>
    /// <param name="package">The package.</param>
    /// <param name="marketplaceId">The order's marketplace.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Success (HTTP 204), or a failure with Amazon's reason.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="package"/> is null.</exception>
    public async Task<PortResult> ConfirmShipmentAsync(ShipmentPackage package, MarketplaceId marketplaceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        var answer = await _transport.SendAsync(
            SellingPartnerOperations.ConfirmShipment,
            HttpMethod.Post,
            ConfirmShipmentRequestWriter.RequestPath(package.AmazonOrderId),
            ConfirmShipmentRequestWriter.WriteBody(package, marketplaceId),
            cancellationToken).ConfigureAwait(false);
        return answer.WithoutValue();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _limiters.Dispose();
        _tokens.Dispose();
    }

    internal async Task<PortResult<JsonElement>> CallJsonAsync(string operation, HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        var answer = await _transport.SendAsync(operation, method, path, body?.ToJsonString(), cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            return PortResult<JsonElement>.From(answer.WithoutValue());
        }

        try
        {
            using var document = JsonDocument.Parse(answer.Value!.Body);
            return PortResult<JsonElement>.Ok(document.RootElement.Clone());
        }
        catch (JsonException)
        {
            return PortResult.Transient($"{operation} answered a body that is not JSON.");
        }
    }

    internal static string Time(DateTimeOffset value) =>
        Uri.EscapeDataString(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    private string IncludedData() => _options.HasRestrictedDataRole ? "FULFILLMENT,PROCEEDS,BUYER,RECIPIENT" : "FULFILLMENT,PROCEEDS";

    /// <summary>A restricted data token for a path when the application has the role; otherwise none (orders come without buyer data).</summary>
    private async Task<PortResult<string?>> RestrictedTokenAsync(string path, CancellationToken cancellationToken)
    {
        if (!_options.HasRestrictedDataRole)
        {
            return PortResult<string?>.Ok(null);
        }

        var now = _time.GetUtcNow();
        if (_restrictedTokens.TryGetValue(path, out var cached) && now < cached.Until)
        {
            return PortResult<string?>.Ok(cached.Token);
        }

        var body = new JsonObject
        {
            ["restrictedResources"] = new JsonArray(new JsonObject
            {
                ["method"] = "GET",
                ["path"] = path,
                ["dataElements"] = new JsonArray("buyerInfo", "shippingAddress"),
            }),
        };
        var answer = await CallJsonAsync(SellingPartnerOperations.CreateRestrictedDataToken, HttpMethod.Post, "/tokens/2021-03-01/restrictedDataToken", body, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            return PortResult<string?>.From(answer.WithoutValue());
        }

        var root = answer.Value;
        if (!root.TryGetProperty("restrictedDataToken", out var token) || token.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("expiresIn", out var expires) || !expires.TryGetInt32(out var seconds))
        {
            return PortResult.Transient("createRestrictedDataToken answered without restrictedDataToken and expiresIn.");
        }

        var lifetime = TimeSpan.FromSeconds(Math.Max(seconds, 1));
        var margin = _options.TokenRefreshMargin < lifetime ? _options.TokenRefreshMargin : lifetime / 2;
        _restrictedTokens[path] = (token.GetString()!, now + lifetime - margin);
        return PortResult<string?>.Ok(token.GetString());
    }

    /// <summary>The <c>order.orderId</c> of a <c>getOrder</c> answer, or <see langword="null"/> when it has none (the reader judges the rest).</summary>
    private static string? AnsweredOrderId(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("order", out var order) && order.ValueKind == JsonValueKind.Object
                && order.TryGetProperty("orderId", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static PortResult<T> Read<T>(string operation, Func<T> read)
    {
        try
        {
            return PortResult<T>.Ok(read());
        }
        catch (SellingPartnerFormatException e)
        {
            return PortResult.Rejected($"{operation} answered what cannot be read ({e.Code}): {e.Message}");
        }
    }
}
