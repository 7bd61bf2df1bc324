using AmazonFulfillment.Runtime;
using AmazonFulfillment.SellingPartner.Client.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AmazonFulfillment.SellingPartner.Client.Tests;

/// <summary>One poller per seller across hosts: the pollers of two "hosts" share one order store and one lease store.</summary>
public sealed class PollerLeaseTests
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(10);

    [Fact(Timeout = 90_000)]
    public async Task TwoPollers_OverOneStore_OnlyOnePollsPerCycle()
    {
        var store = new InMemoryOrderStore();
        await using var h = await Harness.StartAsync(fake: o => o.OrdersPageSize = 2, store: store);
        var leases = new InMemoryPollerLeaseStore();
        using var first = Poller(h, leases, "host-a");
        using var second = Poller(h, leases, "host-b");
        var orders = Enumerable.Range(0, 3).Select(_ => h.Place()).ToList();

        var results = new List<(OrderPollResult First, OrderPollResult Second)>();
        for (var cycle = 0; cycle < 3; cycle++)
        {
            var both = await Task.WhenAll(first.PollOnceAsync(), second.PollOnceAsync());
            results.Add((both[0], both[1]));
        }

        foreach (var (a, b) in results)
        {
            Assert.True(a.LeaseHeldElsewhere != b.LeaseHeldElsewhere, $"exactly one poller polls per cycle: {a} / {b}");
            var skipped = a.LeaseHeldElsewhere ? a : b;
            Assert.Equal(new OrderPollResult(0, 0, 0, false, null) { LeaseHeldElsewhere = true }, skipped);
        }

        // The one that took the lease first keeps it, renewing it each cycle; only its calls reached Amazon.
        var holder = results[0].First.LeaseHeldElsewhere ? second : first;
        Assert.All(results, r => Assert.Equal(holder == first, !r.First.LeaseHeldElsewhere));
        Assert.True(holder.HoldsLease);
        Assert.False((holder == first ? second : first).HoldsLease);
        var polled = results.Select(r => r.First.LeaseHeldElsewhere ? r.Second : r.First).ToList();
        Assert.True(polled[0].WindowCompleted, polled[0].Failure);
        Assert.Equal(orders.Count, polled[0].Orders);
        Assert.Equal(polled.Sum(r => r.Pages), h.Amazon.Requests.Count(r => r.Operation == "searchOrders"));
        Assert.Equal(orders.Count, h.Commerce.Orders.Count);
        Assert.Contains(h.Logs.Lines, m => m.Contains("is held by another host; cycle skipped", StringComparison.Ordinal));
    }

    [Fact(Timeout = 90_000)]
    public async Task AHolderThatDies_IsTakenOver_OnceItsLeaseExpired_AndDoesNotPollWhenItComesBack()
    {
        var store = new InMemoryOrderStore();
        await using var h = await Harness.StartAsync(store: store);
        var leaseClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var leases = new InMemoryPollerLeaseStore(leaseClock);
        using var dying = Poller(h, leases, "host-a");
        using var standby = Poller(h, leases, "host-b");
        h.Place();

        Assert.False((await dying.PollOnceAsync()).LeaseHeldElsewhere);

        // host-a dies without releasing: until its lease expires, host-b skips.
        leaseClock.Advance(LeaseDuration - TimeSpan.FromSeconds(1));
        Assert.True((await standby.PollOnceAsync()).LeaseHeldElsewhere);

        leaseClock.Advance(TimeSpan.FromSeconds(2));
        var takenOver = await standby.PollOnceAsync();
        Assert.False(takenOver.LeaseHeldElsewhere);
        Assert.Null(takenOver.Failure);
        Assert.True(standby.HoldsLease);

        // host-a comes back: its renewal fails and the lease is not free, so it skips.
        var back = await dying.PollOnceAsync();
        Assert.True(back.LeaseHeldElsewhere);
        Assert.False(dying.HoldsLease);
    }

    [Fact(Timeout = 90_000)]
    public async Task Stopping_ReleasesTheLease_SoAnotherHostPollsAtItsNextCycle()
    {
        await using var h = await Harness.StartAsync();
        var leases = new InMemoryPollerLeaseStore(new FakeTimeProvider(DateTimeOffset.UtcNow)); // the lease clock never moves
        using var stopping = Poller(h, leases, "host-a");
        using var other = Poller(h, leases, "host-b");
        h.Place();

        Assert.False((await stopping.PollOnceAsync()).LeaseHeldElsewhere);
        Assert.True((await other.PollOnceAsync()).LeaseHeldElsewhere);

        await stopping.StartAsync(default);
        await stopping.StopAsync(default);

        Assert.False(stopping.HoldsLease);
        Assert.False((await other.PollOnceAsync()).LeaseHeldElsewhere);
    }

    [Fact(Timeout = 90_000)]
    public async Task LosingTheLease_DuringAWindow_StopsAfterThatPage_AndTheNewHolderResumesFromItsCheckpoint()
    {
        var store = new InMemoryOrderStore();
        await using var h = await Harness.StartAsync(fake: o => o.OrdersPageSize = 1, store: store);
        var leaseClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var stealing = new StealingLeaseStore(new InMemoryPollerLeaseStore(leaseClock), leaseClock);
        using var slow = Poller(h, stealing, "host-a");
        using var thief = Poller(h, stealing, "host-b");
        stealing.Thief = thief;
        for (var i = 0; i < 3; i++)
        {
            h.Place();
        }

        // After host-a's first page, its lease lapses and host-b takes it before host-a renews.
        stealing.StealAtRenewal = 1;
        var lost = await slow.PollOnceAsync();

        Assert.True(lost.LeaseHeldElsewhere);
        Assert.Equal(1, lost.Pages);
        Assert.False(lost.WindowCompleted);
        Assert.NotNull(lost.Failure);
        var cursor = await store.LoadCursorAsync(slow.CursorName);
        Assert.True(cursor!.InWindow);
        Assert.NotNull(cursor.PageToken);

        var resumed = await thief.PollOnceAsync();
        Assert.True(resumed.WindowCompleted, resumed.Failure);
        Assert.Equal(2, resumed.Orders); // the pages after host-a's checkpoint, none read twice
        Assert.Equal(3, h.Commerce.Orders.Count);
    }

    [Fact]
    public async Task InMemoryLeases_TakeRenewAndRelease_ByOwner_AndExpireOnTheirClock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var leases = new InMemoryPollerLeaseStore(clock);
        var duration = TimeSpan.FromMinutes(1);

        Assert.False(await leases.RenewLeaseAsync("l", "a", duration)); // never taken
        Assert.True(await leases.TryAcquireLeaseAsync("l", "a", duration));
        Assert.True(await leases.TryAcquireLeaseAsync("l", "a", duration)); // its holder takes it again
        Assert.False(await leases.TryAcquireLeaseAsync("l", "b", duration));
        Assert.False(await leases.RenewLeaseAsync("l", "b", duration));
        Assert.True(await leases.TryAcquireLeaseAsync("other", "b", duration)); // leases are by name

        clock.Advance(TimeSpan.FromSeconds(50));
        Assert.True(await leases.RenewLeaseAsync("l", "a", duration)); // holds 60 s from now
        clock.Advance(TimeSpan.FromSeconds(50));
        Assert.False(await leases.TryAcquireLeaseAsync("l", "b", duration));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.False(await leases.RenewLeaseAsync("l", "a", duration)); // expired
        Assert.True(await leases.TryAcquireLeaseAsync("l", "b", duration));

        await leases.ReleaseLeaseAsync("l", "a"); // not the holder: nothing happens
        Assert.False(await leases.TryAcquireLeaseAsync("l", "a", duration));
        await leases.ReleaseLeaseAsync("l", "b");
        Assert.True(await leases.TryAcquireLeaseAsync("l", "a", duration));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("duration", async () => await leases.TryAcquireLeaseAsync("l", "a", TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentException>("owner", async () => await leases.TryAcquireLeaseAsync("l", " ", duration));
        await Assert.ThrowsAsync<ArgumentException>("name", async () => await leases.RenewLeaseAsync("", "a", duration));
    }

    [Fact]
    public void Options_ALeaseNoLongerThanTheInterval_IsRefused_NamingBothFields()
    {
        var problems = new SellingPartnerPollerOptions { Interval = TimeSpan.FromMinutes(5), LeaseDuration = TimeSpan.FromMinutes(5), LeaseOwner = " " }.Validate();

        Assert.Contains(problems, p => p.StartsWith("LeaseDuration (00:05:00) must be longer than Interval (00:05:00)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("LeaseOwner must be null", StringComparison.Ordinal));
        Assert.Empty(new SellingPartnerPollerOptions().Validate());
    }

    [Fact(Timeout = 90_000)]
    public async Task Registration_WithAStoreWithoutLeases_SharesOneInMemoryLeaseStore_AndNamesTheLeaseBySeller()
    {
        await using var h = await Harness.StartAsync();

        var leases = h.Services.GetRequiredService<IPollerLeaseStore>();

        Assert.IsType<InMemoryPollerLeaseStore>(leases);
        Assert.Same(leases, h.Services.GetRequiredService<IPollerLeaseStore>());
        Assert.Equal("orders:" + h.Client.Options.SellerId, h.Poller.LeaseName);
        h.Place();
        Assert.False((await h.Poller.PollOnceAsync()).LeaseHeldElsewhere);
        Assert.False(await leases.TryAcquireLeaseAsync(h.Poller.LeaseName, "another-host", TimeSpan.FromMinutes(1)));
    }

    private static SellingPartnerOrderPoller Poller(Harness h, IPollerLeaseStore leases, string owner) =>
        new(
            h.Client,
            h.Runtime,
            h.Store,
            Options.Create(new SellingPartnerPollerOptions { LeaseOwner = owner, LeaseDuration = LeaseDuration, RunAsHostedService = false }),
            logger: h.Services.GetRequiredService<ILogger<SellingPartnerOrderPoller>>(),
            leases: leases);

    /// <summary>Lets a chosen renewal find the lease expired and taken by the thief (a host whose clock-driven take came first).</summary>
    private sealed class StealingLeaseStore(InMemoryPollerLeaseStore inner, FakeTimeProvider clock) : IPollerLeaseStore
    {
        private int _renewals;

        public SellingPartnerOrderPoller? Thief { get; set; }

        public int StealAtRenewal { get; set; } = -1;

        public ValueTask<bool> TryAcquireLeaseAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken = default) =>
            inner.TryAcquireLeaseAsync(name, owner, duration, cancellationToken);

        public async ValueTask<bool> RenewLeaseAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
        {
            if (++_renewals == StealAtRenewal)
            {
                clock.Advance(duration + TimeSpan.FromSeconds(1));
                Assert.True(await inner.TryAcquireLeaseAsync(name, Thief!.LeaseOwner, duration, cancellationToken));
            }

            return await inner.RenewLeaseAsync(name, owner, duration, cancellationToken);
        }

        public ValueTask ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken = default) =>
            inner.ReleaseLeaseAsync(name, owner, cancellationToken);
    }
}
