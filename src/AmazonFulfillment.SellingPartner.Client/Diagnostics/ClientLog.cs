using Microsoft.Extensions.Logging;

namespace AmazonFulfillment.SellingPartner.Client.Diagnostics;

/// <summary>The client's log messages. None carries a credential, a token or buyer data.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(100, LogLevel.Debug, "Login with Amazon: access token refreshed, valid for {Seconds} s")]
    public static partial void TokenRefreshed(ILogger logger, int seconds);

    [LoggerMessage(101, LogLevel.Error, "Login with Amazon refused the application's credentials: {Error} (HTTP {Status}); check the client id, client secret and refresh token")]
    public static partial void TokenRefused(ILogger logger, string error, int status);

    [LoggerMessage(102, LogLevel.Warning, "Login with Amazon could not be reached or failed: {Reason}")]
    public static partial void TokenUnavailable(ILogger logger, string reason);

    [LoggerMessage(103, LogLevel.Warning, "{Operation}: the access token was refused (HTTP {Status}, {Code}); a new one is fetched for the next attempt")]
    public static partial void AccessTokenRefused(ILogger logger, string operation, int status, string code);

    [LoggerMessage(104, LogLevel.Information, "{Operation}: Amazon throttled the call (HTTP 429); its rate is {Rate}/s")]
    public static partial void Throttled(ILogger logger, string operation, string rate);

    [LoggerMessage(105, LogLevel.Information, "{Operation}: rate adjusted from {Old}/s to {New}/s by x-amzn-RateLimit-Limit")]
    public static partial void RateAdjusted(ILogger logger, string operation, string old, string @new);

    [LoggerMessage(106, LogLevel.Warning, "{Operation} failed transiently: {Reason}")]
    public static partial void Transient(ILogger logger, string operation, string reason);

    [LoggerMessage(107, LogLevel.Information, "Cancellation feed {FeedId} submitted for {Orders} orders")]
    public static partial void FeedSubmitted(ILogger logger, string feedId, int orders);

    [LoggerMessage(108, LogLevel.Warning, "Cancellation feed {FeedId} ended {Status} without a report; its orders are submitted again")]
    public static partial void FeedFailed(ILogger logger, string feedId, string status);

    [LoggerMessage(110, LogLevel.Information, "Order poller: window {Window} read, {Orders} orders in {Pages} pages")]
    public static partial void WindowRead(ILogger logger, string window, int orders, int pages);

    [LoggerMessage(111, LogLevel.Warning, "Order poller: its window trails now by {Lag}, more than {Threshold}")]
    public static partial void Lagging(ILogger logger, TimeSpan lag, TimeSpan threshold);

    [LoggerMessage(112, LogLevel.Warning, "Order poller: the page token of window {Window} is stale; the window is read again from its first page")]
    public static partial void StaleToken(ILogger logger, string window);

    [LoggerMessage(113, LogLevel.Warning, "Order poller: {Operation} did not succeed ({Status}): {Reason}; tried again next cycle")]
    public static partial void PollFailed(ILogger logger, string operation, string status, string? reason);

    [LoggerMessage(114, LogLevel.Warning, "Order poller: a cycle failed with {ExceptionType}; tried again next cycle")]
    public static partial void CycleFailed(ILogger logger, string exceptionType);

    [LoggerMessage(115, LogLevel.Information, "Order poller: the registered order store keeps no cursor (IPollingCursorStore); after a restart the poller starts from its initial look-back")]
    public static partial void NoCursorStore(ILogger logger);

    [LoggerMessage(116, LogLevel.Information, "Order poller: lease {Lease} taken by {Owner}; this host polls")]
    public static partial void LeaseAcquired(ILogger logger, string lease, string owner);

    [LoggerMessage(117, LogLevel.Information, "Order poller: lease {Lease} is held by another host; cycle skipped")]
    public static partial void LeaseHeldElsewhere(ILogger logger, string lease);

    [LoggerMessage(118, LogLevel.Warning, "Order poller: lease {Lease} was lost during window {Window}; the window is left to the host that holds it")]
    public static partial void LeaseLost(ILogger logger, string lease, string window);

    [LoggerMessage(119, LogLevel.Information, "Order poller: the registered order store keeps no poller lease (IPollerLeaseStore); pollers of this process share an in-memory one, pollers on other hosts do not see it")]
    public static partial void NoLeaseStore(ILogger logger);

    [LoggerMessage(120, LogLevel.Warning, "Order poller: releasing lease {Lease} failed with {ExceptionType}; it expires by itself")]
    public static partial void LeaseReleaseFailed(ILogger logger, string lease, string exceptionType);
}
