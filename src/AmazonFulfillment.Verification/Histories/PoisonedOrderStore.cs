using System.Collections.Concurrent;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Testing;

namespace AmazonFulfillment.Verification.Histories;

/// <summary>Which store operation a poisoned order's document fails.</summary>
public enum PoisonedOperation
{
    /// <summary>Loading the order throws (a document the store cannot read).</summary>
    Load,

    /// <summary>Saving the order throws (a value the store keeps refusing).</summary>
    Save,
}

/// <summary>
/// Wraps a store so that chosen orders are poisoned: every load or every save of such an order throws
/// <see cref="InjectedStoreFaultException"/>, until it is cured. Other orders are untouched. Thread-safe.
/// </summary>
/// <param name="inner">The real store.</param>
public sealed class PoisonedOrderStore(IOrderStore inner) : IOrderStore
{
    private readonly IOrderStore _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private readonly ConcurrentDictionary<AmazonOrderId, PoisonedOperation> _poisoned = new();

    /// <summary>Gets the orders poisoned now.</summary>
    public IReadOnlyCollection<AmazonOrderId> Poisoned => [.. _poisoned.Keys];

    /// <summary>Poisons an order: from now on the operation throws for it.</summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <param name="operation">What fails.</param>
    public void Poison(AmazonOrderId amazonOrderId, PoisonedOperation operation) => _poisoned[amazonOrderId] = operation;

    /// <summary>Cures an order: the store reads and writes it again.</summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <returns><see langword="true"/> when it was poisoned.</returns>
    public bool Cure(AmazonOrderId amazonOrderId) => _poisoned.TryRemove(amazonOrderId, out _);

    /// <inheritdoc />
    /// <exception cref="InjectedStoreFaultException">The order is poisoned for loads.</exception>
    public ValueTask<StoredOrder?> LoadAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
        _poisoned.TryGetValue(amazonOrderId, out var op) && op == PoisonedOperation.Load
            ? throw new InjectedStoreFaultException($"injected poison: the stored document of order {amazonOrderId} cannot be read")
            : _inner.LoadAsync(amazonOrderId, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="order"/> is null.</exception>
    /// <exception cref="InjectedStoreFaultException">The order is poisoned for saves.</exception>
    public ValueTask<long?> SaveAsync(FulfillmentOrder order, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        return _poisoned.TryGetValue(order.Id, out var op) && op == PoisonedOperation.Save
            ? throw new InjectedStoreFaultException($"injected poison: the store refuses to save order {order.Id}")
            : _inner.SaveAsync(order, expectedVersion, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<AmazonOrderId>> ListUnfinishedAsync(CancellationToken cancellationToken = default) =>
        _inner.ListUnfinishedAsync(cancellationToken);
}
