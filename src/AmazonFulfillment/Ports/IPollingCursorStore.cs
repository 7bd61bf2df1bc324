namespace AmazonFulfillment.Ports;

/// <summary>
/// Where an order poller stands: the watermark of its last completed window and, while a window is being read, that
/// window's bounds and the token of the next page to read.
/// </summary>
/// <param name="Watermark">The last completed window's upper bound, or <see langword="null"/> before the first window completed.</param>
/// <param name="WindowStart">The lower bound of the window being read, or <see langword="null"/> between windows.</param>
/// <param name="WindowEnd">The upper bound of the window being read, or <see langword="null"/> between windows.</param>
/// <param name="PageToken">The token of the next page of that window, or <see langword="null"/> when its first page is next.</param>
/// <param name="SavedAt">When the cursor was saved; a page token is only good for a while after it.</param>
public sealed record PollingCursor(
    DateTimeOffset? Watermark,
    DateTimeOffset? WindowStart,
    DateTimeOffset? WindowEnd,
    string? PageToken,
    DateTimeOffset SavedAt)
{
    /// <summary>Gets whether a window was being read when the cursor was saved.</summary>
    public bool InWindow => WindowStart is not null && WindowEnd is not null;
}

/// <summary>
/// Optional capability of an <see cref="IOrderStore"/>: keeps the cursors of order pollers (one per seller and API), so that a
/// poller checkpoints after every page and a restart neither skips nor re-reads a window. Pollers look for it on the registered
/// store; a store without it makes them start again from their initial look-back after a restart.
/// </summary>
public interface IPollingCursorStore
{
    /// <summary>Loads a cursor.</summary>
    /// <param name="name">The cursor's name, such as <c>orders:A2EXAMPLESELLER:2026-01-01</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cursor, or <see langword="null"/> when none was saved under the name.</returns>
    ValueTask<PollingCursor?> LoadCursorAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Saves a cursor, replacing the one saved under the name.</summary>
    /// <param name="name">The cursor's name.</param>
    /// <param name="cursor">The cursor.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the cursor is saved.</returns>
    ValueTask SaveCursorAsync(string name, PollingCursor cursor, CancellationToken cancellationToken = default);
}
