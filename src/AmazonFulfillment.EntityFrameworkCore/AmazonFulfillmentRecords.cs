namespace AmazonFulfillment.EntityFrameworkCore;

/// <summary>
/// One tracked order as a row of the orders table (mapped by <c>modelBuilder.AddAmazonFulfillment()</c>).
/// The order itself is the JSON <see cref="Document"/> (written by <see cref="Storage.OrderDocumentSerializer"/>); the other
/// columns are what the store queries by. Read and written by the store only: a host should not change rows itself.
/// </summary>
public sealed class AmazonFulfillmentOrderRecord
{
    /// <summary>Gets or sets the Amazon order id (the key).</summary>
    public string Id { get; set; } = "";

    /// <summary>Gets or sets the version, at least 1; each save adds one, and a save must match it (the concurrency token).</summary>
    public long Version { get; set; }

    /// <summary>Gets or sets the order's state, for reading the table by hand.</summary>
    public string State { get; set; } = "";

    /// <summary>Gets or sets whether the order has unfinished work (an outbox or a blocked import); indexed for the sweeps.</summary>
    public bool HasWork { get; set; }

    /// <summary>Gets or sets the order's ship-by deadline while it still matters (<see cref="Domain.FulfillmentOrder.ShipByDeadline"/>),
    /// as Unix time in milliseconds (UTC), so that every database compares and sorts it the same way; indexed for the sweeps'
    /// order and the orders-at-risk query.</summary>
    public long? ShipBy { get; set; }

    /// <summary>Gets or sets the order as its JSON document.</summary>
    public string Document { get; set; } = "";

    /// <summary>Gets or sets who holds the order's claim (stores shared by several hosts only).</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>Gets or sets until when the claim holds (stores shared by several hosts only).</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>Gets or sets when the order was last saved (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>An order poller's cursor as a row of the cursors table (see <see cref="Ports.PollingCursor"/>).</summary>
public sealed class AmazonFulfillmentCursorRecord
{
    /// <summary>Gets or sets the cursor's name (the key).</summary>
    public string Name { get; set; } = "";

    /// <summary>Gets or sets the last completed window's upper bound (UTC).</summary>
    public DateTimeOffset? Watermark { get; set; }

    /// <summary>Gets or sets the lower bound of the window being read (UTC).</summary>
    public DateTimeOffset? WindowStart { get; set; }

    /// <summary>Gets or sets the upper bound of the window being read (UTC).</summary>
    public DateTimeOffset? WindowEnd { get; set; }

    /// <summary>Gets or sets the token of the next page of that window.</summary>
    public string? PageToken { get; set; }

    /// <summary>Gets or sets when the cursor was saved (UTC).</summary>
    public DateTimeOffset SavedAt { get; set; }
}

/// <summary>An order poller's lease as a row of the leases table (see <see cref="SellingPartner.IPollerLeaseStore"/>).</summary>
public sealed class AmazonFulfillmentLeaseRecord
{
    /// <summary>Gets or sets the lease's name (the key).</summary>
    public string Name { get; set; } = "";

    /// <summary>Gets or sets who holds it.</summary>
    public string Owner { get; set; } = "";

    /// <summary>Gets or sets until when it holds without a renewal (UTC).</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>One order of a submitted cancellation feed as a row of the feed orders table (see <see cref="SellingPartner.ISubmittedFeedStore"/>).</summary>
public sealed class AmazonFulfillmentFeedOrderRecord
{
    /// <summary>Gets or sets Amazon's feed id (the key, with the order).</summary>
    public string FeedId { get; set; } = "";

    /// <summary>Gets or sets the Amazon order id (the key, with the feed).</summary>
    public string AmazonOrderId { get; set; } = "";

    /// <summary>Gets or sets the seller whose feed it is.</summary>
    public string SellerId { get; set; } = "";

    /// <summary>Gets or sets the number of the order's message in the feed.</summary>
    public int MessageId { get; set; }

    /// <summary>Gets or sets the cancel reason sent.</summary>
    public string Reason { get; set; } = "";

    /// <summary>Gets or sets when the feed was submitted (UTC).</summary>
    public DateTimeOffset SubmittedAt { get; set; }
}
