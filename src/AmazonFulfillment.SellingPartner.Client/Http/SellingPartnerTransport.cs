using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AmazonFulfillment.Ports;
using AmazonFulfillment.SellingPartner.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AmazonFulfillment.SellingPartner.Client.Http;

/// <summary>A successful SP-API answer.</summary>
internal sealed record SpResponse(int Status, string Body);

/// <summary>
/// Sends one SP-API call: waits for the operation's rate-limit token, signs it with the access token
/// (<c>x-amz-access-token</c>), and maps the answer onto a <see cref="PortResult"/>: 2xx success; 429 throttled with the
/// wait; 5xx, time-outs and dropped connections transient; 401/403 (an expired or refused token) transient after
/// dropping the token; any other 4xx rejected with Amazon's code and message. It never retries: the runtime does.
/// </summary>
internal sealed class SellingPartnerTransport(
    IHttpClientFactory httpClients,
    AccessTokenSource tokens,
    OperationRateLimiters limiters,
    SellingPartnerClientOptions options,
    ILogger logger)
{
    public const string HttpClientName = "AmazonFulfillment.SellingPartner";
    public const string DocumentsHttpClientName = "AmazonFulfillment.SellingPartner.Documents";
    private const string UserAgent = "AmazonFulfillment.SellingPartner.Client/1.0 (Language=C#)";

    public async Task<PortResult<SpResponse>> SendAsync(
        string operation,
        HttpMethod method,
        string pathAndQuery,
        string? jsonBody,
        CancellationToken cancellationToken,
        string? restrictedDataToken = null)
    {
        using (var lease = await limiters.AcquireAsync(options.SellerId, operation, cancellationToken).ConfigureAwait(false))
        {
            if (lease is null)
            {
                return PortResult.Throttled(limiters.RateOf(options.SellerId, operation).Interval);
            }
        }

        string accessToken;
        if (restrictedDataToken is not null)
        {
            accessToken = restrictedDataToken;
        }
        else
        {
            var token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
            if (!token.IsSuccess)
            {
                return PortResult<SpResponse>.From(token.WithoutValue());
            }

            accessToken = token.Value!;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            using var request = new HttpRequestMessage(method, new Uri(options.EffectiveEndpoint, pathAndQuery));
            request.Headers.Add("x-amz-access-token", accessToken);
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (jsonBody is not null)
            {
                request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
            }

            var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            AdjustRate(operation, response);
            return Map(operation, response, body, accessToken, restrictedDataToken is not null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Transient(operation, $"{operation} timed out after {options.RequestTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s; its outcome is unknown.");
        }
        catch (HttpRequestException e)
        {
            return Transient(operation, $"{operation}: the connection failed ({e.HttpRequestError}); its outcome is unknown.");
        }
    }

    /// <summary>Uploads a feed document to its pre-signed URL (no SP-API headers: the URL carries its own authorisation).</summary>
    public async Task<PortResult> UploadAsync(Uri url, string content, string contentType, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            using var body = new StringContent(content, Encoding.UTF8);
            body.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            using var response = await httpClients.CreateClient(DocumentsHttpClientName).PutAsync(url, body, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? PortResult.Ok
                : PortResult.Transient($"feed document upload answered HTTP {(int)response.StatusCode}.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return PortResult.Transient("feed document upload timed out.");
        }
        catch (HttpRequestException e)
        {
            return PortResult.Transient($"feed document upload failed ({e.HttpRequestError}).");
        }
    }

    /// <summary>Downloads a document from its pre-signed URL.</summary>
    public Task<PortResult<string>> DownloadAsync(Uri url, CancellationToken cancellationToken) =>
        DownloadAsync(url, static (content, token) => content.ReadAsStringAsync(token), cancellationToken);

    /// <summary>Downloads a document from its pre-signed URL as bytes (a compressed document).</summary>
    public Task<PortResult<byte[]>> DownloadBytesAsync(Uri url, CancellationToken cancellationToken) =>
        DownloadAsync(url, static (content, token) => content.ReadAsByteArrayAsync(token), cancellationToken);

    private async Task<PortResult<T>> DownloadAsync<T>(Uri url, Func<HttpContent, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            using var response = await httpClients.CreateClient(DocumentsHttpClientName).GetAsync(url, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? PortResult<T>.Ok(await read(response.Content, timeout.Token).ConfigureAwait(false))
                : PortResult.Transient($"document download answered HTTP {(int)response.StatusCode}.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return PortResult.Transient("document download timed out.");
        }
        catch (HttpRequestException e)
        {
            return PortResult.Transient($"document download failed ({e.HttpRequestError}).");
        }
    }

    private PortResult<SpResponse> Map(string operation, HttpResponseMessage response, string body, string accessToken, bool restricted)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return PortResult<SpResponse>.Ok(new SpResponse(status, body));
        }

        var (code, message) = SpApiErrors.First(body);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var plan = limiters.RateOf(options.SellerId, operation);
            ClientLog.Throttled(logger, operation, OperationRateLimiters.Show(plan.RequestsPerSecond));
            return PortResult.Throttled(response.Headers.RetryAfter?.Delta ?? plan.Interval);
        }

        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            if (!restricted)
            {
                tokens.Invalidate(accessToken);
            }

            ClientLog.AccessTokenRefused(logger, operation, status, code ?? "no error code");
            return PortResult.Transient($"{operation}: the access token was refused (HTTP {status}{(code is null ? string.Empty : ", " + code)}); a new one is used for the next attempt.");
        }

        if (status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout)
        {
            return Transient(operation, $"{operation} answered HTTP {status}{(code is null ? string.Empty : " " + code)}; its outcome is unknown.");
        }

        return PortResult.Rejected(code is null
            ? $"{operation} was refused with HTTP {status}."
            : $"{operation} was refused with HTTP {status}: {code}: {message}");
    }

    private PortResult<SpResponse> Transient(string operation, string reason)
    {
        ClientLog.Transient(logger, operation, reason);
        return PortResult.Transient(reason);
    }

    private void AdjustRate(string operation, HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("x-amzn-RateLimit-Limit", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var rate))
        {
            limiters.Adjust(options.SellerId, operation, rate);
        }
    }
}

/// <summary>Reads SP-API error bodies: <c>{"errors":[{"code","message","details"}]}</c>.</summary>
internal static class SpApiErrors
{
    private const int MaxLength = 300;

    public static (string? Code, string? Message) First(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array
                && errors.GetArrayLength() > 0
                && errors[0].ValueKind == JsonValueKind.Object)
            {
                return (Text(errors[0], "code"), Text(errors[0], "message"));
            }
        }
        catch (JsonException)
        {
        }

        return (null, null);
    }

    private static string? Text(JsonElement error, string name) =>
        error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { } text
            ? text.Length > MaxLength ? text[..MaxLength] + "…" : text
            : null;
}
