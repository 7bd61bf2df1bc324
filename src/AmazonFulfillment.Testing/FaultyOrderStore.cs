using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;

namespace AmazonFulfillment.Testing;

/// <summary>The exception a store fault throws: an infrastructure failure the runtime retries.</summary>
public sealed class InjectedStoreFaultException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InjectedStoreFaultException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public InjectedStoreFaultException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InjectedStoreFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Wraps a store with scripted faults and call counts (port name <c>store</c>, operations <c>Load</c> and
/// <c>Save</c>). A store fails by throwing: <c>lost-response</c> saves, then throws.
/// </summary>
/// <param name="inner">The real store.</param>
/// <param name="faults">Shared faults and counts.</param>
public sealed class FaultyOrderStore(IOrderStore inner, FaultInjector faults) : IOrderStore, IShipByIndex
{
    private const string Port = "store";

    /// <summary>Gets the wrapped store.</summary>
    public IOrderStore Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>Gets the faults and call counts.</summary>
    public FaultInjector Faults { get; } = faults ?? throw new ArgumentNullException(nameof(faults));

    /// <inheritdoc />
    public async ValueTask<StoredOrder?> LoadAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default)
    {
        var fault = Faults.Enter(Port, "Load");
        var result = fault is null or FaultMode.LostResponse ? await Inner.LoadAsync(amazonOrderId, cancellationToken).ConfigureAwait(false) : null;
        return fault is null ? result : throw new InjectedStoreFaultException($"injected {fault} failure of store.Load");
    }

    /// <inheritdoc />
    public async ValueTask<long?> SaveAsync(FulfillmentOrder order, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var fault = Faults.Enter(Port, "Save");
        var result = fault is null or FaultMode.LostResponse ? await Inner.SaveAsync(order, expectedVersion, cancellationToken).ConfigureAwait(false) : null;
        return fault is null ? result : throw new InjectedStoreFaultException($"injected {fault} failure of store.Save");
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<AmazonOrderId>> ListUnfinishedAsync(CancellationToken cancellationToken = default) =>
        Inner.ListUnfinishedAsync(cancellationToken);

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">The wrapped store does not implement <see cref="IShipByIndex"/>.</exception>
    public ValueTask<IReadOnlyList<AmazonOrderId>> ListShipByAsync(DateTimeOffset deadlineBefore, int max, CancellationToken cancellationToken = default) =>
        Inner is IShipByIndex index
            ? index.ListShipByAsync(deadlineBefore, max, cancellationToken)
            : throw new NotSupportedException($"The wrapped store ({Inner.GetType().Name}) does not implement IShipByIndex.");
}
