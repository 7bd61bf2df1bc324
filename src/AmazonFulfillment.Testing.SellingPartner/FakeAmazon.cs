using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AmazonFulfillment.Testing.SellingPartner;

/// <summary>
/// A fake Amazon over HTTP, for integration tests and samples: an in-process Kestrel server on a loopback port
/// (127.0.0.1, a free port) that speaks Login with Amazon (<c>/auth/o2/token</c>), Orders v0 (getOrders, getOrder,
/// getOrderItems, confirmShipment), Orders 2026-01-01 (searchOrders, getOrder, items included), Feeds (createFeedDocument,
/// the upload URL, createFeed, getFeed, getFeedDocument, the processing report) and Tokens (createRestrictedDataToken) in
/// Amazon's JSON. It enforces Amazon's usage plans (429 QuotaExceeded with <c>x-amzn-RateLimit-Limit</c>), answers SP-API
/// error bodies, refuses what Amazon refuses (a confirmation of a canceled order, carrier <c>Other</c> without a name, a
/// missing marketplace, an unknown order item, more units than ordered, a cancellation of a shipped order), injects slow and
/// dropped connections on demand, plays a script of orders moving through their statuses, and logs every request.
/// Thread-safe.
/// </summary>
public sealed partial class FakeAmazon : IAsyncDisposable
{
    private const string RestrictedPrefix = "Atz.sprdt|fake-";
    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<FakeAmazonRequest> _requests = [];
    private readonly Dictionary<string, DateTimeOffset> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _restrictedTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<(FakeFault Fault, TimeSpan Delay)>> _faults = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly List<Action<FakeAmazon>> _script = [];
    private int _tokenCounter;
    private int _scriptStep;

    private FakeAmazon(WebApplication app, FakeAmazonOptions options, TimeProvider time)
    {
        _app = app;
        Options = options;
        _time = time;
    }

    /// <summary>Gets the fake's options.</summary>
    public FakeAmazonOptions Options { get; }

    /// <summary>Gets the SP-API endpoint, such as <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Gets the Login with Amazon token endpoint (<see cref="Endpoint"/> + <c>/auth/o2/token</c>).</summary>
    public Uri TokenEndpoint => new(Endpoint, "/auth/o2/token");

    /// <summary>Gets every request received so far, in order of arrival.</summary>
    public IReadOnlyList<FakeAmazonRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Gets how many access tokens were granted.</summary>
    public int AccessTokensGranted
    {
        get
        {
            lock (_gate)
            {
                return _accessTokens.Count;
            }
        }
    }

    /// <summary>Gets how many steps of the script were played.</summary>
    public int ScriptStep
    {
        get
        {
            lock (_gate)
            {
                return _scriptStep;
            }
        }
    }

    /// <summary>Starts a fake on a free loopback port.</summary>
    /// <param name="options">Its options; defaults when <see langword="null"/>.</param>
    /// <param name="time">Its clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The started fake; dispose it to stop it.</returns>
    public static async Task<FakeAmazon> StartAsync(FakeAmazonOptions? options = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeAmazon(app, options ?? new FakeAmazonOptions(), time ?? TimeProvider.System);
        app.Run(fake.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        return fake;
    }

    /// <summary>Makes the next calls of an operation fail.</summary>
    /// <param name="operation">The operation's model name (<c>getOrderItems</c>, <c>confirmShipment</c>, <c>lwaToken</c>, …).</param>
    /// <param name="fault">The fault.</param>
    /// <param name="times">How many calls, at least 1.</param>
    /// <param name="delay">For <see cref="FakeFault.Slow"/>: how long to wait; default 10 seconds.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is less than 1.</exception>
    public void FailNext(string operation, FakeFault fault, int times = 1, TimeSpan? delay = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        lock (_gate)
        {
            if (!_faults.TryGetValue(operation, out var queue))
            {
                _faults[operation] = queue = new Queue<(FakeFault, TimeSpan)>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue((fault, delay ?? TimeSpan.FromSeconds(10)));
            }
        }
    }

    /// <summary>Expires every access token and restricted data token granted so far, as if an hour had passed.</summary>
    public void ExpireAccessTokens()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var token in _accessTokens.Keys.ToList())
            {
                _accessTokens[token] = now;
            }

            foreach (var token in _restrictedTokens.Keys.ToList())
            {
                _restrictedTokens[token] = now;
            }
        }
    }

    /// <summary>Sets the script: each new order search (a getOrders or searchOrders call without a page token) plays the next step first.</summary>
    /// <param name="steps">The steps, in order; each changes the fake's orders.</param>
    public void Script(params Action<FakeAmazon>[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        lock (_gate)
        {
            _script.Clear();
            _script.AddRange(steps);
            _scriptStep = 0;
        }
    }

    /// <summary>Plays the script's next step now.</summary>
    /// <returns><see langword="true"/> when a step was played.</returns>
    public bool PlayNextStep()
    {
        Action<FakeAmazon> step;
        lock (_gate)
        {
            if (_scriptStep >= _script.Count)
            {
                return false;
            }

            step = _script[_scriptStep++];
        }

        step(this);
        return true;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string? body = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var (operation, args) = Route(request.Method, request.Path.Value ?? "/");
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var token = request.Headers["x-amz-access-token"].FirstOrDefault();
        var now = _time.GetUtcNow();
        var answer = await AnswerAsync(context, operation, args, query, token, body, now).ConfigureAwait(false);
        lock (_gate)
        {
            _requests.Add(new FakeAmazonRequest(now, operation, request.Method, request.Path.Value ?? "/", query, token, request.ContentType,
                operation == "lwaToken" ? null : body, answer?.Status ?? 0));
        }

        if (answer is null)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = answer.Status;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        if (answer.Rate is { } rate)
        {
            context.Response.Headers["x-amzn-RateLimit-Limit"] = rate.ToString(CultureInfo.InvariantCulture);
        }

        if (answer.Body is not null)
        {
            context.Response.ContentType = answer.ContentType;
            await context.Response.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private async Task<Answer?> AnswerAsync(HttpContext context, string operation, string[] args, Dictionary<string, string> query, string? token, string? body, DateTimeOffset now)
    {
        (FakeFault Fault, TimeSpan Delay)? fault = null;
        lock (_gate)
        {
            if (_faults.TryGetValue(operation, out var queue) && queue.Count > 0)
            {
                fault = queue.Dequeue();
            }
        }

        var rate = operation is "lwaToken" or "uploadFeedDocument" or "downloadDocument" or "unknown" ? (double?)null : PlanOf(operation).RequestsPerSecond;
        switch (fault?.Fault)
        {
            case FakeFault.ServerError:
                return Error(500, "InternalFailure", "We encountered an internal error. Please try again.", rate);
            case FakeFault.ServiceUnavailable:
                return Error(503, "ServiceUnavailable", "Service temporarily unavailable.", rate);
            case FakeFault.Throttle:
                return Error(429, "QuotaExceeded", "You exceeded your quota for the requested resource.", rate);
            case FakeFault.DropConnection:
                return null;
            case FakeFault.Slow:
                try
                {
                    await Task.Delay(fault.Value.Delay, context.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }

                break;
        }

        switch (operation)
        {
            case "lwaToken":
                return GrantToken(body, context.Request.ContentType, now);
            case "uploadFeedDocument":
                return Upload(args[0], body);
            case "downloadDocument":
                return Download(args[0]);
            case "unknown":
                return Error(404, "NotFound", "The requested resource was not found.", null);
        }

        var restricted = false;
        lock (_gate)
        {
            if (token is null)
            {
                return Error(403, "Unauthorized", "Access to requested resource is denied.", rate, "The x-amz-access-token header is missing.");
            }

            if (_accessTokens.TryGetValue(token, out var until) || (restricted = _restrictedTokens.TryGetValue(token, out until)))
            {
                if (now >= until)
                {
                    return Error(403, "Unauthorized", "Access to requested resource is denied.", rate, "The access token you provided has expired.");
                }
            }
            else
            {
                return Error(403, "Unauthorized", "Access to requested resource is denied.", rate, "The access token you provided is revoked, malformed or invalid.");
            }

            if (Options.EnforceRateLimits && !BucketOf(operation).TryTake(now))
            {
                return Error(429, "QuotaExceeded", "You exceeded your quota for the requested resource.", rate);
            }
        }

        var answer = operation switch
        {
            "getOrders" => GetOrders(query, restricted, now),
            "searchOrders" => SearchOrders(query, restricted, now),
            "getOrder" => GetOrderV0(args[0], restricted),
            "getOrder (2026-01-01)" => GetOrder2026(args[0], query, restricted),
            "getOrderItems" => GetOrderItems(args[0], query, now),
            "confirmShipment" => ConfirmShipment(args[0], body, now),
            "createFeedDocument" => CreateFeedDocument(body),
            "createFeed" => CreateFeed(body, now),
            "getFeed" => GetFeed(args[0], now),
            "getFeedDocument" => GetFeedDocument(args[0]),
            "createRestrictedDataToken" => CreateRestrictedDataToken(body, now),
            _ => Error(404, "NotFound", "The requested resource was not found.", null),
        };
        return answer with { Rate = rate };
    }

    private static (string Operation, string[] Args) Route(string method, string path)
    {
        var m = RouteRegex().Match(path);
        (string, string[]) R(string operation, params string[] args) => (operation, args);
        return (method, path) switch
        {
            ("POST", "/auth/o2/token") => R("lwaToken"),
            ("GET", "/orders/v0/orders") => R("getOrders"),
            ("GET", "/orders/2026-01-01/orders") => R("searchOrders"),
            ("POST", "/feeds/2021-06-30/documents") => R("createFeedDocument"),
            ("POST", "/feeds/2021-06-30/feeds") => R("createFeed"),
            ("POST", "/tokens/2021-03-01/restrictedDataToken") => R("createRestrictedDataToken"),
            _ when !m.Success => R("unknown"),
            ("GET", _) when m.Groups["v0order"].Success && !m.Groups["rest"].Success => R("getOrder", m.Groups["v0order"].Value),
            ("GET", _) when m.Groups["v0order"].Success && m.Groups["rest"].Value == "/orderItems" => R("getOrderItems", m.Groups["v0order"].Value),
            ("POST", _) when m.Groups["v0order"].Success && m.Groups["rest"].Value == "/shipmentConfirmation" => R("confirmShipment", m.Groups["v0order"].Value),
            ("GET", _) when m.Groups["order2026"].Success => R("getOrder (2026-01-01)", m.Groups["order2026"].Value),
            ("GET", _) when m.Groups["feed"].Success => R("getFeed", m.Groups["feed"].Value),
            ("GET", _) when m.Groups["document"].Success => R("getFeedDocument", m.Groups["document"].Value),
            ("PUT", _) when m.Groups["upload"].Success => R("uploadFeedDocument", m.Groups["upload"].Value),
            ("GET", _) when m.Groups["download"].Success => R("downloadDocument", m.Groups["download"].Value),
            _ => R("unknown"),
        };
    }

    [GeneratedRegex(@"^(?:/orders/v0/orders/(?<v0order>[^/]+)(?<rest>/orderItems|/shipmentConfirmation)?|/orders/2026-01-01/orders/(?<order2026>[^/]+)|/feeds/2021-06-30/feeds/(?<feed>[^/]+)|/feeds/2021-06-30/documents/(?<document>[^/]+)|/fake-s3/upload/(?<upload>[^/]+)|/fake-s3/download/(?<download>[^/]+))$", RegexOptions.CultureInvariant)]
    private static partial Regex RouteRegex();

    private Answer GrantToken(string? body, string? contentType, DateTimeOffset now)
    {
        var fields = ReadTokenRequest(body, contentType);
        string Field(string name) => fields.TryGetValue(name, out var value) ? value : string.Empty;
        if (!string.Equals(Field("grant_type"), "refresh_token", StringComparison.Ordinal) || string.IsNullOrEmpty(Field("refresh_token")))
        {
            return LwaError(400, "invalid_request", "The request is missing a required parameter : grant_type or refresh_token");
        }

        if (!string.Equals(Field("client_id"), Options.ClientId, StringComparison.Ordinal) || !string.Equals(Field("client_secret"), Options.ClientSecret, StringComparison.Ordinal))
        {
            return LwaError(401, "invalid_client", "Client authentication failed");
        }

        if (!string.Equals(Field("refresh_token"), Options.RefreshToken, StringComparison.Ordinal))
        {
            return LwaError(400, "invalid_grant", "The request has an invalid grant parameter : refresh_token");
        }

        string token;
        lock (_gate)
        {
            token = $"Atza|fake-{++_tokenCounter}";
            _accessTokens[token] = now + Options.AccessTokenLifetime;
        }

        return Json(200, new JsonObject
        {
            ["access_token"] = token,
            ["refresh_token"] = Options.RefreshToken,
            ["token_type"] = "bearer",
            ["expires_in"] = (int)Options.AccessTokenLifetime.TotalSeconds,
        });
    }

    private static Dictionary<string, string> ReadTokenRequest(string? body, string? contentType)
    {
        if (string.IsNullOrEmpty(body))
        {
            return [];
        }

        if (contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                return JsonNode.Parse(body) is JsonObject json
                    ? json.Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal)
                    : [];
            }
            catch (System.Text.Json.JsonException)
            {
                return [];
            }
        }

        return body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => p.Length > 1 ? WebUtility.UrlDecode(p[1]) : string.Empty, StringComparer.Ordinal);
    }

    private FakeRateLimit PlanOf(string operation) =>
        Options.RateLimits.TryGetValue(operation, out var plan) ? plan
        : Documented.TryGetValue(operation, out var documented) ? documented
        : new FakeRateLimit(1, 1);

    private Bucket BucketOf(string operation)
    {
        if (!_buckets.TryGetValue(operation, out var bucket))
        {
            var plan = PlanOf(operation);
            _buckets[operation] = bucket = new Bucket(plan, plan.Burst, null);
        }

        return bucket;
    }

    private static readonly Dictionary<string, FakeRateLimit> Documented = new(StringComparer.Ordinal)
    {
        ["getOrders"] = new(0.0167, 20),
        ["getOrder"] = new(0.5, 30),
        ["getOrderItems"] = new(0.5, 30),
        ["confirmShipment"] = new(2, 10),
        ["searchOrders"] = new(0.0056, 20),
        ["getOrder (2026-01-01)"] = new(0.5, 30),
        ["createFeedDocument"] = new(0.5, 15),
        ["createFeed"] = new(0.0083, 15),
        ["getFeed"] = new(2, 15),
        ["getFeedDocument"] = new(0.0222, 10),
        ["createRestrictedDataToken"] = new(1, 10),
    };

    private static Answer Json(int status, JsonNode body) => new(status, body.ToJsonString(), "application/json", null);

    private static Answer Error(int status, string code, string message, double? rate, string? details = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (details is not null)
        {
            error["details"] = details;
        }

        return new Answer(status, new JsonObject { ["errors"] = new JsonArray(error) }.ToJsonString(), "application/json", rate);
    }

    private static Answer LwaError(int status, string error, string description) =>
        Json(status, new JsonObject { ["error"] = error, ["error_description"] = description });

    private static Answer InvalidInput(string message, string? details = null) => Error(400, "InvalidInput", message, null, details);

    private sealed record Answer(int Status, string? Body, string ContentType, double? Rate);

    /// <summary>A lazily refilled token bucket on the fake's clock.</summary>
    private sealed class Bucket(FakeRateLimit plan, double tokens, DateTimeOffset? last)
    {
        private double _tokens = tokens;
        private DateTimeOffset? _last = last;

        public bool TryTake(DateTimeOffset now)
        {
            if (_last is { } then && now > then)
            {
                _tokens = Math.Min(plan.Burst, _tokens + ((now - then).TotalSeconds * plan.RequestsPerSecond));
            }

            _last = now > (_last ?? now) ? now : _last ?? now;
            if (_tokens < 0.9) // a tenth of a token of slack for the clocks of client and fake
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
