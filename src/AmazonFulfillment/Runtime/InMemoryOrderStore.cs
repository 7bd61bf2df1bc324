using System.Collections.Concurrent;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;

namespace AmazonFulfillment.Runtime;

/// <summary>
/// The embedded default <see cref="IOrderStore"/>: thread-safe, versioned, in process memory. Shared by
/// every runtime in the process that is given the same instance; lost when the process ends.
/// </summary>
public sealed class InMemoryOrderStore : IOrderStore, IPollingCursorStore, IShipByIndex
{
    private readonly ConcurrentDictionary<AmazonOrderId, StoredOrder> _orders = new();
    private readonly ConcurrentDictionary<string, PollingCursor> _cursors = new(StringComparer.Ordinal);

    /// <summary>Gets the number of tracked orders.</summary>
    public int Count => _orders.Count;

    /// <inheritdoc />
    public ValueTask<StoredOrder?> LoadAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_orders.TryGetValue(amazonOrderId, out var stored) ? stored : null);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="order"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedVersion"/> is negative.</exception>
    public ValueTask<long?> SaveAsync(FulfillmentOrder order, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        cancellationToken.ThrowIfCancellationRequested();
        if (expectedVersion == 0)
        {
            return ValueTask.FromResult<long?>(_orders.TryAdd(order.Id, new StoredOrder(order, 1)) ? 1 : null);
        }

        if (!_orders.TryGetValue(order.Id, out var current) || current.Version != expectedVersion)
        {
            return ValueTask.FromResult<long?>(null);
        }

        var next = new StoredOrder(order, expectedVersion + 1);
        return ValueTask.FromResult<long?>(_orders.TryUpdate(order.Id, next, current) ? next.Version : null);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<AmazonOrderId>> ListUnfinishedAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<AmazonOrderId> ids = _orders.Values
            .Where(s => s.Order.HasUnfinishedWork)
            .Select(s => (s.Order.Id, Deadline: s.Order.ShipByDeadline ?? DateTimeOffset.MaxValue))
            .OrderBy(o => o.Deadline)
            .ThenBy(o => o.Id)
            .Select(o => o.Id)
            .ToList();
        return ValueTask.FromResult(ids);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is below 1.</exception>
    public ValueTask<IReadOnlyList<AmazonOrderId>> ListShipByAsync(DateTimeOffset deadlineBefore, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<AmazonOrderId> ids = _orders.Values
            .Select(s => (s.Order.Id, Deadline: s.Order.ShipByDeadline))
            .Where(o => o.Deadline <= deadlineBefore)
            .OrderBy(o => o.Deadline)
            .ThenBy(o => o.Id)
            .Take(max)
            .Select(o => o.Id)
            .ToList();
        return ValueTask.FromResult(ids);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public ValueTask<PollingCursor?> LoadCursorAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_cursors.TryGetValue(name, out var cursor) ? cursor : null);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="cursor"/> is null.</exception>
    public ValueTask SaveCursorAsync(string name, PollingCursor cursor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(cursor);
        cancellationToken.ThrowIfCancellationRequested();
        _cursors[name] = cursor;
        return ValueTask.CompletedTask;
    }

    /// <summary>Returns every stored order, sorted by Amazon order id (for reports and tests).</summary>
    /// <returns>The stored orders.</returns>
    public IReadOnlyList<StoredOrder> All() => _orders.Values.OrderBy(s => s.Order.Id).ToList();
}
