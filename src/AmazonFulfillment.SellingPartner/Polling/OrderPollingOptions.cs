using System.Globalization;

namespace AmazonFulfillment.SellingPartner;

/// <summary>How <see cref="OrderPollingWindow.Next"/> places the <c>getOrders</c>/<c>searchOrders</c> window.</summary>
public sealed record OrderPollingOptions
{
    /// <summary>Gets the smallest <see cref="SafetyLag"/> SP-API accepts: <c>LastUpdatedBefore</c> must be at least two minutes in the past.</summary>
    public static TimeSpan MinimumSafetyLag { get; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets how far back the first poll (no watermark yet) reaches, measured from its <c>LastUpdatedBefore</c>.</summary>
    /// <value>Positive. Default: 1 day.</value>
    public TimeSpan InitialLookBack { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Gets how far before "now" <c>LastUpdatedBefore</c> is placed.</summary>
    /// <value>At least <see cref="MinimumSafetyLag"/>. Default: 2 minutes.</value>
    public TimeSpan SafetyLag { get; init; } = MinimumSafetyLag;

    /// <summary>
    /// Gets how far before the watermark the next window starts, so that orders Amazon indexes late are still
    /// seen; an <see cref="OrderObservationDeduplicator"/> drops what the overlap delivers twice.
    /// </summary>
    /// <value>Zero or more. Default: 5 minutes.</value>
    public TimeSpan Overlap { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Checks every setting and reports every problem at once.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message lists each one.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (InitialLookBack <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(InitialLookBack)} ({Show(InitialLookBack)}) must be positive.");
        }

        if (SafetyLag < MinimumSafetyLag)
        {
            problems.Add($"{nameof(SafetyLag)} ({Show(SafetyLag)}) must be at least {Show(MinimumSafetyLag)}: SP-API requires LastUpdatedBefore at least two minutes in the past.");
        }

        if (Overlap < TimeSpan.Zero)
        {
            problems.Add($"{nameof(Overlap)} ({Show(Overlap)}) must not be negative.");
        }

        Problems.ThrowIfAny(problems, "order polling options", "options", ProblemCodes.SettingsOptionsInvalid);
    }

    private static string Show(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
