using AmazonFulfillment.Ports;

namespace AmazonFulfillment.SellingPartner.Client;

public sealed partial class SellingPartnerOrderPoller
{
    /// <summary>Gets the name the cursor is saved under: <c>orders:{seller}:{api}</c>.</summary>
    public string CursorName { get; }

    /// <summary>Saves the cursor after a page: past the window when it was the last page, else inside it at the next page. Answers whether the window is read.</summary>
    private async Task<bool> CheckpointAsync(PollingCursor? cursor, DateTimeOffset after, DateTimeOffset before, string? nextToken, CancellationToken cancellationToken)
    {
        var completed = nextToken is null;
        var checkpoint = completed
            ? new PollingCursor(before, null, null, null, _time.GetUtcNow())
            : new PollingCursor(cursor?.Watermark, after, before, nextToken, _time.GetUtcNow());
        await SaveCursorAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        if (completed)
        {
            _watermark = before;
        }

        return completed;
    }

    private async ValueTask<PollingCursor?> LoadCursorAsync(CancellationToken cancellationToken) =>
        _cursors is null ? _memoryCursor : await _cursors.LoadCursorAsync(CursorName, cancellationToken).ConfigureAwait(false);

    private async ValueTask SaveCursorAsync(PollingCursor cursor, CancellationToken cancellationToken)
    {
        _memoryCursor = cursor;
        if (_cursors is not null)
        {
            await _cursors.SaveCursorAsync(CursorName, cursor, cancellationToken).ConfigureAwait(false);
        }
    }
}
