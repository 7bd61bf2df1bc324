using System.Globalization;

namespace AmazonFulfillment.SellingPartner.Client;

/// <summary>How the order poller runs.</summary>
public sealed class SellingPartnerPollerOptions
{
    /// <summary>Gets or sets the pause between polls. <c>searchOrders</c> allows one call per three minutes once its burst is spent.</summary>
    /// <value>Positive. Default: 3 minutes.</value>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Gets or sets how the window is placed (initial look-back, safety lag of at least two minutes, overlap).</summary>
    /// <value>Default: <see cref="OrderPollingOptions"/>'s defaults.</value>
    public OrderPollingOptions Window { get; set; } = new();

    /// <summary>Gets or sets how long a saved page token is trusted after a restart; an older one restarts its window from the first page.</summary>
    /// <value>Positive. Default: 5 minutes.</value>
    public TimeSpan PageTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how far the window may trail now before a warning is logged.</summary>
    /// <value>Positive. Default: 30 minutes.</value>
    public TimeSpan LagWarningThreshold { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Gets or sets how long the poller's lease (one poller per seller across hosts) holds without a renewal. The poller renews
    /// it before each poll and after each page; a host that stops without releasing it is taken over once it expires.
    /// </summary>
    /// <value>Longer than <see cref="Interval"/>, or the lease lapses between polls. Default: 10 minutes.</value>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets who this poller is to the lease store: unique per poller instance.</summary>
    /// <value>Default <see langword="null"/>: the machine name, the process id and a random suffix.</value>
    public string? LeaseOwner { get; set; }

    /// <summary>
    /// Gets or sets whether the poller runs as a hosted service. When <see langword="false"/> the host calls
    /// <see cref="SellingPartnerOrderPoller.PollOnceAsync"/> itself.
    /// </summary>
    /// <value>Default: <see langword="true"/>.</value>
    public bool RunAsHostedService { get; set; } = true;

    /// <summary>Checks every setting.</summary>
    /// <returns>Every problem, one sentence each; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Interval <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(Interval)} ({Show(Interval)}) must be positive.");
        }

        if (PageTokenLifetime <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(PageTokenLifetime)} ({Show(PageTokenLifetime)}) must be positive.");
        }

        if (LagWarningThreshold <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(LagWarningThreshold)} ({Show(LagWarningThreshold)}) must be positive.");
        }

        if (LeaseDuration <= Interval)
        {
            problems.Add($"{nameof(LeaseDuration)} ({Show(LeaseDuration)}) must be longer than {nameof(Interval)} ({Show(Interval)}), or the lease lapses between polls.");
        }

        if (LeaseOwner is not null && (string.IsNullOrWhiteSpace(LeaseOwner) || LeaseOwner.Length > 200))
        {
            problems.Add($"{nameof(LeaseOwner)} must be null (chosen by the poller) or a name of at most 200 characters.");
        }

        if (Window is null)
        {
            problems.Add($"{nameof(Window)} is required.");
        }
        else
        {
            try
            {
                Window.Validate();
            }
            catch (ArgumentException e)
            {
                problems.Add($"{nameof(Window)}: {e.Message}");
            }
        }

        return problems;
    }

    private static string Show(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}

/// <summary>What one poll did.</summary>
/// <param name="Pages">The pages read.</param>
/// <param name="Orders">The orders on them.</param>
/// <param name="Delivered">The observations handed to the runtime (repeats of overlapping windows are not).</param>
/// <param name="WindowCompleted">Whether the window's last page was read (the watermark moved).</param>
/// <param name="Failure">Why the poll stopped early, or <see langword="null"/>; the cursor stays at the last page read.</param>
public sealed record OrderPollResult(int Pages, int Orders, int Delivered, bool WindowCompleted, string? Failure)
{
    /// <summary>
    /// Gets whether another host holds the poller's lease: the cycle was skipped (nothing read), or stopped after the page on
    /// which the lease was lost.
    /// </summary>
    public bool LeaseHeldElsewhere { get; init; }
}
