using System.Net;
using System.Text.Json.Nodes;

namespace AmazonFulfillment.Testing.SellingPartner;

/// <summary>The fake's authorization: Login with Amazon access tokens, the Tokens API's restricted data tokens, and the check of every request's token and quota.</summary>
public sealed partial class FakeAmazon
{
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

    private Answer CreateRestrictedDataToken(string? body, DateTimeOffset now)
    {
        if (Parse(body) is not { } request || request["restrictedResources"] is not JsonArray { Count: > 0 and <= 50 } resources
            || resources.Any(r => r is not JsonObject o || Str(o, "method") is not ("GET" or "PUT" or "POST" or "DELETE") || Str(o, "path") is not { Length: > 0 }))
        {
            return InvalidInput("restrictedResources must list 1 to 50 resources, each with a method and a path.");
        }

        string token;
        lock (_gate)
        {
            token = $"{RestrictedPrefix}{++_tokenCounter}";
            _restrictedTokens[token] = now + TimeSpan.FromHours(1);
        }

        return Json(200, new JsonObject { ["restrictedDataToken"] = token, ["expiresIn"] = 3600 });
    }

    /// <summary>Checks the access token and the operation's quota; answers the refusal, or <see langword="null"/> to go on.</summary>
    private Answer? Admit(string operation, string? token, double? rate, DateTimeOffset now, out bool restricted)
    {
        restricted = false;
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

        return null;
    }
}
