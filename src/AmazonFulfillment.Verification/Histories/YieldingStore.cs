using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;

namespace AmazonFulfillment.Verification.Histories;

/// <summary>A store that yields the thread before each call, so concurrent workers over in-memory ports really interleave.</summary>
/// <param name="inner">The real store.</param>
internal sealed class YieldingStore(IOrderStore inner) : IOrderStore
{
    public async ValueTask<StoredOrder?> LoadAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return await inner.LoadAsync(amazonOrderId, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<long?> SaveAsync(FulfillmentOrder order, long expectedVersion, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return await inner.SaveAsync(order, expectedVersion, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<IReadOnlyList<AmazonOrderId>> ListUnfinishedAsync(CancellationToken cancellationToken = default) =>
        inner.ListUnfinishedAsync(cancellationToken);
}
