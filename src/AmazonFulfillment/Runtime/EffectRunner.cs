using System.Diagnostics;
using AmazonFulfillment.Diagnostics;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Workflows;
using Microsoft.Extensions.Logging;

namespace AmazonFulfillment.Runtime;

/// <summary>Runs one effect through the ports, retrying transient failures and throttling with bounded, jittered exponential backoff.</summary>
internal sealed class EffectRunner(
    IAmazonOrdersPort amazon,
    ICommerceOrdersPort commerce,
    ICustomersPort customers,
    FulfillmentRuntimeOptions options,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>
    /// Runs the effect; returns the outcome as an input, or <see langword="null"/> when it is still failing after its attempts, or when
    /// <paramref name="mayRetry"/> says before a retry that it may no longer run (a setting or the order changed during the backoff).
    /// </summary>
    public async ValueTask<OrderInput?> RunAsync(OrderEffect effect, string amazonStore, Func<CancellationToken, ValueTask<bool>>? mayRetry, CancellationToken cancellationToken)
    {
        using var activity = FulfillmentTelemetry.ActivitySource.StartActivity("AmazonFulfillment.Effect");
        activity?.SetTag("amazonfulfillment.order_id", effect.AmazonOrderId.Value);
        activity?.SetTag("amazonfulfillment.effect", effect.GetType().Name);
        activity?.SetTag(TelemetryTags.AmazonStore, amazonStore);
        var name = effect.GetType().Name;
        for (var attempt = 1; ; attempt++)
        {
            var (status, outcome, thrown) = await AttemptAsync(effect, name, amazonStore, cancellationToken).ConfigureAwait(false);
            switch (status.Status)
            {
                case PortStatus.Success:
                    return outcome;
                case PortStatus.Rejected:
                    Log.FailedPermanently(logger, effect.AmazonOrderId.Value, name, status.Reason ?? "rejected");
                    FulfillmentTelemetry.CountFailure(name, amazonStore);
                    activity?.SetStatus(ActivityStatusCode.Error, "rejected");
                    activity?.SetTag("error.type", "rejected");
                    return outcome ?? new EffectFailed(effect.AmazonOrderId, effect.IdempotencyKey, status.Reason ?? "rejected");
            }

            var error = FulfillmentTelemetry.ErrorType(status.Status, thrown)!;
            if (attempt >= options.MaxEffectAttempts)
            {
                Log.LeftPending(logger, effect.AmazonOrderId.Value, name, attempt);
                activity?.SetStatus(ActivityStatusCode.Error, "left pending");
                activity?.SetTag("error.type", error);
                return null;
            }

            var delay = Backoff(effect.IdempotencyKey, attempt, status.RetryAfter);
            FulfillmentTelemetry.RecordRetry(activity, name, amazonStore, attempt, delay, error);
            Log.Retrying(logger, effect.AmazonOrderId.Value, name, attempt, status.Status.ToString(), delay);
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            if (mayRetry is not null && !await mayRetry(cancellationToken).ConfigureAwait(false))
            {
                // Judged again before every attempt: read-only switched on, or the order cancelled on Amazon, during the backoff.
                activity?.SetStatus(ActivityStatusCode.Error, "no longer due");
                activity?.SetTag("error.type", "no_longer_due");
                return null;
            }
        }
    }

    /// <summary>
    /// One call of the effect's port, timed: a throw is a transient failure (unknown outcome, retried with the same key) whose
    /// exception type is returned, a status that does not exist a refusal.
    /// </summary>
    private async ValueTask<(PortResult Status, OrderInput? Outcome, string? Thrown)> AttemptAsync(OrderEffect effect, string name, string amazonStore, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            var (status, outcome) = await InvokeAsync(effect, cancellationToken).ConfigureAwait(false);
            var (answered, input) = Enum.IsDefined(status.Status) ? (status, outcome) : Malformed(effect, name, "call", $"status {(int)status.Status}, which does not exist");
            FulfillmentTelemetry.RecordAttempt(name, amazonStore, answered.Status, null, time.GetElapsedTime(started));
            return (answered, input, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A port that throws has an unknown outcome: retried like a transient failure, with the same key.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.PortThrew(logger, effect.AmazonOrderId.Value, name, ex.GetType().Name);
            FulfillmentTelemetry.RecordException(ex);
            FulfillmentTelemetry.RecordAttempt(name, amazonStore, PortStatus.Transient, ex.GetType().FullName, time.GetElapsedTime(started));
            return (PortResult.Transient(ex.GetType().Name), null, ex.GetType().FullName);
        }
    }

    /// <summary>Exponential backoff with "equal jitter": half fixed, half spread by a hash of the key and attempt, so retries of many orders do not align and replays stay repeatable.</summary>
    internal TimeSpan Backoff(string key, int attempt, TimeSpan? retryAfter)
    {
        var exponential = options.RetryBaseDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, options.RetryMaxDelay.Ticks);
        var jitter = StableHash(key, attempt) / (double)uint.MaxValue;
        var delay = TimeSpan.FromTicks((long)((capped / 2) + (capped / 2 * jitter)));
        // A remote hint is honoured up to the maximum delay: a huge one must not hold the order (and a sweep slot) for hours, or overflow a timer.
        return retryAfter is { } hint && hint > delay ? (hint < options.RetryMaxDelay ? hint : options.RetryMaxDelay) : delay;
    }

    /// <summary>FNV-1a over the key and attempt: string hash codes are randomized per process, which would make backoff (and so replays) differ between runs.</summary>
    private static uint StableHash(string key, int attempt)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return unchecked((hash ^ (uint)attempt) * 16777619u);
    }

    private async ValueTask<(PortResult Status, OrderInput? Outcome)> InvokeAsync(OrderEffect effect, CancellationToken ct)
    {
        var id = effect.AmazonOrderId;
        switch (effect)
        {
            case FetchOrderItems f:
            {
                var r = await amazon.GetOrderItemsAsync(id, ct).ConfigureAwait(false);
                return (r.WithoutValue(), r.IsSuccess ? new OrderItemsFetched(id, f.ForStatus, r.Value) : null);
            }

            case ResolveCustomer c:
                return await ResolveCustomerAsync(c, ct).ConfigureAwait(false);

            case CreateCommerceOrder c:
                return await CreateOrderAsync(c, ct).ConfigureAwait(false);

            case CompleteCommerceOrder:
                return Done(effect, await commerce.CompleteOrderAsync(id, ct).ConfigureAwait(false));

            case MarkCommerceOrderProcessing:
                return Done(effect, await commerce.MarkOrderProcessingAsync(id, ct).ConfigureAwait(false));

            case CancelCommerceOrder:
            {
                var r = await commerce.CancelOrderAsync(id, ct).ConfigureAwait(false);
                Count(FulfillmentTelemetry.Cancellations, r, "commerce");
                return Done(effect, r);
            }

            case ConfirmShipment s:
            {
                var r = await amazon.ConfirmShipmentAsync(s.Package, s.MarketplaceId, ct).ConfigureAwait(false);
                Count(FulfillmentTelemetry.Confirmations, r, "amazon");
                return Done(effect, r);
            }

            case CancelOnAmazon c:
            {
                var r = await amazon.CancelOrderAsync(id, c.Reason, ct).ConfigureAwait(false);
                Count(FulfillmentTelemetry.Cancellations, r, "amazon");
                return Done(effect, r);
            }

            case VerifyShipment v:
                return await ReadBackAsync(v, ct).ConfigureAwait(false);

            default:
                throw ProblemCodes.Attach(ProblemCodes.InternalInvariantBroken, new InvalidOperationException($"No port runs effects of type {effect.GetType().Name}."));
        }
    }

    private async ValueTask<(PortResult Status, OrderInput? Outcome)> ReadBackAsync(VerifyShipment effect, CancellationToken ct)
    {
        var id = effect.AmazonOrderId;
        if (amazon is not IAmazonPackagesPort packages)
        {
            return (PortResult.Rejected($"The Amazon port ({amazon.GetType().Name}) does not implement IAmazonPackagesPort, so confirmations cannot be read back: implement it, or set ConfirmationCheckAfter to null."), null);
        }

        var r = await packages.GetConfirmedPackagesAsync(id, ct).ConfigureAwait(false);
        if (r.IsSuccess && r.Value.IsDefault)
        {
            return Malformed(effect, "amazon", "GetConfirmedPackages", "a success without a package list");
        }

        if (r.IsSuccess && r.Value.Any(string.IsNullOrWhiteSpace))
        {
            return Malformed(effect, "amazon", "GetConfirmedPackages", "a blank package reference id");
        }

        return (r.WithoutValue(), r.IsSuccess ? new PackagesReadBack(id, r.Value) : null);
    }

    private async ValueTask<(PortResult Status, OrderInput? Outcome)> ResolveCustomerAsync(ResolveCustomer c, CancellationToken ct)
    {
        var found = await customers.FindCustomerAsync(c.Email, ct).ConfigureAwait(false);
        if (!found.IsSuccess)
        {
            return (found.WithoutValue(), null);
        }

        if (!string.IsNullOrEmpty(found.Value))
        {
            return (PortResult.Ok, new CustomerResolved(c.AmazonOrderId, found.Value));
        }

        var created = await customers.CreateCustomerAsync(c.Email, c.Name, ct).ConfigureAwait(false);
        if (created.IsSuccess && string.IsNullOrWhiteSpace(created.Value))
        {
            return Malformed(c, "customers", "CreateCustomer", "a success without a customer id");
        }

        return (created.WithoutValue(), created.IsSuccess ? new CustomerResolved(c.AmazonOrderId, created.Value!) : null);
    }

    private async ValueTask<(PortResult Status, OrderInput? Outcome)> CreateOrderAsync(CreateCommerceOrder c, CancellationToken ct)
    {
        var id = c.AmazonOrderId;
        var r = await commerce.CreateOrderAsync(c.Request, ct).ConfigureAwait(false);
        if (r.IsSuccess && r.Value is { } order)
        {
            FulfillmentTelemetry.Imports.Add(1, new KeyValuePair<string, object?>(TelemetryTags.FulfillmentChannel, c.Request.Channel.ToString()));
            return (r.WithoutValue(), new CommerceOrderCreated(id, order.CommerceOrderId, order.OrderNumber, order.Status));
        }

        if (r.IsSuccess)
        {
            return Malformed(c, "commerce", "CreateOrder", "a success without an order");
        }

        return (r.WithoutValue(), r.Status == PortStatus.Rejected ? new CommerceOrderRefused(id, r.Reason ?? "Commerce refused the order.") : null);
    }

    /// <summary>A port answered in a way its contract does not allow: a permanent failure with a reason and its code, never an exception or a half-applied answer.</summary>
    private static (PortResult, OrderInput?) Malformed(OrderEffect effect, string port, string operation, string what)
    {
        var reason = $"The {port} port's {operation} answered {what}, which breaks the port's contract; the answer was not applied. Fix the port, then retry the order.";
        return (PortResult.Rejected(reason), new EffectFailed(effect.AmazonOrderId, effect.IdempotencyKey, reason) { Code = ProblemCodes.PortContractBroken });
    }

    private static (PortResult, OrderInput?) Done(OrderEffect effect, PortResult r) =>
        (r, r.IsSuccess ? new EffectCompleted(effect.AmazonOrderId, effect.IdempotencyKey) : null);

    private static void Count(System.Diagnostics.Metrics.Counter<long> counter, PortResult r, string target)
    {
        if (r.IsSuccess)
        {
            counter.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Target, target));
        }
    }
}
