using AmazonFulfillment.Domain;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Verification.Guarantees;

/// <summary>Sweeps, pages and resumes run under the oracle's eye: none throws, and only a store fault or a poisoned document fails an order (guarantee 17).</summary>
public sealed partial class GuaranteeOracle
{
    /// <summary>Runs a sweep (<see cref="FulfillmentRuntime.SyncAsync(CancellationToken)"/>): it must not throw, must give a result for every order with unfinished
    /// work when it ran alone, and may fail only orders a scripted store fault or a poisoned document explains (guarantee 17).</summary>
    /// <param name="run">Runs the sweep.</param>
    /// <param name="alone">Whether nothing else runs meanwhile.</param>
    /// <returns>The results, or <see langword="null"/> when the sweep threw.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="run"/> is null.</exception>
    public async Task<IReadOnlyList<ProcessResult>?> SweepAsync(Func<Task<IReadOnlyList<ProcessResult>>> run, bool alone = true)
    {
        ArgumentNullException.ThrowIfNull(run);
        var unfinished = alone && _orders is not null ? _orders().Where(s => s.Order.HasUnfinishedWork).Select(s => s.Order.Id).ToList() : null;
        var (ran, results) = await MustNotThrowAsync(run, "a sweep", "a sweep's").ConfigureAwait(false);
        if (!ran)
        {
            return null;
        }

        foreach (var r in results)
        {
            JudgeBatchResult(r, "sweep");
        }

        foreach (var id in unfinished ?? [])
        {
            if (!results.Any(r => r.AmazonOrderId == id))
            {
                Add(17, id, "the order had unfinished work, and the sweep gave no result for it.");
            }
        }

        return results;
    }

    /// <summary>Runs a page of observations (<see cref="FulfillmentRuntime.ObserveManyAsync"/>): it must not throw, must give one result per
    /// observation, and may fail only orders a scripted store fault or a poisoned document explains (guarantee 17).</summary>
    /// <param name="snapshots">The observations.</param>
    /// <param name="run">Runs the page.</param>
    /// <returns>The results, or <see langword="null"/> when the page threw.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshots"/> or <paramref name="run"/> is null.</exception>
    public async Task<IReadOnlyList<ProcessResult>?> PageAsync(IReadOnlyList<AmazonOrderSnapshot> snapshots, Func<Task<IReadOnlyList<ProcessResult>>> run)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(run);
        foreach (var s in snapshots)
        {
            Reported(s);
        }

        lock (_gate)
        {
            _inputsSeen = true;
        }

        var (ran, results) = await MustNotThrowAsync(run, $"a page of {snapshots.Count} observations", "a page's").ConfigureAwait(false);
        if (!ran)
        {
            return null;
        }

        if (results.Count != snapshots.Count)
        {
            Add(17, null, $"a page of {snapshots.Count} observations gave {results.Count} results.");
            return results;
        }

        for (var i = 0; i < results.Count; i++)
        {
            if (!JudgeBatchResult(results[i], "page"))
            {
                Processed(new AmazonOrderObserved(snapshots[i]), results[i]);
            }
        }

        return results;
    }

    /// <summary>Runs a resume (<see cref="FulfillmentRuntime.ResumeAsync"/>): it must not throw (guarantee 17).</summary>
    /// <param name="run">Runs it.</param>
    /// <returns>What it returned, or <see langword="null"/> when it threw.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="run"/> is null.</exception>
    public async Task<int?> ResumeAsync(Func<Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var (ran, left) = await MustNotThrowAsync(run, "a resume", "a resume's").ConfigureAwait(false);
        return ran ? left : null;
    }

    /// <summary>Runs a batch, which must never throw (guarantee 17): an exception is reported and its message checked for buyer data
    /// (guarantee 14). Answers whether it ran to its end, and what it returned.</summary>
    private async Task<(bool Ran, T Value)> MustNotThrowAsync<T>(Func<Task<T>> run, string what, string whose)
    {
        try
        {
            return (true, await run().ConfigureAwait(false));
        }
#pragma warning disable CA1031 // A batch that throws is a finding, not a crash of the oracle.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Add(17, null, $"{what} threw {ex.GetType().Name}; one order must never stop the others.");
            CheckText(14, null, ex.Message, $"{whose} exception message");
            return (false, default!);
        }
    }

    /// <summary>Judges one result of a sweep or page; returns whether the order failed.</summary>
    private bool JudgeBatchResult(ProcessResult r, string batch)
    {
        CheckText(14, r.AmazonOrderId, r.Failure, "a failure report");
        CheckText(14, r.AmazonOrderId, r.Note, "a result's note");
        if (!r.Failed)
        {
            return false;
        }

        bool explained;
        lock (_gate)
        {
            explained = _poisoned.Contains(r.AmazonOrderId) || StoreFaultsLocked() - _poisoned.Count > 0;
        }

        if (!explained)
        {
            Add(17, r.AmazonOrderId, $"the {batch} reported the order failed ({r.Exception?.GetType().Name}), though no store failure or poisoned document explains it.");
        }

        if (!r.Failure!.Contains(r.AmazonOrderId.Value, StringComparison.Ordinal))
        {
            Add(17, r.AmazonOrderId, $"the {batch}'s failure report does not name the order.");
        }

        return true;
    }
}
