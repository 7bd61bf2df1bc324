namespace AmazonFulfillment.Domain;

/// <summary>Whether the order is a guest order or belongs to a customer account.</summary>
public enum CustomerKind
{
    /// <summary>A guest order.</summary>
    Guest,

    /// <summary>An order of a Commerce customer account.</summary>
    Account,
}

/// <summary>The Commerce customer of an order.</summary>
/// <param name="Kind">Guest or account.</param>
/// <param name="CustomerId">The customer's id for accounts; <see langword="null"/> for guests.</param>
public sealed record CustomerRef(CustomerKind Kind, string? CustomerId)
{
    /// <summary>Gets the guest customer.</summary>
    public static CustomerRef Guest { get; } = new(CustomerKind.Guest, null);
}
