namespace AmazonFulfillment.Domain;

/// <summary>Conventional Commerce order statuses (a host may use others).</summary>
public static class CommerceStatuses
{
    /// <summary>New order, nothing shipped.</summary>
    public const string Pending = "pending";

    /// <summary>Some items shipped.</summary>
    public const string Processing = "processing";

    /// <summary>Every item shipped.</summary>
    public const string Complete = "complete";

    /// <summary>Canceled.</summary>
    public const string Canceled = "canceled";
}
