using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Runtime;

namespace AmazonFulfillment.Testing;

/// <summary>
/// "Run until nothing is left", written once. A host that stays up keeps sweeping and resuming until no order has
/// runnable work; a test, a history or a replay does the same at its end. <see cref="RunAsync"/> repeats a round of
/// work (a resume, a sweep, a restart and a sweep, several hosts sweeping at once) until a round reports that nothing
/// is left, with a bound on the rounds and an optional step between rounds (advance a virtual clock past the retry
/// delay, wait for the claims of a stopped host to expire).
/// </summary>
public static class UntilIdle
{
    /// <summary>Runs <paramref name="round"/> until it reports that nothing is left, at most <paramref name="maxRounds"/> times.</summary>
    /// <param name="round">One round of work; returns <see langword="true"/> when nothing is left after it.</param>
    /// <param name="maxRounds">How many rounds at the most (at least one).</param>
    /// <param name="betweenRounds">Runs after a round that left work, before the next round; not after the last round.
    /// It may throw to give up early (a time limit).</param>
    /// <param name="cancellationToken">Cancels the rounds; passed to <paramref name="round"/> and <paramref name="betweenRounds"/>.</param>
    /// <returns>How many rounds it took, or <see langword="null"/> when work was still left after <paramref name="maxRounds"/> rounds.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRounds"/> is less than one.</exception>
    public static async Task<int?> RunAsync(
        Func<CancellationToken, Task<bool>> round,
        int maxRounds,
        Func<CancellationToken, Task>? betweenRounds = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRounds, 1);
        for (var rounds = 1; ; rounds++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await round(cancellationToken).ConfigureAwait(false))
            {
                return rounds;
            }

            if (rounds >= maxRounds)
            {
                return null;
            }

            if (betweenRounds is not null)
            {
                await betweenRounds(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Resumes <paramref name="runtime"/> until no order has runnable work, advancing <paramref name="clock"/> by
    /// <paramref name="retryDelay"/> between rounds so that effects waiting for a retry become due.
    /// </summary>
    /// <param name="runtime">The runtime to resume.</param>
    /// <param name="clock">The virtual clock the runtime reads.</param>
    /// <param name="retryDelay">How far to advance the clock between rounds (usually <see cref="FulfillmentRuntimeOptions.RetryMaxDelay"/>).</param>
    /// <param name="maxRounds">How many rounds at the most (at least one).</param>
    /// <param name="cancellationToken">Cancels the rounds.</param>
    /// <returns>How many rounds it took, or <see langword="null"/> when work was still left after <paramref name="maxRounds"/> rounds.</returns>
    public static Task<int?> ResumeAsync(
        FulfillmentRuntime runtime,
        VirtualTimeProvider clock,
        TimeSpan retryDelay,
        int maxRounds,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(clock);
        return RunAsync(
            async ct => await runtime.ResumeAsync(ct).ConfigureAwait(false) == 0,
            maxRounds,
            _ =>
            {
                clock.Advance(retryDelay);
                return Task.CompletedTask;
            },
            cancellationToken);
    }

    /// <summary>The unfinished orders of a store that have runnable work (an outbox entry that is not held).</summary>
    /// <param name="store">The store.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>Their ids, in the order the store lists them.</returns>
    public static async Task<IReadOnlyList<AmazonOrderId>> RunnableOrdersAsync(IOrderStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var runnable = new List<AmazonOrderId>();
        foreach (var id in await store.ListUnfinishedAsync(cancellationToken).ConfigureAwait(false))
        {
            if ((await store.LoadAsync(id, cancellationToken).ConfigureAwait(false))?.Order.HasRunnableWork == true)
            {
                runnable.Add(id);
            }
        }

        return runnable;
    }
}
