using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Runtime;

/// <summary>Serializes work on one order within a process; the store's versions handle other processes.</summary>
internal sealed class OrderLocks
{
    private readonly Dictionary<AmazonOrderId, Entry> _entries = [];

    public async ValueTask<Releaser> AcquireAsync(AmazonOrderId id, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(id, out entry!))
            {
                entry = new Entry();
                _entries[id] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Release(id, entry, held: false);
            throw;
        }

        return new Releaser(this, id, entry);
    }

    private void Release(AmazonOrderId id, Entry entry, bool held)
    {
        if (held)
        {
            entry.Semaphore.Release();
        }

        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(id);
                entry.Semaphore.Dispose();
            }
        }
    }

    internal readonly struct Releaser(OrderLocks owner, AmazonOrderId id, Entry entry) : IDisposable
    {
        public void Dispose() => owner.Release(id, entry, held: true);
    }

    internal sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }
}
