using AmazonFulfillment.Domain;

namespace AmazonFulfillment.SellingPartner.Tests.Polling;

public sealed class OrderObservationDeduplicatorTests
{
    private static readonly AmazonOrderId A = AmazonOrderId.Parse("902-1845936-5435065");
    private static readonly AmazonOrderId B = AmazonOrderId.Parse("902-8745147-1934268");
    private static readonly DateTimeOffset T0 = new(2024, 12, 25, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryAccept_SameObservationTwice_DropsTheRepeat()
    {
        var dedupe = new OrderObservationDeduplicator();
        var snapshot = new AmazonOrderSnapshot(A, AmazonOrderStatus.Unshipped, FulfillmentChannel.Merchant, T0, T0.AddMinutes(1));

        Assert.True(dedupe.TryAccept(snapshot));
        Assert.False(dedupe.TryAccept(snapshot));
        Assert.False(dedupe.TryAccept(snapshot with { }));
    }

    [Fact]
    public void TryAccept_NewerLastUpdateDate_IsKept()
    {
        var dedupe = new OrderObservationDeduplicator();
        var unshipped = new AmazonOrderSnapshot(A, AmazonOrderStatus.Unshipped, FulfillmentChannel.Merchant, T0, T0.AddMinutes(1));
        var shipped = new AmazonOrderSnapshot(A, AmazonOrderStatus.Shipped, FulfillmentChannel.Merchant, T0, T0.AddMinutes(9));

        Assert.True(dedupe.TryAccept(unshipped));
        Assert.True(dedupe.TryAccept(shipped));
        Assert.False(dedupe.TryAccept(unshipped));
    }

    [Fact]
    public void ShouldDeliver_NotMarked_StaysNewSoAFailedApplyIsRetried()
    {
        var dedupe = new OrderObservationDeduplicator();

        Assert.True(dedupe.ShouldDeliver(A, T0));
        Assert.True(dedupe.ShouldDeliver(A, T0));
        dedupe.MarkDelivered(A, T0);
        Assert.False(dedupe.ShouldDeliver(A, T0));
        Assert.True(dedupe.ShouldDeliver(B, T0));
    }

    [Fact]
    public void MarkDelivered_OlderDate_KeepsTheNewer()
    {
        var dedupe = new OrderObservationDeduplicator();
        dedupe.MarkDelivered(A, T0.AddMinutes(5));
        dedupe.MarkDelivered(A, T0);

        Assert.False(dedupe.ShouldDeliver(A, T0.AddMinutes(5)));
        Assert.True(dedupe.ShouldDeliver(A, T0.AddMinutes(6)));
    }

    [Fact]
    public void BeginWindow_OverlappingWindow_ForgetsOnlyOrdersBeforeItsStart()
    {
        var dedupe = new OrderObservationDeduplicator();
        var now = T0.AddHours(1);
        var first = OrderPollingWindow.Next(null, now)!;
        dedupe.MarkDelivered(A, first.LastUpdatedBefore.AddMinutes(-30));
        dedupe.MarkDelivered(B, first.LastUpdatedBefore.AddMinutes(-1));
        var second = OrderPollingWindow.Next(first.NextWatermark, now.AddMinutes(10))!;

        Assert.Equal(1, dedupe.BeginWindow(second));

        Assert.Equal(1, dedupe.Count);
        Assert.False(dedupe.ShouldDeliver(B, first.LastUpdatedBefore.AddMinutes(-1)));
        Assert.True(dedupe.ShouldDeliver(A, first.LastUpdatedBefore.AddMinutes(-30)));
    }

    [Fact]
    public void ForgetBefore_Cutoff_ReturnsHowManyWereForgotten()
    {
        var dedupe = new OrderObservationDeduplicator();
        dedupe.MarkDelivered(A, T0);
        dedupe.MarkDelivered(B, T0.AddMinutes(1));

        Assert.Equal(0, dedupe.ForgetBefore(T0));
        Assert.Equal(2, dedupe.ForgetBefore(T0.AddMinutes(2)));
        Assert.Equal(0, dedupe.Count);
    }

    [Fact]
    public void ShouldDeliver_DefaultOrderId_ThrowsNamingParameter()
    {
        var error = Assert.Throws<ArgumentException>(() => new OrderObservationDeduplicator().ShouldDeliver(default, T0));

        Assert.Equal("amazonOrderId", error.ParamName);
    }

    [Fact]
    public void TryAccept_NullSnapshot_ThrowsNamingParameter()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new OrderObservationDeduplicator().TryAccept(null!));

        Assert.Equal("snapshot", error.ParamName);
    }
}
