using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Runtime;

/// <summary>
/// Serializes work on one order within a process; the store's versions handle other processes. A fixed set of
/// striped semaphores: taking a lock allocates nothing, and two orders share a stripe only rarely (which only
/// serializes them). A flow holds one order's lock at a time, so stripes cannot deadlock.
/// </summary>
internal sealed class OrderLocks
{
    private const int Stripes = 1024;
    private readonly SemaphoreSlim[] _stripes = CreateStripes();

    public async ValueTask<Releaser> AcquireAsync(AmazonOrderId id, CancellationToken cancellationToken)
    {
        var stripe = _stripes[StringComparer.Ordinal.GetHashCode(id.Value) & (Stripes - 1)];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(stripe);
    }

    private static SemaphoreSlim[] CreateStripes()
    {
        var stripes = new SemaphoreSlim[Stripes];
        for (var i = 0; i < stripes.Length; i++)
        {
            stripes[i] = new SemaphoreSlim(1, 1);
        }

        return stripes;
    }

    internal readonly struct Releaser(SemaphoreSlim stripe) : IDisposable
    {
        public void Dispose() => stripe.Release();
    }
}
