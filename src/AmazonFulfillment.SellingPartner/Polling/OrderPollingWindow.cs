using System.Globalization;
using AmazonFulfillment.SellingPartner.Json;

namespace AmazonFulfillment.SellingPartner;

/// <summary>
/// The <c>LastUpdatedAfter</c>/<c>LastUpdatedBefore</c> bounds of one incremental order poll, in UTC and whole
/// seconds (exactly what is sent, so no instant falls between two windows).
/// </summary>
/// <remarks>
/// <para>A poll: take <see cref="Next"/> (nothing to do when it is <see langword="null"/>), read every page of
/// the window, apply the orders, then store <see cref="NextWatermark"/> as the new watermark. After a crash the
/// old watermark is still stored, so the window is read again; the domain's idempotence absorbs the repeats.</para>
/// <para>Placement: <c>LastUpdatedBefore</c> = now − <see cref="OrderPollingOptions.SafetyLag"/>;
/// <c>LastUpdatedAfter</c> = watermark − <see cref="OrderPollingOptions.Overlap"/>, or, on the first run,
/// <c>LastUpdatedBefore</c> − <see cref="OrderPollingOptions.InitialLookBack"/>. Both are rounded down to the second.</para>
/// </remarks>
public sealed record OrderPollingWindow
{
    private OrderPollingWindow(DateTimeOffset lastUpdatedAfter, DateTimeOffset lastUpdatedBefore)
    {
        LastUpdatedAfter = lastUpdatedAfter;
        LastUpdatedBefore = lastUpdatedBefore;
    }

    /// <summary>Gets the lower bound (SP-API <c>LastUpdatedAfter</c> / <c>lastUpdatedAfter</c>), in UTC.</summary>
    public DateTimeOffset LastUpdatedAfter { get; }

    /// <summary>Gets the upper bound (SP-API <c>LastUpdatedBefore</c> / <c>lastUpdatedBefore</c>), in UTC, at least the safety lag before "now".</summary>
    public DateTimeOffset LastUpdatedBefore { get; }

    /// <summary>Gets <see cref="LastUpdatedAfter"/> as SP-API takes it, such as <c>2024-12-25T06:45:00Z</c>.</summary>
    public string LastUpdatedAfterText => SpApiTime.FormatSeconds(LastUpdatedAfter);

    /// <summary>Gets <see cref="LastUpdatedBefore"/> as SP-API takes it, such as <c>2024-12-25T06:50:00Z</c>.</summary>
    public string LastUpdatedBeforeText => SpApiTime.FormatSeconds(LastUpdatedBefore);

    /// <summary>Gets the watermark to store once every page of this window has been applied: its <see cref="LastUpdatedBefore"/>.</summary>
    public DateTimeOffset NextWatermark => LastUpdatedBefore;

    /// <summary>Places the next window.</summary>
    /// <param name="watermark">The stored watermark (the last completed window's <see cref="NextWatermark"/>), or <see langword="null"/> on the first run.</param>
    /// <param name="now">The current time, from the host's clock.</param>
    /// <param name="options">The placement settings; <see langword="null"/> for the defaults.</param>
    /// <returns>
    /// The window, or <see langword="null"/> when there is nothing to poll yet (its upper bound would not be after
    /// its lower bound: polled too recently, or a watermark ahead of the clock, which resolves itself as time passes).
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid (the message lists every problem).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="now"/> or <paramref name="watermark"/> is too close to <see cref="DateTimeOffset.MinValue"/> to subtract the lag, look-back or overlap.</exception>
    public static OrderPollingWindow? Next(DateTimeOffset? watermark, DateTimeOffset now, OrderPollingOptions? options = null)
    {
        options ??= new OrderPollingOptions();
        options.Validate();

        var before = FloorToSecond(Subtract(now, options.SafetyLag, nameof(now)));
        var after = watermark is { } mark
            ? FloorToSecond(Subtract(mark, options.Overlap, nameof(watermark)))
            : FloorToSecond(Subtract(before, options.InitialLookBack, nameof(now)));

        return before > after ? new OrderPollingWindow(after, before) : null;
    }

    /// <inheritdoc />
    public override string ToString() => $"LastUpdatedAfter={LastUpdatedAfterText}, LastUpdatedBefore={LastUpdatedBeforeText}";

    private static DateTimeOffset Subtract(DateTimeOffset value, TimeSpan span, string parameter)
    {
        var utc = value.ToUniversalTime();
        if (utc.UtcTicks - DateTimeOffset.MinValue.UtcTicks < span.Ticks)
        {
            throw ProblemCodes.Attach(ProblemCodes.UsageInvalidArgument, new ArgumentOutOfRangeException(parameter, value, "is too early to subtract " + span.ToString("c", CultureInfo.InvariantCulture) + "."));
        }

        return utc - span;
    }

    private static DateTimeOffset FloorToSecond(DateTimeOffset utc) =>
        new(utc.UtcTicks - (utc.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
