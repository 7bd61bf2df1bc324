using FsCheck.Xunit;

namespace AmazonFulfillment.SellingPartner.Tests.Polling;

public sealed class OrderPollingWindowProperties
{
    [Property(Arbitrary = [typeof(PollingArbitraries)], MaxTest = 500)]
    public bool Next_AnyInput_BeforeIsAtLeastTwoMinutesAndTheLagBeforeNow(PollingCase c)
    {
        var window = OrderPollingWindow.Next(c.Watermark, c.Now, c.Options);

        return window is null
            || (window.LastUpdatedBefore <= c.Now - OrderPollingOptions.MinimumSafetyLag
                && window.LastUpdatedBefore <= c.Now - c.Options.SafetyLag
                && window.LastUpdatedAfter < window.LastUpdatedBefore
                && window.LastUpdatedBefore.Offset == TimeSpan.Zero
                && window.LastUpdatedAfter.Offset == TimeSpan.Zero);
    }

    [Property(Arbitrary = [typeof(PollingArbitraries)], MaxTest = 500)]
    public bool Next_ConsecutiveWindows_LeaveNoGap(PollingCase c)
    {
        var first = OrderPollingWindow.Next(c.Watermark, c.Now, c.Options);
        if (first is null)
        {
            return true;
        }

        var second = OrderPollingWindow.Next(first.NextWatermark, c.Now + c.Elapsed, c.Options);

        // No gap: the second window starts at or before the first one's end (by the overlap, to the second),
        // and it never ends before the first one did.
        return second is null
            ? first.NextWatermark - c.Options.Overlap >= (c.Now + c.Elapsed - c.Options.SafetyLag).AddSeconds(-1)
            : second.LastUpdatedAfter <= first.LastUpdatedBefore
                && first.LastUpdatedBefore - second.LastUpdatedAfter <= c.Options.Overlap
                && first.LastUpdatedBefore - second.LastUpdatedAfter > c.Options.Overlap - TimeSpan.FromSeconds(1)
                && second.LastUpdatedBefore >= first.LastUpdatedBefore;
    }

    [Property(Arbitrary = [typeof(PollingArbitraries)], MaxTest = 500)]
    public bool Next_AnyWindow_TextIsTheExactBoundInWholeSeconds(PollingCase c)
    {
        var window = OrderPollingWindow.Next(c.Watermark, c.Now, c.Options);

        return window is null
            || (DateTimeOffset.Parse(window.LastUpdatedAfterText, System.Globalization.CultureInfo.InvariantCulture) == window.LastUpdatedAfter
                && DateTimeOffset.Parse(window.LastUpdatedBeforeText, System.Globalization.CultureInfo.InvariantCulture) == window.LastUpdatedBefore
                && window.LastUpdatedBeforeText.EndsWith('Z')
                && window.LastUpdatedAfter.Ticks % TimeSpan.TicksPerSecond == 0
                && window.LastUpdatedBefore.Ticks % TimeSpan.TicksPerSecond == 0);
    }
}
