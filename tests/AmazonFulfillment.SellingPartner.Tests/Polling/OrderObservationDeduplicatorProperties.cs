using AmazonFulfillment.Domain;
using FsCheck.Xunit;

namespace AmazonFulfillment.SellingPartner.Tests.Polling;

public sealed class OrderObservationDeduplicatorProperties
{
    private static readonly DateTimeOffset Base = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly AmazonOrderId[] Orders =
    [
        AmazonOrderId.Parse("902-0000000-0000000"),
        AmazonOrderId.Parse("902-0000000-0000001"),
        AmazonOrderId.Parse("902-0000000-0000002"),
        AmazonOrderId.Parse("902-0000000-0000003"),
        AmazonOrderId.Parse("902-0000000-0000004"),
    ];

    [Property(Arbitrary = [typeof(PollingArbitraries)], MaxTest = 300)]
    public bool TryAccept_AnySequence_AcceptsExactlyStrictlyNewerObservationsPerOrder(Observations observations)
    {
        var dedupe = new OrderObservationDeduplicator();
        var newest = new Dictionary<int, int>();
        foreach (var (order, second) in observations.Items)
        {
            var expected = !newest.TryGetValue(order, out var seen) || second > seen;
            if (expected)
            {
                newest[order] = second;
            }

            if (dedupe.TryAccept(Snapshot(order, second)) != expected)
            {
                return false;
            }
        }

        return dedupe.Count == newest.Count;
    }

    [Property(Arbitrary = [typeof(PollingArbitraries)], MaxTest = 300)]
    public bool TryAccept_SequenceDeliveredTwice_AcceptsNothingTheSecondTime(Observations observations)
    {
        var dedupe = new OrderObservationDeduplicator();
        foreach (var (order, second) in observations.Items)
        {
            dedupe.TryAccept(Snapshot(order, second));
        }

        return observations.Items.All(o => !dedupe.TryAccept(Snapshot(o.Order, o.Second)));
    }

    private static AmazonOrderSnapshot Snapshot(int order, int second) =>
        new(Orders[order], AmazonOrderStatus.Unshipped, FulfillmentChannel.Merchant, Base, Base.AddSeconds(second));
}
