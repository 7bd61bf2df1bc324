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
}

/// <summary>Thrown when an order's decision kept conflicting with concurrent writers beyond <see cref="FulfillmentRuntimeOptions.MaxConflictRetries"/>.</summary>
public sealed class OrderConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OrderConflictException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public OrderConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public OrderConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
