using AmazonFulfillment.SellingPartner.Client.Diagnostics;

namespace AmazonFulfillment.SellingPartner.Client;

public sealed partial class SellingPartnerOrderPoller
{
    /// <summary>Gets the name of the poller's lease: <c>orders:{seller}</c>, one poller per seller whichever Orders API it reads.</summary>
    public string LeaseName { get; }

    /// <summary>Gets who this poller is to the lease store (<see cref="SellingPartnerPollerOptions.LeaseOwner"/>, or chosen at construction).</summary>
    public string LeaseOwner { get; }

    /// <summary>Gets whether this poller held the lease at its last take, renewal or release.</summary>
    public bool HoldsLease => Volatile.Read(ref _holdsLease);

    /// <summary>Gives the poller's lease up, so another host's poller takes it at its next cycle; stopping the hosted poller does it.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the lease is released.</returns>
    public async Task ReleaseLeaseAsync(CancellationToken cancellationToken = default)
    {
        await _polling.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_holdsLease)
            {
                Volatile.Write(ref _holdsLease, false);
                await _leases.ReleaseLeaseAsync(LeaseName, LeaseOwner, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _polling.Release();
        }
    }

    /// <summary>Stops the hosted poller, then releases its lease (a failure to release is logged; the lease then expires by itself).</summary>
    /// <param name="cancellationToken">Ends the graceful stop.</param>
    /// <returns>A task that completes when stopped.</returns>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ReleaseLeaseAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Stopping must not fail because the store is unreachable: the lease expires by itself.
        catch (Exception e)
#pragma warning restore CA1031
        {
            ClientLog.LeaseReleaseFailed(_logger, LeaseName, e.GetType().Name);
        }
    }

    /// <summary>Renews the lease this poller holds, or takes it when free or expired; answers whether this poller holds it now.</summary>
    private async Task<bool> HoldLeaseAsync(CancellationToken cancellationToken)
    {
        var held = (_holdsLease && await _leases.RenewLeaseAsync(LeaseName, LeaseOwner, _options.LeaseDuration, cancellationToken).ConfigureAwait(false))
            || await _leases.TryAcquireLeaseAsync(LeaseName, LeaseOwner, _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
        if (held && !_holdsLease)
        {
            ClientLog.LeaseAcquired(_logger, LeaseName, LeaseOwner);
        }

        Volatile.Write(ref _holdsLease, held);
        return held;
    }
}
