namespace AmazonFulfillment.Domain;

/// <summary>Who numbers new Commerce orders.</summary>
public enum OrderNumberSource
{
    /// <summary>Commerce assigns its own number (the default).</summary>
    Commerce,

    /// <summary>The Amazon order id is used as the order number.</summary>
    Amazon,
}
