namespace AmazonFulfillment.Ports;

/// <summary>How a port call ended, as far as retrying is concerned.</summary>
public enum PortStatus
{
    /// <summary>The call succeeded.</summary>
    Success,

    /// <summary>The remote service throttled the call (HTTP 429); retried with backoff, never a permanent failure.</summary>
    Throttled,

    /// <summary>A transient failure (time-out, 5xx, connection reset); the outcome may be unknown, so retries reuse the same idempotency key.</summary>
    Transient,

    /// <summary>A permanent rejection with a reason; recorded on the order, not retried.</summary>
    Rejected,
}

/// <summary>The outcome of a port call without a value.</summary>
/// <param name="Status">How the call ended.</param>
/// <param name="Reason">Why it did not succeed, when it did not.</param>
/// <param name="RetryAfter">A hint from the remote service for throttled calls.</param>
public readonly record struct PortResult(PortStatus Status, string? Reason = null, TimeSpan? RetryAfter = null)
{
    /// <summary>Gets a success.</summary>
    public static PortResult Ok => new(PortStatus.Success);

    /// <summary>Creates a throttled outcome.</summary>
    /// <param name="retryAfter">The remote service's hint, if any.</param>
    /// <returns>The outcome.</returns>
    public static PortResult Throttled(TimeSpan? retryAfter = null) => new(PortStatus.Throttled, "throttled (HTTP 429)", retryAfter);

    /// <summary>Creates a transient failure.</summary>
    /// <param name="reason">What went wrong.</param>
    /// <returns>The outcome.</returns>
    public static PortResult Transient(string reason) => new(PortStatus.Transient, reason);

    /// <summary>Creates a permanent rejection.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>The outcome.</returns>
    public static PortResult Rejected(string reason) => new(PortStatus.Rejected, reason);

    /// <summary>Gets whether the call succeeded.</summary>
    public bool IsSuccess => Status == PortStatus.Success;
}

/// <summary>The outcome of a port call that returns a value on success.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Status">How the call ended.</param>
/// <param name="Value">The value, on success.</param>
/// <param name="Reason">Why it did not succeed, when it did not.</param>
/// <param name="RetryAfter">A hint from the remote service for throttled calls.</param>
public readonly record struct PortResult<T>(PortStatus Status, T? Value = default, string? Reason = null, TimeSpan? RetryAfter = null)
{
    /// <summary>Creates a success.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The outcome.</returns>
    public static PortResult<T> Ok(T value) => new(PortStatus.Success, value);

    /// <summary>Gets whether the call succeeded.</summary>
    public bool IsSuccess => Status == PortStatus.Success;

    /// <summary>Converts a failure without a value (throttled, transient, rejected) into this type.</summary>
    /// <param name="failure">The failure.</param>
    /// <returns>The same failure.</returns>
    /// <exception cref="ArgumentException"><paramref name="failure"/> is a success.</exception>
    public static PortResult<T> From(PortResult failure) =>
        failure.IsSuccess ? throw ProblemCodes.Attach(ProblemCodes.UsageInvalidArgument, new ArgumentException("A success carries no value.", nameof(failure))) : new(failure.Status, default, failure.Reason, failure.RetryAfter);

    /// <summary>Converts a failure without a value into this type.</summary>
    /// <param name="failure">The failure.</param>
    public static implicit operator PortResult<T>(PortResult failure) => From(failure);

    /// <summary>Drops the value.</summary>
    /// <returns>The outcome without its value.</returns>
    public PortResult WithoutValue() => new(Status, Reason, RetryAfter);
}
