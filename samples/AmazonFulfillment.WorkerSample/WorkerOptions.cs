namespace AmazonFulfillment.WorkerSample;

/// <summary>How often the worker runs, whether it stops, and whether it plays the warehouse against the fake Amazon.</summary>
internal sealed class WorkerOptions
{
    /// <summary>Gets the number of cycles to run before stopping the host, or <see langword="null"/> to run until stopped.</summary>
    public int? Cycles { get; init; }

    /// <summary>Gets the pause between cycles.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets whether the worker polls itself each cycle (with <c>--once</c>) instead of leaving it to the hosted poller.</summary>
    public bool PollEachCycle { get; init; }

    /// <summary>Gets whether Amazon is the fake: only then does the sample's warehouse ship and cancel orders, and the outcome is checked.</summary>
    public bool FakeAmazon { get; init; }
}
