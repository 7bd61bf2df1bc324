using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace AmazonFulfillment.Testing.SellingPartner;

/// <summary>The fake's HTTP side: reading a request, routing it to an operation, answering it in Amazon's JSON, and writing the answer.</summary>
public sealed partial class FakeAmazon
{
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
        else if (answer.Bytes is not null)
        {
            context.Response.ContentType = answer.ContentType;
            await context.Response.Body.WriteAsync(answer.Bytes, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>What Amazon answers a request: an injected fault, an unauthenticated operation, a refused token or quota, or the operation's answer.</summary>
    private async Task<Answer?> AnswerAsync(HttpContext context, string operation, string[] args, Dictionary<string, string> query, string? token, string? body, DateTimeOffset now)
    {
        var fault = TakeFault(operation);
        var rate = IsMetered(operation) ? PlanOf(operation).RequestsPerSecond : (double?)null;
        if (fault is { } injected)
        {
            var (answered, faulted) = await InjectAsync(injected, rate, context.RequestAborted).ConfigureAwait(false);
            if (answered)
            {
                return faulted;
            }
        }

        if (AnswerUnauthenticated(operation, args, body, context.Request.ContentType, now) is { } open)
        {
            return open;
        }

        if (Admit(operation, token, rate, now, out var restricted) is { } refusal)
        {
            return refusal;
        }

        return Dispatch(operation, args, query, body, restricted, now) with { Rate = rate };
    }

    private static bool IsMetered(string operation) => operation is not ("lwaToken" or "uploadFeedDocument" or "downloadDocument" or "unknown");

    private (FakeFault Fault, TimeSpan Delay)? TakeFault(string operation)
    {
        lock (_gate)
        {
            return _faults.TryGetValue(operation, out var queue) && queue.Count > 0 ? queue.Dequeue() : null;
        }
    }

    /// <summary>Plays an injected fault: whether it answered the request (a <see langword="null"/> answer drops the connection), and how.</summary>
    private static async Task<(bool Answered, Answer? Answer)> InjectAsync((FakeFault Fault, TimeSpan Delay) fault, double? rate, CancellationToken aborted)
    {
        switch (fault.Fault)
        {
            case FakeFault.ServerError:
                return (true, Error(500, "InternalFailure", "We encountered an internal error. Please try again.", rate));
            case FakeFault.ServiceUnavailable:
                return (true, Error(503, "ServiceUnavailable", "Service temporarily unavailable.", rate));
            case FakeFault.Throttle:
                return (true, Error(429, "QuotaExceeded", "You exceeded your quota for the requested resource.", rate));
            case FakeFault.DropConnection:
                return (true, null);
            case FakeFault.Slow:
                try
                {
                    await Task.Delay(fault.Delay, aborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return (true, null);
                }

                break;
        }

        return (false, null);
    }

    /// <summary>The operations that need no access token: Login with Amazon, the document uploads and downloads, an unknown path.</summary>
    private Answer? AnswerUnauthenticated(string operation, string[] args, string? body, string? contentType, DateTimeOffset now) => operation switch
    {
        "lwaToken" => GrantToken(body, contentType, now),
        "uploadFeedDocument" => Upload(args[0], body),
        "downloadDocument" => Download(args[0]),
        "unknown" => Error(404, "NotFound", "The requested resource was not found.", null),
        _ => null,
    };

    private Answer Dispatch(string operation, string[] args, Dictionary<string, string> query, string? body, bool restricted, DateTimeOffset now) => operation switch
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

    private sealed record Answer(int Status, string? Body, string ContentType, double? Rate)
    {
        /// <summary>Gets the body as bytes, when it is not text (a compressed document); used when <see cref="Body"/> is <see langword="null"/>.</summary>
        public byte[]? Bytes { get; init; }
    }
}
