using System.Diagnostics;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Diagnostics;

/// <content>
/// Recording what happened: the measurements with their attributes, <c>error.type</c>, and the span events (a retry's wait, an
/// exception). An exception event carries the exception's type and stack trace, never its message: a port's or a database's
/// message may quote the data it was given, buyer data included.
/// </content>
public static partial class FulfillmentTelemetry
{
    /// <summary>The name of the span event that marks a retry's wait.</summary>
    internal const string RetryEvent = "amazonfulfillment.retry";

    /// <summary>The <c>error.type</c> of a port call that did not succeed: the exception's type when it threw, else its status.</summary>
    internal static string? ErrorType(PortStatus status, string? thrown) => thrown ?? status switch
    {
        PortStatus.Success => null,
        PortStatus.Rejected => "rejected",
        PortStatus.Throttled => "throttled",
        _ => "transient",
    };

    /// <summary>Records one attempt of an effect in its port.</summary>
    internal static void RecordAttempt(string effect, string amazonStore, PortStatus status, string? thrown, TimeSpan elapsed)
    {
        if (!PortDuration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { TelemetryTags.Effect, effect },
            { TelemetryTags.Outcome, thrown is null ? ErrorType(status, null) ?? "success" : "exception" },
            { TelemetryTags.AmazonStore, amazonStore },
        };
        if (ErrorType(status, thrown) is { } error)
        {
            tags.Add(TelemetryTags.ErrorType, error);
        }

        PortDuration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>Records a port call that will be tried again after <paramref name="delay"/>: counted, and an event on the effect's span.</summary>
    internal static void RecordRetry(Activity? activity, string effect, string amazonStore, int attempt, TimeSpan delay, string errorType)
    {
        Retries.Add(1, new TagList { { TelemetryTags.Effect, effect }, { TelemetryTags.ErrorType, errorType }, { TelemetryTags.AmazonStore, amazonStore } });
        activity?.AddEvent(new ActivityEvent(RetryEvent, tags: new ActivityTagsCollection
        {
            { TelemetryTags.RetryAttempt, attempt },
            { TelemetryTags.RetryDelay, delay.TotalSeconds },
            { TelemetryTags.ErrorType, errorType },
        }));
    }

    /// <summary>Records an order store call that threw and will be tried again after <paramref name="delay"/>: counted, and events on the library's current span.</summary>
    internal static void RecordStoreRetry(string operation, string errorType, int attempt, TimeSpan delay)
    {
        OrderStoreRetries.Add(1, new TagList { { TelemetryTags.OrderStoreOperation, operation }, { TelemetryTags.ErrorType, errorType } });
        Current()?.AddEvent(new ActivityEvent(RetryEvent, tags: new ActivityTagsCollection
        {
            { TelemetryTags.RetryAttempt, attempt },
            { TelemetryTags.RetryDelay, delay.TotalSeconds },
            { TelemetryTags.ErrorType, errorType },
            { TelemetryTags.OrderStoreOperation, operation },
        }));
    }

    /// <summary>Adds an exception event to the library's current span (the Process or Effect span the exception happened in), if any.</summary>
    internal static void RecordException(Exception exception) => RecordException(Current(), exception);

    /// <summary>Adds an exception event: the exception's type and stack trace, without its message.</summary>
    internal static void RecordException(Activity? activity, Exception exception) =>
        activity?.AddEvent(new ActivityEvent("exception", tags: new ActivityTagsCollection
        {
            { TelemetryTags.ExceptionType, exception.GetType().FullName },
            { TelemetryTags.ExceptionStackTrace, exception.StackTrace ?? string.Empty },
        }));

    /// <summary>Marks a span failed by an exception: status Error, <c>error.type</c> and an exception event.</summary>
    internal static void RecordFailure(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        activity.SetTag(TelemetryTags.ErrorType, exception.GetType().FullName);
        RecordException(activity, exception);
    }

    /// <summary>Records one processed input: the decision and the order's Amazon store when known, <c>error.type</c> when it threw.</summary>
    internal static void RecordProcess(string input, DecisionKind? decision, string? amazonStore, Exception? exception, TimeSpan elapsed)
    {
        if (!ProcessDuration.Enabled)
        {
            return;
        }

        var tags = new TagList { { TelemetryTags.Input, input } };
        if (decision is { } kind)
        {
            tags.Add(TelemetryTags.Decision, kind.ToString());
        }

        if (amazonStore is not null)
        {
            tags.Add(TelemetryTags.AmazonStore, amazonStore);
        }

        if (exception is not null)
        {
            tags.Add(TelemetryTags.ErrorType, exception.GetType().FullName);
        }

        ProcessDuration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>Counts a permanent failure: an effect a port rejected, or <c>Import</c> for an order that became Blocked.</summary>
    internal static void CountFailure(string effect, string amazonStore) =>
        Failures.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Effect, effect), new KeyValuePair<string, object?>(TelemetryTags.AmazonStore, amazonStore));

    /// <summary>Counts one order of a batch or sweep whose processing failed.</summary>
    internal static void CountOrderFailure(string operation, Exception exception) =>
        OrderFailures.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Operation, operation), new KeyValuePair<string, object?>(TelemetryTags.ErrorType, exception.GetType().FullName));

    /// <summary>The current activity when it is one of the library's own: events are never added to a host's span.</summary>
    private static Activity? Current() => Activity.Current is { } current && current.Source == ActivitySource ? current : null;
}
