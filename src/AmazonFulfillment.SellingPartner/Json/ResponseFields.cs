using System.Text.Json;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.SellingPartner.Json;

/// <summary>Response-level fields shared by the SP-API operations.</summary>
internal static class ResponseFields
{
    public static T FromText<T>(string json, Func<JsonElement, T> read, string field = "$")
    {
        using var document = JsonFields.Parse(json, field);
        return read(document.RootElement);
    }

    public static Validated<T> Try<T>(Func<T> read)
    {
        try
        {
            return Validated<T>.Ok(read());
        }
        catch (SellingPartnerFormatException e)
        {
            var reason = e.AmazonOrderId is null ? e.Reason : $"order {e.AmazonOrderId}: {e.Reason}";
            return Validated<T>.Fail(e.Field ?? "$", reason);
        }
    }

    /// <summary>Gets a required object member (such as v0's <c>payload</c>), explaining an error response instead of a bare "is required".</summary>
    public static JsonElement Member(JsonElement response, string name, FieldPath at)
    {
        ExplainErrors(response, name, at);
        return JsonFields.RequiredObject(response, name, at);
    }

    /// <summary>Gets a required array member (such as 2026-01-01's <c>orders</c>), explaining an error response.</summary>
    public static JsonElement ArrayMember(JsonElement response, string name, FieldPath at)
    {
        ExplainErrors(response, name, at);
        return JsonFields.RequiredArray(response, name, at);
    }

    private static void ExplainErrors(JsonElement response, string name, FieldPath at)
    {
        JsonFields.Object(response, at);
        if (JsonFields.Optional(response, name) is null && JsonFields.Optional(response, "errors") is { ValueKind: JsonValueKind.Array } errors)
        {
            // Only the codes: an error message may quote the request, which can hold buyer data.
            var codes = errors.EnumerateArray()
                .Select(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null)
                .Where(c => !string.IsNullOrWhiteSpace(c))
                .Select(c => JsonFields.Truncate(c!));
            throw at.Child(name).Fail($"is absent: the response reports errors ({string.Join(", ", codes)}).");
        }
    }

    /// <summary>Reads a pagination token; SP-API says an empty token means there is no next page.</summary>
    public static string? Token(JsonElement parent, string name, FieldPath at) =>
        JsonFields.OptionalString(parent, name, at) is { Length: > 0 } token && !string.IsNullOrWhiteSpace(token) ? token : null;

    public static DateTimeOffset? EchoDate(JsonElement parent, string name, FieldPath at)
    {
        var text = JsonFields.OptionalString(parent, name, at);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return SpApiTime.TryParseIsoOrEpoch(text, out var value)
            ? value
            : throw at.Child(name).Fail($"'{JsonFields.Truncate(text)}' is not an ISO-8601 date-time.");
    }
}
