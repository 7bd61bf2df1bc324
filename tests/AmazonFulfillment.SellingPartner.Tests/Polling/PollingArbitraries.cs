using FsCheck;
using FsCheck.Fluent;

namespace AmazonFulfillment.SellingPartner.Tests.Polling;

/// <summary>Inputs for two consecutive polls: options, a stored watermark (or none) and two clock readings.</summary>
public sealed record PollingCase(OrderPollingOptions Options, DateTimeOffset? Watermark, DateTimeOffset Now, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"lag={Options.SafetyLag}, overlap={Options.Overlap}, lookBack={Options.InitialLookBack}, watermark={Watermark:O}, now={Now:O}, elapsed={Elapsed}";
}

/// <summary>One order's observations as (order index, seconds after a base time), in delivery order.</summary>
public sealed record Observations(IReadOnlyList<(int Order, int Second)> Items)
{
    public override string ToString() => string.Join(" ", Items.Select(i => $"{i.Order}@{i.Second}"));
}

public static class PollingArbitraries
{
    private static readonly DateTime Base = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static Arbitrary<PollingCase> PollingCase() =>
        (from lagSeconds in Gen.Choose(120, 7200)
         from lagTicks in Gen.Choose(0, (int)TimeSpan.TicksPerSecond - 1)
         from overlapSeconds in Gen.Choose(0, 3600)
         from lookBackSeconds in Gen.Choose(1, 7 * 86400)
         from nowSeconds in Gen.Choose(0, 300_000_000)
         from nowTicks in Gen.Choose(0, (int)TimeSpan.TicksPerSecond - 1)
         from offsetQuarters in Gen.Choose(-48, 56)
         from hasWatermark in Gen.Elements(true, false)
         from watermarkAgo in Gen.Choose(-600, 30 * 86400)
         from elapsedMs in Gen.Choose(0, 3_600_000)
         let now = new DateTimeOffset(Base.AddSeconds(nowSeconds).AddTicks(nowTicks)).ToOffset(TimeSpan.FromMinutes(offsetQuarters * 15))
         select new PollingCase(
             new OrderPollingOptions
             {
                 SafetyLag = TimeSpan.FromSeconds(lagSeconds) + TimeSpan.FromTicks(lagTicks),
                 Overlap = TimeSpan.FromSeconds(overlapSeconds),
                 InitialLookBack = TimeSpan.FromSeconds(lookBackSeconds),
             },
             hasWatermark ? now.AddSeconds(-watermarkAgo) : null,
             now,
             TimeSpan.FromMilliseconds(elapsedMs)))
        .ToArbitrary();

    public static Arbitrary<Observations> Observations() =>
        Gen.ListOf(Gen.Zip(Gen.Choose(0, 4), Gen.Choose(0, 20)))
            .Select(list => new Observations([.. list.Select(p => (p.Item1, p.Item2))]))
            .ToArbitrary();
}
