namespace AmazonFulfillment.WorkerSample;

/// <summary>How often the worker polls, and whether it stops.</summary>
internal sealed class WorkerOptions
{
    /// <summary>Gets the number of cycles to run before stopping the host, or <see langword="null"/> to run until stopped.</summary>
    public int? Cycles { get; init; }

    /// <summary>Gets the pause between cycles.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);
}
