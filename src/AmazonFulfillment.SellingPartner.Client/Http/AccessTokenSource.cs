using System.Text.Json;
using AmazonFulfillment.Ports;
using AmazonFulfillment.SellingPartner.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AmazonFulfillment.SellingPartner.Client.Http;

/// <summary>
/// The seller's LWA access token: fetched with the refresh-token grant, kept until <see cref="SellingPartnerClientOptions.TokenRefreshMargin"/>
/// before it expires, and fetched once however many callers need it at the same time. Thread-safe.
/// </summary>
internal sealed class AccessTokenSource(
    IHttpClientFactory httpClients,
    SellingPartnerClientOptions options,
    TimeProvider time,
    ILogger logger) : IDisposable
{
    public const string HttpClientName = "AmazonFulfillment.LoginWithAmazon";

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Token? _current;
    private int _refreshes;

    /// <summary>Gets how many times a token was fetched.</summary>
    public int Refreshes => Volatile.Read(ref _refreshes);

    public async ValueTask<PortResult<string>> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } token && time.GetUtcNow() < token.RefreshAt)
        {
            return PortResult<string>.Ok(token.Value);
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Whoever waited while another caller refreshed finds the new token here.
            if (_current is { } fresh && time.GetUtcNow() < fresh.RefreshAt)
            {
                return PortResult<string>.Ok(fresh.Value);
            }

            return await FetchAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Drops a token SP-API refused, unless another caller has replaced it already (so many refusals cause one refresh).</summary>
    public void Invalidate(string refused)
    {
        if (_current is { } token && string.Equals(token.Value, refused, StringComparison.Ordinal))
        {
            Interlocked.CompareExchange(ref _current, null, token);
        }
    }

    public void Dispose() => _refresh.Dispose();

    private async Task<PortResult<string>> FetchAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            var client = httpClients.CreateClient(HttpClientName);
            using var content = new FormUrlEncodedContent(
            [
                new("grant_type", "refresh_token"),
                new("refresh_token", options.RefreshToken),
                new("client_id", options.ClientId),
                new("client_secret", options.ClientSecret),
            ]);
            using var response = await client.PostAsync(options.TokenEndpoint, content, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode && Read(body) is { } answer)
            {
                var lifetime = TimeSpan.FromSeconds(Math.Max(answer.ExpiresIn, 1));
                var margin = options.TokenRefreshMargin < lifetime ? options.TokenRefreshMargin : lifetime / 2;
                _current = new Token(answer.AccessToken, time.GetUtcNow() + lifetime - margin);
                Interlocked.Increment(ref _refreshes);
                ClientLog.TokenRefreshed(logger, (int)lifetime.TotalSeconds);
                return PortResult<string>.Ok(answer.AccessToken);
            }

            var error = ErrorCode(body) ?? "no error code";
            if (status is 400 or 401 or 403)
            {
                ClientLog.TokenRefused(logger, error, status);
                return PortResult.Transient($"Login with Amazon refused the credentials ({error}, HTTP {status}).");
            }

            var reason = $"Login with Amazon answered HTTP {status} ({error}).";
            ClientLog.TokenUnavailable(logger, reason);
            return PortResult.Transient(reason);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            ClientLog.TokenUnavailable(logger, "timed out");
            return PortResult.Transient("Login with Amazon timed out.");
        }
        catch (HttpRequestException e)
        {
            var reason = $"Login with Amazon could not be reached ({e.HttpRequestError}).";
            ClientLog.TokenUnavailable(logger, reason);
            return PortResult.Transient(reason);
        }
    }

    private static TokenAnswer? Read(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("access_token", out var token) && token.ValueKind == JsonValueKind.String
                && root.TryGetProperty("expires_in", out var expires) && expires.TryGetInt32(out var seconds)
                ? new TokenAnswer(token.GetString()!, seconds)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The <c>error</c> of an LWA error answer: one of a fixed set of codes, never a credential.</summary>
    private static string? ErrorCode(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                && error.GetString() is { Length: > 0 and <= 40 } code && code.All(c => char.IsAsciiLetterLower(c) || c == '_')
                ? code
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Token(string Value, DateTimeOffset RefreshAt);

    private sealed record TokenAnswer(string AccessToken, int ExpiresIn);
}
