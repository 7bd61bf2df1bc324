using Xunit;

namespace AmazonFulfillment.Verification.Conformance;

/// <summary>Checks that an async member honours a cancelled token: it throws <see cref="OperationCanceledException"/> or returns promptly.</summary>
internal static class Cancellation
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

    public static async Task HonouredAsync(Func<CancellationToken, Task> call)
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync().ConfigureAwait(false);
        var task = Task.Run(() => call(cts.Token));
        var finished = await Task.WhenAny(task, Task.Delay(Prompt)).ConfigureAwait(false);
        Assert.True(finished == task, "The call did not honour a cancelled CancellationToken: it neither threw OperationCanceledException nor returned within 5 seconds.");
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Throwing is the preferred way to honour cancellation.
        }
    }
}
