namespace AmazonFulfillment.SellingPartner.Tests.Polling;

public sealed class OrderPollingWindowTests
{
    private static readonly DateTimeOffset Now = new(2024, 12, 25, 7, 0, 30, 500, TimeSpan.Zero);

    [Fact]
    public void Next_FirstRun_LooksBackFromBeforeWithDefaults()
    {
        var window = OrderPollingWindow.Next(null, Now)!;

        Assert.Equal(new DateTimeOffset(2024, 12, 25, 6, 58, 30, TimeSpan.Zero), window.LastUpdatedBefore);
        Assert.Equal(new DateTimeOffset(2024, 12, 24, 6, 58, 30, TimeSpan.Zero), window.LastUpdatedAfter);
        Assert.Equal("2024-12-24T06:58:30Z", window.LastUpdatedAfterText);
        Assert.Equal("2024-12-25T06:58:30Z", window.LastUpdatedBeforeText);
    }

    [Fact]
    public void Next_WithWatermark_StartsOverlapBeforeWatermark()
    {
        var watermark = new DateTimeOffset(2024, 12, 25, 6, 50, 0, TimeSpan.Zero);

        var window = OrderPollingWindow.Next(watermark, Now)!;

        Assert.Equal(new DateTimeOffset(2024, 12, 25, 6, 45, 0, TimeSpan.Zero), window.LastUpdatedAfter);
        Assert.Equal(new DateTimeOffset(2024, 12, 25, 6, 58, 30, TimeSpan.Zero), window.LastUpdatedBefore);
        Assert.Equal(window.LastUpdatedBefore, window.NextWatermark);
    }

    [Fact]
    public void Next_LocalOffsets_ReturnsUtc()
    {
        var window = OrderPollingWindow.Next(
            new DateTimeOffset(2024, 12, 25, 8, 50, 0, TimeSpan.FromHours(2)),
            Now.ToOffset(TimeSpan.FromHours(-5)))!;

        Assert.Equal(TimeSpan.Zero, window.LastUpdatedAfter.Offset);
        Assert.Equal(TimeSpan.Zero, window.LastUpdatedBefore.Offset);
        Assert.Equal("2024-12-25T06:45:00Z", window.LastUpdatedAfterText);
        Assert.Equal("2024-12-25T06:58:30Z", window.LastUpdatedBeforeText);
    }

    [Fact]
    public void Next_PolledMomentsAgoWithoutOverlap_ReturnsNull()
    {
        var options = new OrderPollingOptions { Overlap = TimeSpan.Zero };
        var first = OrderPollingWindow.Next(null, Now, options)!;

        Assert.Null(OrderPollingWindow.Next(first.NextWatermark, Now, options));
        Assert.Null(OrderPollingWindow.Next(first.NextWatermark, Now.AddMilliseconds(400), options));
        Assert.NotNull(OrderPollingWindow.Next(first.NextWatermark, Now.AddSeconds(1), options));
    }

    [Fact]
    public void Next_WatermarkAheadOfClock_ReturnsNull()
    {
        Assert.Null(OrderPollingWindow.Next(Now.AddHours(1), Now));
    }

    [Fact]
    public void Next_CustomOptions_AppliesLagOverlapAndLookBack()
    {
        var options = new OrderPollingOptions { SafetyLag = TimeSpan.FromMinutes(10), Overlap = TimeSpan.FromMinutes(1), InitialLookBack = TimeSpan.FromHours(3) };

        var first = OrderPollingWindow.Next(null, Now, options)!;
        var second = OrderPollingWindow.Next(first.NextWatermark, Now.AddMinutes(15), options)!;

        Assert.Equal("2024-12-25T03:50:30Z", first.LastUpdatedAfterText);
        Assert.Equal("2024-12-25T06:50:30Z", first.LastUpdatedBeforeText);
        Assert.Equal("2024-12-25T06:49:30Z", second.LastUpdatedAfterText);
        Assert.Equal("2024-12-25T07:05:30Z", second.LastUpdatedBeforeText);
    }

    [Fact]
    public void Next_SafetyLagBelowTwoMinutes_ThrowsNamingOptions()
    {
        var error = Assert.Throws<ArgumentException>(() => OrderPollingWindow.Next(null, Now, new OrderPollingOptions { SafetyLag = TimeSpan.FromSeconds(119) }));

        Assert.Equal("options", error.ParamName);
        Assert.Contains("SafetyLag", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralBadSettings_ListsEveryProblem()
    {
        var options = new OrderPollingOptions { SafetyLag = TimeSpan.Zero, Overlap = TimeSpan.FromMinutes(-1), InitialLookBack = TimeSpan.Zero };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("SafetyLag", error.Message, StringComparison.Ordinal);
        Assert.Contains("Overlap", error.Message, StringComparison.Ordinal);
        Assert.Contains("InitialLookBack", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_NowNearMinValue_ThrowsNamingNow()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => OrderPollingWindow.Next(null, DateTimeOffset.MinValue.AddMinutes(1)));

        Assert.Equal("now", error.ParamName);
    }

    [Fact]
    public void Next_WatermarkNearMinValue_ThrowsNamingWatermark()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => OrderPollingWindow.Next(DateTimeOffset.MinValue, Now));

        Assert.Equal("watermark", error.ParamName);
    }

    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var options = new OrderPollingOptions();

        Assert.Equal(TimeSpan.FromMinutes(2), options.SafetyLag);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Overlap);
        Assert.Equal(TimeSpan.FromDays(1), options.InitialLookBack);
        Assert.Equal(TimeSpan.FromMinutes(2), OrderPollingOptions.MinimumSafetyLag);
    }
}
