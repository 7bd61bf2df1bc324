using AmazonFulfillment.Ports;
using Xunit;

namespace AmazonFulfillment.Verification.Conformance;

/// <summary>
/// The contract of <see cref="IPollingCursorStore"/> (where an order poller stands), as xunit tests: derive from this class in
/// your test project and return a store that implements it. Checks: an unknown name loads as <see langword="null"/>; a cursor
/// saved loads back field by field (times to the microsecond, as databases keep them); a second save replaces the first; names
/// are kept apart; every member honours a cancelled token.
/// </summary>
public abstract class PollingCursorStoreConformanceTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 8, 0, 0, 123, TimeSpan.Zero);

    /// <summary>Creates the store under test; it must implement <see cref="IPollingCursorStore"/>.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<IOrderStore> CreateStoreAsync();

    /// <summary>Checks that a name never saved loads as <see langword="null"/>.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task Load_UnknownName_ReturnsNull()
    {
        var cursors = await CursorsAsync().ConfigureAwait(false);

        Assert.Null(await cursors.LoadCursorAsync(NewName()).ConfigureAwait(false));
    }

    /// <summary>Checks that a cursor inside a window, and one between windows, load back field by field.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task Save_ThenLoad_FieldByField()
    {
        var cursors = await CursorsAsync().ConfigureAwait(false);
        var inWindow = new PollingCursor(At.AddHours(-1), At.AddHours(-1), At.AddMinutes(-2), "page-token/with+odd=characters", At);
        var between = new PollingCursor(At, null, null, null, At.AddSeconds(5));
        var (first, second) = (NewName(), NewName());

        await cursors.SaveCursorAsync(first, inWindow).ConfigureAwait(false);
        await cursors.SaveCursorAsync(second, between).ConfigureAwait(false);

        Assert.Equal(inWindow, await cursors.LoadCursorAsync(first).ConfigureAwait(false));
        Assert.Equal(between, await cursors.LoadCursorAsync(second).ConfigureAwait(false));
    }

    /// <summary>Checks that a second save under a name replaces the first.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task Save_Twice_ReplacesTheFirst()
    {
        var cursors = await CursorsAsync().ConfigureAwait(false);
        var name = NewName();
        var later = new PollingCursor(At, null, null, null, At.AddMinutes(1));

        await cursors.SaveCursorAsync(name, new PollingCursor(null, At.AddHours(-2), At.AddHours(-1), "first", At)).ConfigureAwait(false);
        await cursors.SaveCursorAsync(name, later).ConfigureAwait(false);

        Assert.Equal(later, await cursors.LoadCursorAsync(name).ConfigureAwait(false));
    }

    /// <summary>Checks that every member honours a cancelled token.</summary>
    /// <returns>A task.</returns>
    [ConformanceFact]
    public async Task EveryMember_CancelledToken_ThrowsOrReturnsPromptly()
    {
        var cursors = await CursorsAsync().ConfigureAwait(false);
        var name = NewName();

        await Cancellation.HonouredAsync(async ct => await cursors.LoadCursorAsync(name, ct).ConfigureAwait(false)).ConfigureAwait(false);
        await Cancellation.HonouredAsync(async ct => await cursors.SaveCursorAsync(name, new PollingCursor(At, null, null, null, At), ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static string NewName() => "orders:" + TestIds.NewOrderId().Value + ":2026-01-01";

    private async Task<IPollingCursorStore> CursorsAsync()
    {
        var store = await CreateStoreAsync().ConfigureAwait(false);
        return store as IPollingCursorStore
            ?? throw new InvalidOperationException($"{store.GetType().Name} does not implement IPollingCursorStore: derive this suite only for a store that does.");
    }
}
