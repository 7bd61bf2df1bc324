using System.Text.Json;
using AmazonFulfillment.Diagnostics;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Workflows;
using Microsoft.Extensions.Logging;

namespace AmazonFulfillment.Runtime;

/// <content>Deciding and saving: an input is decided on the order as stored and saved with an optimistic version; store calls are retried.</content>
public sealed partial class FulfillmentRuntime
{
    /// <summary>
    /// Decides and saves until the save wins. Starts from <paramref name="known"/> when the caller holds the order as it
    /// last saw it stored (a stale copy only costs a version conflict and a reload), else from a fresh load.
    /// Returns the decision and the order as it is now stored.
    /// </summary>
    private async ValueTask<(Decision Decision, Known? Stored)> ApplyAsync(OrderInput input, CancellationToken ct, Known? known = null)
    {
        var id = input.AmazonOrderId;
        (Decision Decision, long Version)? unknown = null;
        var storeFailures = 0;
        for (var attempt = 1; ; attempt++)
        {
            var stored = attempt == 1 && known is not null
                ? known
                : Known.From(await LoadAsync(id, ct).ConfigureAwait(false));
            if (unknown is { } u && stored is { } s && s.Version == u.Version + 1 && SameContent(s.Order, u.Decision.Order!))
            {
                // The save whose response was lost did land: report the decision it saved, not a re-decision over it.
                return (u.Decision, stored);
            }

            if (unknown is not null && ++storeFailures >= _options.MaxStoreAttempts)
            {
                // The save threw and did not land, again and again: a store failure (such as a value the database refuses), not a conflict.
                throw new OrderStoreException($"Order {id}: the store failed to save {input.GetType().Name} {storeFailures} times (see the store's log); the order is skipped and tried again at the next sweep. No other order is affected.");
            }

            unknown = null;
            var decision = Decide(stored?.Order, input);

            if (decision.Kind != DecisionKind.Applied || decision.Order is null)
            {
                return (decision, stored);
            }

            var expected = stored?.Version ?? 0;
            var (saved, version, thrown) = await TrySaveAsync(decision.Order, expected, ct).ConfigureAwait(false);
            if (saved == true)
            {
                CountBlocked(stored?.Order, decision.Order);
                return (decision, new Known(decision.Order, version));
            }

            if (saved is null)
            {
                // The store threw: retried like a store call (a reload tells whether the save landed), not counted as a conflict.
                unknown = (decision, expected);
                var delay = _runner.Backoff("store:Save" + id.Value, storeFailures + 1, null);
                FulfillmentTelemetry.RecordStoreRetry("Save", thrown!, storeFailures + 1, delay);
                await Task.Delay(delay, _time, ct).ConfigureAwait(false);
                continue;
            }

            FulfillmentTelemetry.Conflicts.Add(1, new KeyValuePair<string, object?>(TelemetryTags.AmazonStore, decision.Order.AmazonStore));
            Log.Conflict(_logger, id.Value, attempt);
            if (attempt >= _options.MaxConflictRetries)
            {
                throw new OrderConflictException($"Order {id}: {input.GetType().Name} conflicted with concurrent writers {attempt} times and was not saved. "
                    + "Nothing of it was applied, so sending it again is safe; if this repeats, another host or process is writing this order in a loop.");
            }
        }
    }

    private Decision Decide(FulfillmentOrder? order, OrderInput input)
    {
        var store = order?.AmazonStore ?? (input as AmazonOrderObserved)?.Snapshot.AmazonStore ?? AmazonStores.Default;
        if (!Runs(store))
        {
            return OrderWorkflow.RefuseUnknownStore(order, input, store);
        }

        var decision = OrderWorkflow.Decide(order, input, SettingsOf(store), _time.GetUtcNow());
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            Log.Decided(_logger, input.AmazonOrderId.Value, input.GetType().Name, decision.Kind.ToString());
        }

        return decision;
    }

    private static void CountBlocked(FulfillmentOrder? before, FulfillmentOrder after)
    {
        if (after.State == OrderState.Blocked && before?.State != OrderState.Blocked)
        {
            FulfillmentTelemetry.CountFailure("Import", after.AmazonStore);
        }
    }

    /// <summary>
    /// Saves: <see langword="true"/> saved (with the new version), <see langword="false"/> a version conflict, <see langword="null"/>
    /// unknown (the store threw; the exception's type is returned).
    /// </summary>
    private async ValueTask<(bool? Saved, long Version, string? Thrown)> TrySaveAsync(FulfillmentOrder order, long expectedVersion, CancellationToken ct)
    {
        try
        {
            return await _store.SaveAsync(order, expectedVersion, ct).ConfigureAwait(false) is { } version ? (true, version, null) : (false, 0, null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Unknown outcome: decided again after a reload.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.StoreThrew(_logger, "Save", order.Id.Value, ex.GetType().Name, 1);
            FulfillmentTelemetry.RecordException(ex);
            return (null, 0, ex.GetType().FullName);
        }
    }

    /// <summary>Whether two orders hold the same content (any store may hand back a different instance).</summary>
    private static bool SameContent(FulfillmentOrder a, FulfillmentOrder b) =>
        ReferenceEquals(a, b) || JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);

    private ValueTask<StoredOrder?> LoadAsync(AmazonOrderId id, CancellationToken ct) =>
        StoreCall(static (store, id, c) => store.LoadAsync(id, c), id, "Load", id, ct);

    /// <summary>Calls the store, retrying what it throws; the call takes its state as an argument, so that a static lambda allocates no closure per call.</summary>
    private async ValueTask<T> StoreCall<TState, T>(Func<IOrderStore, TState, CancellationToken, ValueTask<T>> call, TState state, string operation, AmazonOrderId id, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(_store, state, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < _options.MaxStoreAttempts)
            {
                Log.StoreThrew(_logger, operation, id.Value, ex.GetType().Name, attempt);
                FulfillmentTelemetry.RecordException(ex);
                var delay = _runner.Backoff("store:" + operation + id.Value, attempt, null);
                FulfillmentTelemetry.RecordStoreRetry(operation, ex.GetType().FullName!, attempt, delay);
                await Task.Delay(delay, _time, ct).ConfigureAwait(false);
            }
        }
    }
}
