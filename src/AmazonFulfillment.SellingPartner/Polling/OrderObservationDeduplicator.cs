using AmazonFulfillment.Domain;

namespace AmazonFulfillment.SellingPartner;

/// <summary>
/// Drops order observations that overlapping poll windows deliver again: an observation passes only when its
/// <c>LastUpdateDate</c> is later than the last one delivered for the same order. Not thread-safe: one per poller.
/// </summary>
/// <remarks>
/// <para>An observation older than one already delivered is dropped too; the domain would ignore it anyway
/// (status never regresses). The domain's own idempotence remains the guarantee; this only saves work.</para>
/// <para>Mark an observation delivered only once it has been applied (<see cref="ShouldDeliver(AmazonOrderSnapshot)"/>,
/// apply, then <see cref="MarkDelivered(AmazonOrderSnapshot)"/>), so a failed one is delivered again by the next window.</para>
/// <para>Memory stays bounded: call <see cref="BeginWindow"/> before each window; it forgets the orders last updated
/// before the window starts, which that window cannot deliver.</para>
/// </remarks>
public sealed class OrderObservationDeduplicator
{
    private readonly Dictionary<AmazonOrderId, DateTimeOffset> _delivered = [];

    /// <summary>Gets how many orders are remembered.</summary>
    public int Count => _delivered.Count;

    /// <summary>Gets whether an observation is new: no observation of the order with the same or a later <c>LastUpdateDate</c> was delivered.</summary>
    /// <param name="snapshot">The observation.</param>
    /// <returns><see langword="true"/> when it should be applied.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is <see langword="null"/>.</exception>
    public bool ShouldDeliver(AmazonOrderSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return ShouldDeliver(snapshot.Id, snapshot.LastUpdateDate);
    }

    /// <summary>Gets whether an observation is new.</summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <param name="lastUpdateDate">The observation's <c>LastUpdateDate</c>.</param>
    /// <returns><see langword="true"/> when it should be applied.</returns>
    /// <exception cref="ArgumentException"><paramref name="amazonOrderId"/> is the default value.</exception>
    public bool ShouldDeliver(AmazonOrderId amazonOrderId, DateTimeOffset lastUpdateDate)
    {
        Require(amazonOrderId);
        return !_delivered.TryGetValue(amazonOrderId, out var delivered) || lastUpdateDate > delivered;
    }

    /// <summary>Records that an observation was applied.</summary>
    /// <param name="snapshot">The observation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is <see langword="null"/>.</exception>
    public void MarkDelivered(AmazonOrderSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        MarkDelivered(snapshot.Id, snapshot.LastUpdateDate);
    }

    /// <summary>Records that an observation was applied; an older date than the one remembered changes nothing.</summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <param name="lastUpdateDate">The observation's <c>LastUpdateDate</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="amazonOrderId"/> is the default value.</exception>
    public void MarkDelivered(AmazonOrderId amazonOrderId, DateTimeOffset lastUpdateDate)
    {
        Require(amazonOrderId);
        if (!_delivered.TryGetValue(amazonOrderId, out var delivered) || lastUpdateDate > delivered)
        {
            _delivered[amazonOrderId] = lastUpdateDate;
        }
    }

    /// <summary>Checks and records in one step, for hosts that apply observations without a failure path.</summary>
    /// <param name="snapshot">The observation.</param>
    /// <returns><see langword="true"/> when it is new (and is now recorded); <see langword="false"/> for a repeat or an older one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is <see langword="null"/>.</exception>
    public bool TryAccept(AmazonOrderSnapshot snapshot)
    {
        if (!ShouldDeliver(snapshot))
        {
            return false;
        }

        MarkDelivered(snapshot);
        return true;
    }

    /// <summary>Forgets the orders last delivered before a window's start; call it before reading the window.</summary>
    /// <param name="window">The window about to be read.</param>
    /// <returns>How many orders were forgotten.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="window"/> is <see langword="null"/>.</exception>
    public int BeginWindow(OrderPollingWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return ForgetBefore(window.LastUpdatedAfter);
    }

    /// <summary>Forgets the orders whose last delivered <c>LastUpdateDate</c> is before a cutoff.</summary>
    /// <param name="cutoff">The cutoff.</param>
    /// <returns>How many orders were forgotten.</returns>
    public int ForgetBefore(DateTimeOffset cutoff)
    {
        var stale = _delivered.Where(e => e.Value < cutoff).Select(e => e.Key).ToList();
        foreach (var id in stale)
        {
            _delivered.Remove(id);
        }

        return stale.Count;
    }

    private static void Require(AmazonOrderId amazonOrderId)
    {
        if (amazonOrderId.Value.Length == 0)
        {
            throw ProblemCodes.Attach(ProblemCodes.InputOrderIdMissing, new ArgumentException("An Amazon order id is required.", nameof(amazonOrderId)));
        }
    }
}
