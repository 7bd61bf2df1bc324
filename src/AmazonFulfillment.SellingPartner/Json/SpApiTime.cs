using System.Globalization;

namespace AmazonFulfillment.SellingPartner.Json;

/// <summary>ISO-8601 date-times as SP-API reads and writes them.</summary>
internal static class SpApiTime
{
    // SP-API writes whole seconds or milliseconds with a Z or numeric offset; a date alone or a
    // local date such as 02/21/2022 is not ISO-8601 and is refused rather than guessed.
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
    ];

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        if (text is not null
            && DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed.ToUniversalTime();
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Parses the page-level echo dates; the sandbox writes some as epoch seconds (<c>1.569521782042E9</c>).</summary>
    public static bool TryParseIsoOrEpoch(string? text, out DateTimeOffset value)
    {
        if (TryParse(text, out value))
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds >= 0 && seconds < 253_402_300_799)
        {
            value = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
            return true;
        }

        value = default;
        return false;
    }

    public static string FormatSeconds(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string FormatMilliseconds(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
