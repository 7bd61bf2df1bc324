using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Ports;

/// <summary>
/// Optional capability of an <see cref="IOrderStore"/> shared by several hosts: leases on orders with unfinished
/// work, so that the hosts' sweeps (<c>SyncAsync</c>, <c>ResumeAsync</c>) split that work instead of all running it.
/// When the registered store implements it, the runtime sweeps only the orders it claimed; otherwise it sweeps
/// every order <see cref="IOrderStore.ListUnfinishedAsync"/> returns. The runtime also runs an order's queued effects only
/// under its claim (taken with <see cref="TryClaimAsync"/> and renewed before each effect), so that two hosts never send the
/// same call at once. Saves stay guarded by the store's versions, so an expired claim is still safe, only costlier.
/// </summary>
public interface IOrderClaims
{
    /// <summary>
    /// Claims up to <paramref name="max"/> orders with unfinished work that no other owner holds an unexpired claim on,
    /// for <paramref name="lease"/>. Claims of a host that stopped expire after their lease and can then be claimed by others.
    /// </summary>
    /// <param name="owner">Who claims (one value per runtime instance).</param>
    /// <param name="max">The most orders to claim, at least 1.</param>
    /// <param name="lease">How long the claims last unless released, more than zero.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The orders claimed, possibly none.</returns>
    ValueTask<IReadOnlyList<AmazonOrderId>> ClaimUnfinishedAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims one order for <paramref name="lease"/> unless another owner holds an unexpired claim on it (a claim this owner holds
    /// already is extended). The runtime claims an order before it runs the work an input queued, so that two hosts never run the
    /// same order's effects at once: the host that does not get the claim leaves the work to the one that holds it.
    /// </summary>
    /// <param name="owner">Who claims.</param>
    /// <param name="amazonOrderId">The order.</param>
    /// <param name="lease">How long the claim lasts unless released, more than zero.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when <paramref name="owner"/> now holds the claim.</returns>
    ValueTask<bool> TryClaimAsync(string owner, AmazonOrderId amazonOrderId, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Releases claims <paramref name="owner"/> holds; claims held by others are left alone.</summary>
    /// <param name="owner">Who claimed them.</param>
    /// <param name="amazonOrderIds">The orders.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the claims are released.</returns>
    ValueTask ReleaseAsync(string owner, IReadOnlyCollection<AmazonOrderId> amazonOrderIds, CancellationToken cancellationToken = default);
}
