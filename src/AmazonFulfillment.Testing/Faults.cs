using System.Collections.Concurrent;
using AmazonFulfillment.Ports;

namespace AmazonFulfillment.Testing;

/// <summary>How an injected fault fails a call.</summary>
public enum FaultMode
{
    /// <summary>The call does nothing and the caller sees a transient failure.</summary>
    Transient,

    /// <summary>The call takes effect, then the caller sees a transient failure (the response was lost).</summary>
    LostResponse,

    /// <summary>The call does nothing and the caller sees throttling (HTTP 429).</summary>
    Throttled,

    /// <summary>The call does nothing and the caller sees a permanent rejection.</summary>
    Permanent,

    /// <summary>
    /// The call answers with a result that breaks the port's contract: <c>GetOrderItems</c> lists every line twice (a page read twice),
    /// <c>CreateOrder</c> and <c>CreateCustomer</c> succeed without a value, other operations answer a status that does not exist.
    /// </summary>
    Malformed,

    /// <summary>The call does nothing and throws (a bug or an unexpected infrastructure failure in the port).</summary>
    Throw,
}

/// <summary>The exception a <see cref="FaultMode.Throw"/> fault throws.</summary>
public sealed class InjectedFaultException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InjectedFaultException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public InjectedFaultException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InjectedFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Scripted faults and call counts shared by the in-memory ports: "the next n calls of port.operation fail
/// this way". Thread-safe. Operation names are those of the replay format (<c>amazon.GetOrderItems</c>,
/// <c>commerce.CreateOrder</c>, <c>customers.FindCustomer</c>, <c>store.Save</c> …).
/// </summary>
public sealed class FaultInjector
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FaultMode>> _faults = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    /// <summary>Makes the next <paramref name="count"/> calls of an operation fail.</summary>
    /// <param name="port">The port: <c>amazon</c>, <c>commerce</c>, <c>customers</c> or <c>store</c>.</param>
    /// <param name="operation">The operation, such as <c>ConfirmShipment</c>.</param>
    /// <param name="mode">How they fail.</param>
    /// <param name="count">How many calls, at least 1.</param>
    /// <exception cref="ArgumentException">The port or operation is blank, or the mode undefined.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    public void Add(string port, string operation, FaultMode mode, int count = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(port);
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentException($"{(int)mode} is not a fault mode.", nameof(mode));
        }

        var queue = _faults.GetOrAdd(Key(port, operation), _ => new ConcurrentQueue<FaultMode>());
        for (var i = 0; i < count; i++)
        {
            queue.Enqueue(mode);
        }
    }

    /// <summary>Gets how many times each operation was called, failed calls included, keyed <c>port.Operation</c>.</summary>
    /// <returns>A sorted copy of the counts.</returns>
    public IReadOnlyDictionary<string, int> Calls() => new SortedDictionary<string, int>(_calls, StringComparer.Ordinal);

    /// <summary>Gets how many times one operation was called.</summary>
    /// <param name="port">The port.</param>
    /// <param name="operation">The operation.</param>
    /// <returns>The count.</returns>
    public int CallsOf(string port, string operation) => _calls.TryGetValue(Key(port, operation), out var n) ? n : 0;

    /// <summary>Gets how many scripted faults are still waiting.</summary>
    public int PendingFaults => _faults.Values.Sum(q => q.Count);

    /// <summary>Counts a call and takes its scripted fault, if any.</summary>
    /// <param name="port">The port.</param>
    /// <param name="operation">The operation.</param>
    /// <returns>The fault to apply, or <see langword="null"/>.</returns>
    public FaultMode? Enter(string port, string operation)
    {
        var key = Key(port, operation);
        _calls.AddOrUpdate(key, 1, (_, n) => n + 1);
        return _faults.TryGetValue(key, out var queue) && queue.TryDequeue(out var mode) ? mode : null;
    }

    /// <summary>Runs a port operation under the fault script: counts it, and fails it as scripted.</summary>
    /// <typeparam name="T">The result's value type.</typeparam>
    /// <param name="port">The port.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="action">The operation's real effect.</param>
    /// <param name="cancellationToken">Cancels the call before it runs.</param>
    /// <param name="malformed">What a <see cref="FaultMode.Malformed"/> fault answers; a status that does not exist when <see langword="null"/>.</param>
    /// <returns>The result, or the scripted failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="action"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> is cancelled before the call.</exception>
    /// <exception cref="InjectedFaultException">A <see cref="FaultMode.Throw"/> fault was scripted for this call.</exception>
    public ValueTask<PortResult<T>> Run<T>(string port, string operation, Func<PortResult<T>> action, CancellationToken cancellationToken, Func<PortResult<T>>? malformed = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        cancellationToken.ThrowIfCancellationRequested();
        var fault = Enter(port, operation);
        PortResult<T> result = fault switch
        {
            FaultMode.Transient => PortResult.Transient($"injected transient failure of {port}.{operation}"),
            FaultMode.Throttled => PortResult.Throttled(),
            FaultMode.Permanent => PortResult.Rejected($"injected permanent failure of {port}.{operation}"),
            FaultMode.LostResponse => Lose(action()),
            FaultMode.Malformed => malformed?.Invoke() ?? new PortResult<T>((PortStatus)99, default, "malformed"),
            FaultMode.Throw => throw new InjectedFaultException($"injected exception from {port}.{operation}"),
            _ => action(),
        };
        return ValueTask.FromResult(result);

        static PortResult<T> Lose(PortResult<T> _) => PortResult.Transient("response lost");
    }

    /// <summary>Runs a port operation without a value under the fault script.</summary>
    /// <param name="port">The port.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="action">The operation's real effect.</param>
    /// <param name="cancellationToken">Cancels the call before it runs.</param>
    /// <returns>The result, or the scripted failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="action"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> is cancelled before the call.</exception>
    public async ValueTask<PortResult> Run(string port, string operation, Func<PortResult> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var r = await Run(port, operation, () => action() is var x && x.IsSuccess ? PortResult<bool>.Ok(true) : PortResult<bool>.From(x), cancellationToken).ConfigureAwait(false);
        if (!Enum.IsDefined(r.Status))
        {
            return new PortResult(r.Status, r.Reason);
        }

        return r.WithoutValue();
    }

    private static string Key(string port, string operation) => port + "." + operation;
}
