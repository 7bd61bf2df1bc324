namespace AmazonFulfillment.Diagnostics;

/// <summary>
/// The attribute names of the library's metrics, spans and span events. The library's own are prefixed
/// <c>amazonfulfillment.</c>; <c>error.type</c> and <c>exception.*</c> are OpenTelemetry's. Listed in docs/telemetry.md.
/// </summary>
internal static class TelemetryTags
{
    public const string AmazonStore = "amazonfulfillment.amazon_store";
    public const string Effect = "amazonfulfillment.effect";
    public const string Outcome = "amazonfulfillment.outcome";
    public const string FulfillmentChannel = "amazonfulfillment.fulfillment_channel";
    public const string Target = "amazonfulfillment.target";
    public const string Operation = "amazonfulfillment.operation";
    public const string OrderStoreOperation = "amazonfulfillment.order_store.operation";
    public const string ShipByStatus = "amazonfulfillment.ship_by.status";
    public const string OrderId = "amazonfulfillment.order_id";
    public const string Input = "amazonfulfillment.input";
    public const string Decision = "amazonfulfillment.decision";
    public const string RetryAttempt = "amazonfulfillment.retry.attempt";
    public const string RetryDelay = "amazonfulfillment.retry.delay";
    public const string ErrorType = "error.type";
    public const string ExceptionType = "exception.type";
    public const string ExceptionStackTrace = "exception.stacktrace";
}
