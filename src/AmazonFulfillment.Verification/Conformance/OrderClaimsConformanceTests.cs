using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using Xunit;

namespace AmazonFulfillment.Verification.Conformance;

/// <summary>
/// The contract of <see cref="IOrderClaims"/> (leases that split the sweeps of several hosts), as xunit tests: derive from this
/// class in your test project and return a store that implements it, on a back end of its own (a fresh table or schema: a claim
/// takes any order with unfinished work). Checks: only orders with unfinished work are claimed; an owner's own unexpired claims
/// are not returned again; two owners claiming at once get disjoint orders; a claim expires after its lease; <c>TryClaimAsync</c>
/// extends one's own claim and fails on another's; <c>ReleaseAsync</c> frees only the caller's claims; every member honours a
/// cancelled token.
/// </summary>
public abstract class OrderClaimsConformanceTests
{
    /// <summary>Gets a lease long enough for the checks that run under it.</summary>
    protected static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>Creates the store under test, on a back end no other test uses; it must implement <see cref="IOrderClaims"/>.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<IOrderStore> CreateStoreAsync();

    /// <summary>Gets a lease the checks wait out to see a claim expire; the store judges expiry by its own clock.</summary>
    protected virtual TimeSpan ShortLease => TimeSpan.FromMilliseconds(300);

    /// <summary>Creates an order id no other test uses.</summary>
    /// <returns>The id.</returns>
    protected virtual AmazonOrderId NewOrderId() => TestIds.NewOrderId();

    /// <summary>Checks that only orders with unfinished work (an outbox, a blocked import) are claimed, each once.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task ClaimUnfinished_OnlyOrdersWithUnfinishedWork()
    {
        var (store, claims) = await StoreAsync().ConfigureAwait(false);
        var work = await SavedAsync(store, withOutbox: true).ConfigureAwait(false);
        var blocked = await SavedAsync(store, withOutbox: false, OrderState.Blocked).ConfigureAwait(false);
        var idle = await SavedAsync(store, withOutbox: false).ConfigureAwait(false);

        var claimed = await claims.ClaimUnfinishedAsync("host-a", 100, Lease).ConfigureAwait(false);

        Assert.Contains(work, claimed);
        Assert.Contains(blocked, claimed);
        Assert.DoesNotContain(idle, claimed);
        Assert.Equal(claimed.Count, claimed.Distinct().Count());
    }

    /// <summary>Checks that at most <c>max</c> orders are claimed, and that an owner's own unexpired claims are not returned again.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task ClaimUnfinished_AtMostMax_OwnClaimsNotReturnedAgain()
    {
        var (store, claims) = await StoreAsync().ConfigureAwait(false);
        var ids = new List<AmazonOrderId>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await SavedAsync(store, withOutbox: true).ConfigureAwait(false));
        }

        var first = await claims.ClaimUnfinishedAsync("host-a", 2, Lease).ConfigureAwait(false);
        var second = await claims.ClaimUnfinishedAsync("host-a", 100, Lease).ConfigureAwait(false);
        var third = await claims.ClaimUnfinishedAsync("host-a", 100, Lease).ConfigureAwait(false);

        Assert.Equal(2, first.Count);
        Assert.Empty(first.Intersect(second));
        Assert.Equal(ids.Order(), first.Concat(second).Order());
        Assert.Empty(third); // the sweep ends when nothing new is claimed
    }

    /// <summary>Checks that two owners claiming at once get disjoint orders, and together every order with work.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task ClaimUnfinished_TwoOwnersAtOnce_DisjointOrders()
    {
        var (store, claims) = await StoreAsync().ConfigureAwait(false);
        var ids = new List<AmazonOrderId>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await SavedAsync(store, withOutbox: true).ConfigureAwait(false));
        }

        for (var round = 0; round < 3; round++)
        {
            var a = Task.Run(async () => await claims.ClaimUnfinishedAsync("host-a", 15, Lease).ConfigureAwait(false));
            var b = Task.Run(async () => await claims.ClaimUnfinishedAsync("host-b", 15, Lease).ConfigureAwait(false));
            var (byA, byB) = (await a.ConfigureAwait(false), await b.ConfigureAwait(false));

            Assert.Empty(byA.Intersect(byB));
            Assert.Equal(ids.Order(), byA.Concat(byB).Order());
            await claims.ReleaseAsync("host-a", byA).ConfigureAwait(false);
            await claims.ReleaseAsync("host-b", byB).ConfigureAwait(false);
        }
    }

    /// <summary>Checks that another owner can claim an order once the first claim's lease has passed, and not before.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task Claim_Expires_AfterItsLease()
    {
        var (store, claims) = await StoreAsync().ConfigureAwait(false);
        var id = await SavedAsync(store, withOutbox: true).ConfigureAwait(false);

        Assert.Contains(id, await claims.ClaimUnfinishedAsync("host-a", 10, ShortLease).ConfigureAwait(false));
        Assert.False(await claims.TryClaimAsync("host-b", id, Lease).ConfigureAwait(false));
        await Task.Delay(ShortLease * 3).ConfigureAwait(false);

        Assert.Contains(id, await claims.ClaimUnfinishedAsync("host-b", 10, Lease).ConfigureAwait(false));
        Assert.False(await claims.TryClaimAsync("host-a", id, Lease).ConfigureAwait(false));
    }

    /// <summary>Checks that <c>TryClaimAsync</c> takes a free order, extends one's own claim, and fails on another owner's unexpired one.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task TryClaim_TakesFree_ExtendsOwn_FailsOnAnothers()
    {
        var (store, claims) = await StoreAsync().ConfigureAwait(false);
        var id = await SavedAsync(store, withOutbox: true).ConfigureAwait(false);

        Assert.True(await claims.TryClaimAsync("host-a", id, ShortLease).ConfigureAwait(false));
        Assert.True(await claims.TryClaimAsync("host-a", id, Lease).ConfigureAwait(false)); // extended past the short lease
        Assert.False(await claims.TryClaimAsync("host-b", id, Lease).ConfigureAwait(false));
        await Task.Delay(ShortLease * 3).ConfigureAwait(false);

        Assert.False(await claims.TryClaimAsync("host-b", id, Lease).ConfigureAwait(false)); // still held: the extension counts
        Assert.DoesNotContain(id, await claims.ClaimUnfinishedAsync("host-b", 10, Lease).ConfigureAwait(false));
    }

    /// <summary>Checks that <c>ReleaseAsync</c> frees the caller's claims and leaves another owner's alone.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task Release_FreesOnlyTheCallersClaims()
    {
        var (store, claims) = await StoreAsync().ConfigureAwait(false);
        var mine = await SavedAsync(store, withOutbox: true).ConfigureAwait(false);
        var theirs = await SavedAsync(store, withOutbox: true).ConfigureAwait(false);
        Assert.True(await claims.TryClaimAsync("host-a", mine, Lease).ConfigureAwait(false));
        Assert.True(await claims.TryClaimAsync("host-b", theirs, Lease).ConfigureAwait(false));

        await claims.ReleaseAsync("host-a", [mine, theirs]).ConfigureAwait(false);

        Assert.True(await claims.TryClaimAsync("host-c", mine, Lease).ConfigureAwait(false));
        Assert.False(await claims.TryClaimAsync("host-c", theirs, Lease).ConfigureAwait(false));
    }

    /// <summary>Checks that every member honours a cancelled token.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task EveryMember_CancelledToken_ThrowsOrReturnsPromptly()
    {
        var (store, claims) = await StoreAsync().ConfigureAwait(false);
        var id = await SavedAsync(store, withOutbox: true).ConfigureAwait(false);

        await Cancellation.HonouredAsync(async ct => await claims.ClaimUnfinishedAsync("host-a", 10, Lease, ct).ConfigureAwait(false)).ConfigureAwait(false);
        await Cancellation.HonouredAsync(async ct => await claims.TryClaimAsync("host-a", id, Lease, ct).ConfigureAwait(false)).ConfigureAwait(false);
        await Cancellation.HonouredAsync(async ct => await claims.ReleaseAsync("host-a", [id], ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private async Task<(IOrderStore Store, IOrderClaims Claims)> StoreAsync()
    {
        var store = await CreateStoreAsync().ConfigureAwait(false);
        return store is IOrderClaims claims
            ? (store, claims)
            : throw new InvalidOperationException($"{store.GetType().Name} does not implement IOrderClaims: derive this suite only for a store that does.");
    }

    private async Task<AmazonOrderId> SavedAsync(IOrderStore store, bool withOutbox, OrderState state = OrderState.Unshipped)
    {
        var id = NewOrderId();
        var order = TestIds.SmallOrder(id, state, withOutbox);
        Assert.Equal(1, await store.SaveAsync(order, 0).ConfigureAwait(false));
        return id;
    }
}
