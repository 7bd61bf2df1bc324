using AmazonFulfillment.Domain;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Runtime;

/// <summary>What processing one input did.</summary>
/// <param name="AmazonOrderId">The order.</param>
/// <param name="Kind">Applied, ignored or refused.</param>
/// <param name="Refusal">Why it was refused, when it was.</param>
/// <param name="Note">Why it was ignored, when it was.</param>
/// <param name="Order">The order as stored after processing and running its effects, or <see langword="null"/> when not tracked.</param>
public sealed record ProcessResult(AmazonOrderId AmazonOrderId, DecisionKind Kind, Refusal? Refusal, string? Note, FulfillmentOrder? Order)
{
    /// <summary>Gets whether the order still has work to run (effects left pending after their retries, for the next sweep).</summary>
    public bool HasPendingWork => Order?.HasRunnableWork ?? false;

    /// <summary>
    /// Gets why processing this order failed in a batch or sweep (its stored document could not be read, its save kept failing, or
    /// it threw), or <see langword="null"/>. Such an order is skipped, logged and counted, and tried again at the next sweep; every
    /// other order of the batch or sweep is processed. Names the order and the exception type, never buyer data.
    /// </summary>
    public string? Failure { get; init; }

    /// <summary>Gets the exception behind <see cref="Failure"/>, for the host's own diagnostics (its message may hold data from the store or a port).</summary>
    public Exception? Exception { get; init; }

    /// <summary>Gets the stable code of <see cref="Exception"/> (such as <see cref="ProblemCodes.StoreDocumentInvalid"/> for a stored
    /// document that cannot be read), or <see langword="null"/> when processing did not fail or the exception carries no code.</summary>
    public string? FailureCode => Exception is null ? null : ProblemCodes.Of(Exception);

    /// <summary>Gets whether processing this order failed (see <see cref="Failure"/>).</summary>
    public bool Failed => Failure is not null;
}

/// <summary>
/// Thrown when the store kept failing to save an order (it threw, and the save did not land) beyond
/// <see cref="FulfillmentRuntimeOptions.MaxStoreAttempts"/>; its code is <see cref="ProblemCodes.StoreSaveFailed"/>.
/// </summary>
public sealed class OrderStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OrderStoreException()
    {
        Data[ProblemCodes.DataKey] = Code;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public OrderStoreException(string message)
        : base(message)
    {
        Data[ProblemCodes.DataKey] = Code;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public OrderStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
        Data[ProblemCodes.DataKey] = Code;
    }

    /// <summary>Gets the stable code: <see cref="ProblemCodes.StoreSaveFailed"/>.</summary>
    public string Code { get; } = ProblemCodes.StoreSaveFailed;
}

/// <summary>
/// Thrown when an order's decision kept conflicting with concurrent writers beyond <see cref="FulfillmentRuntimeOptions.MaxConflictRetries"/>;
/// its code is <see cref="ProblemCodes.StoreConflictRetriesExhausted"/>.
/// </summary>
public sealed class OrderConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OrderConflictException()
    {
        Data[ProblemCodes.DataKey] = Code;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public OrderConflictException(string message)
        : base(message)
    {
        Data[ProblemCodes.DataKey] = Code;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public OrderConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        Data[ProblemCodes.DataKey] = Code;
    }

    /// <summary>Gets the stable code: <see cref="ProblemCodes.StoreConflictRetriesExhausted"/>.</summary>
    public string Code { get; } = ProblemCodes.StoreConflictRetriesExhausted;
}
