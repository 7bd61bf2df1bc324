namespace AmazonFulfillment.SellingPartner;

/// <summary>
/// Optional capability of an order store shared by several hosts: named, expiring leases, so that one host at a time runs
/// a seller's order poller (two would spend the seller's <c>getOrders</c>/<c>searchOrders</c> budget twice). A lease is held
/// by one owner until it is released or its duration passes without a renewal; then any owner may take it. Where the store is
/// a database, the database's clock decides expiry, so hosts with skewed clocks agree on it. The poller looks for it on the
/// registered order store, or takes the one registered on its own.
/// </summary>
public interface IPollerLeaseStore
{
    /// <summary>Takes the lease when nobody holds it or its holder's lease expired; renews it when <paramref name="owner"/> holds it already.</summary>
    /// <param name="name">The lease's name, such as <c>orders:A2EXAMPLESELLER</c>.</param>
    /// <param name="owner">Who takes it: unique per poller instance (host, process, instance).</param>
    /// <param name="duration">How long it holds without a renewal; positive.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when <paramref name="owner"/> holds the lease for <paramref name="duration"/> from now; <see langword="false"/> when another owner holds it.</returns>
    ValueTask<bool> TryAcquireLeaseAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Extends a lease that <paramref name="owner"/> still holds.</summary>
    /// <param name="name">The lease's name.</param>
    /// <param name="owner">Who holds it.</param>
    /// <param name="duration">How long it holds from now without another renewal; positive.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when renewed; <see langword="false"/> when <paramref name="owner"/> does not hold it (never took it, released it, or let it expire).</returns>
    ValueTask<bool> RenewLeaseAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Gives a lease up, so another owner may take it at once; does nothing when <paramref name="owner"/> does not hold it.</summary>
    /// <param name="name">The lease's name.</param>
    /// <param name="owner">Who holds it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the lease is released.</returns>
    ValueTask ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken = default);
}
