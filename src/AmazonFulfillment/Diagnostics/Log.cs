using Microsoft.Extensions.Logging;

namespace AmazonFulfillment.Diagnostics;

/// <summary>The runtime's log messages. They name orders, effects and reasons, never buyer data.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Order {AmazonOrderId}: {Input} {Kind}")]
    public static partial void Decided(ILogger logger, string amazonOrderId, string input, string kind);

    [LoggerMessage(2, LogLevel.Information, "Order {AmazonOrderId}: {Input} refused ({Code}): {Reason}")]
    public static partial void Refused(ILogger logger, string amazonOrderId, string input, string code, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Order {AmazonOrderId}: {Effect} attempt {Attempt} was {Status}; retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string amazonOrderId, string effect, int attempt, string status, TimeSpan delay);

    [LoggerMessage(4, LogLevel.Warning, "Order {AmazonOrderId}: {Effect} still failing after {Attempts} attempts; left pending for the next sweep")]
    public static partial void LeftPending(ILogger logger, string amazonOrderId, string effect, int attempts);

    [LoggerMessage(5, LogLevel.Error, "Order {AmazonOrderId}: {Effect} failed permanently: {Reason}")]
    public static partial void FailedPermanently(ILogger logger, string amazonOrderId, string effect, string reason);

    [LoggerMessage(6, LogLevel.Debug, "Order {AmazonOrderId}: version conflict, deciding again (attempt {Attempt})")]
    public static partial void Conflict(ILogger logger, string amazonOrderId, int attempt);

    [LoggerMessage(7, LogLevel.Error, "Order {AmazonOrderId}: {Effect} threw {ExceptionType}; treated as a transient failure")]
    public static partial void PortThrew(ILogger logger, string amazonOrderId, string effect, string exceptionType);

    [LoggerMessage(8, LogLevel.Warning, "Store {Operation} for order {AmazonOrderId} threw {ExceptionType} (attempt {Attempt})")]
    public static partial void StoreThrew(ILogger logger, string operation, string amazonOrderId, string exceptionType, int attempt);

    [LoggerMessage(9, LogLevel.Error, "Order {AmazonOrderId}: {Operation} failed with {ExceptionType}; the order is skipped and tried again at the next sweep, the others go on")]
    public static partial void OrderFailed(ILogger logger, string amazonOrderId, string operation, string exceptionType);
}
