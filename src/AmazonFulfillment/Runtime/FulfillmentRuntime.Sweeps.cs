using AmazonFulfillment.Diagnostics;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Runtime;

/// <content>Sweeps and batches: every order with unfinished work is swept, claimed when the store shares work between hosts, and one failing order never stops the others.</content>
public sealed partial class FulfillmentRuntime
{
    /// <summary>Runs one order's part of a batch or sweep: a failure is reported (result, log, metric; order id only) instead of ending the batch.</summary>
    private async Task<ProcessResult> IsolatedAsync(AmazonOrderId id, string operation, Func<Task<ProcessResult>> work, CancellationToken ct)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One order never stops the others: reported, skipped, tried again at the next sweep.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var type = ex.GetType().Name;
            Log.OrderFailed(_logger, id.Value, operation, type);
            FulfillmentTelemetry.CountOrderFailure(operation, ex);
            var failure = $"Order {id}: {operation} failed with {type}; the order was skipped and is tried again at the next sweep.";
            return new ProcessResult(id, DecisionKind.Ignored, null, failure, null) { Failure = failure, Exception = ex };
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on every order with unfinished work: all of them, or with a claiming store the ones
    /// this runtime claims, batch by batch, until no new one can be claimed; the claims are released at the end.
    /// </summary>
    private async Task SweepAsync(Func<AmazonOrderId, int, CancellationToken, ValueTask> work, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelOrders, CancellationToken = cancellationToken };
        HashSet<AmazonOrderId>? late = null; // read once per sweep, when there is an order to put after another
        if (_store is not IOrderClaims claims)
        {
            var listed = await StoreCall(static (store, _, ct) => store.ListUnfinishedAsync(ct), 0, "ListUnfinished", default, cancellationToken).ConfigureAwait(false);
            var ids = listed.Count < 2 ? listed : SavableFirst(listed, late ??= await LateOrdersAsync(cancellationToken).ConfigureAwait(false));
            await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), parallel, (i, ct) => work(ids[i], i, ct)).ConfigureAwait(false);
            return;
        }

        // Claims stay held until the sweep ends, so a batch never returns an order this sweep already ran
        // (unless its lease expired meanwhile; the seen set stops that from looping).
        var seen = new HashSet<AmazonOrderId>();
        var held = new List<AmazonOrderId>();
        try
        {
            while (true)
            {
                var batch = await StoreCall((_, _, ct) => claims.ClaimUnfinishedAsync(_claimOwner, _options.ClaimBatchSize, _options.ClaimLease, ct), 0, "Claim", default, cancellationToken).ConfigureAwait(false);
                held.AddRange(batch);
                foreach (var id in batch)
                {
                    _sweepClaims.TryAdd(id, 0);
                }

                var start = seen.Count;
                IReadOnlyList<AmazonOrderId> fresh = batch.Where(seen.Add).ToList();
                if (fresh.Count > 1)
                {
                    fresh = SavableFirst(fresh, late ??= await LateOrdersAsync(cancellationToken).ConfigureAwait(false));
                }

                if (fresh.Count == 0)
                {
                    break;
                }

                await Parallel.ForEachAsync(Enumerable.Range(0, fresh.Count), parallel, (i, ct) => work(fresh[i], start + i, ct)).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var id in held)
            {
                _sweepClaims.TryRemove(id, out _);
            }

            await ReleaseAsync(claims, held).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The sweep's order: the store lists nearest ship-by deadline first; orders already past their deadline (<paramref name="late"/>)
    /// go after the ones that can still be on time (Amazon counts a late confirmation the same however late it is, so under a rate
    /// limit the work that can still be saved goes first).
    /// </summary>
    private static IReadOnlyList<AmazonOrderId> SavableFirst(IReadOnlyList<AmazonOrderId> ids, HashSet<AmazonOrderId> late) =>
        late.Count == 0 ? ids : [.. ids.Where(id => !late.Contains(id)), .. ids.Where(late.Contains)];

    /// <summary>The orders already past their ship-by deadline, from <see cref="IShipByIndex"/>; none without it (the store's order stands).</summary>
    private async ValueTask<HashSet<AmazonOrderId>> LateOrdersAsync(CancellationToken ct)
    {
        if (_store is not IShipByIndex index)
        {
            return [];
        }

        var late = await StoreCall((_, _, c) => index.ListShipByAsync(_time.GetUtcNow().AddMilliseconds(-1), int.MaxValue, c), 0, "ListShipBy", default, ct).ConfigureAwait(false);
        return [.. late];
    }

    /// <summary>Releases a sweep's claims, even when the sweep was cancelled; a failure only delays others until the leases expire.</summary>
    private async Task ReleaseAsync(IOrderClaims claims, List<AmazonOrderId> held)
    {
        if (held.Count == 0)
        {
            return;
        }

        try
        {
            await claims.ReleaseAsync(_claimOwner, held.Distinct().ToList(), CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The leases expire on their own.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.StoreThrew(_logger, "Release", string.Empty, ex.GetType().Name, 1);
        }
    }
}
