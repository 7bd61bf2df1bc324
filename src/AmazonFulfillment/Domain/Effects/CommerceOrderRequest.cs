using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace AmazonFulfillment.Domain;

/// <summary>One line of a Commerce order to create.</summary>
/// <param name="Sku">The product.</param>
/// <param name="Quantity">Units ordered.</param>
/// <param name="UnitPrice">The unit price (Amazon's line total divided by the quantity), or <see langword="null"/> when unknown.</param>
public sealed record CommerceOrderLine(Sku Sku, int Quantity, Money? UnitPrice);

/// <summary>Everything Commerce needs to create the order for an Amazon order.</summary>
public sealed record CommerceOrderRequest
{
    /// <summary>Gets the Amazon order; Commerce creation is idempotent on it.</summary>
    public required AmazonOrderId AmazonOrderId { get; init; }

    /// <summary>Gets who fulfils the order.</summary>
    public required FulfillmentChannel Channel { get; init; }

    /// <summary>Gets the store view the order belongs to.</summary>
    public required string StoreView { get; init; }

    /// <summary>Gets the order number to use, or <see langword="null"/> for Commerce to assign one.</summary>
    public string? OrderNumber { get; init; }

    /// <summary>Gets the initial status, or <see langword="null"/> for Commerce's default for new orders.</summary>
    public string? InitialStatus { get; init; }

    /// <summary>Gets whether the order reserves stock.</summary>
    public required bool ReserveInventory { get; init; }

    /// <summary>Gets whether managed stock must be available (merchant-fulfilled orders); FBA orders are never blocked by stock.</summary>
    public required bool RequireStock { get; init; }

    /// <summary>Gets the Commerce customer, or <see langword="null"/> for a guest order.</summary>
    public string? CustomerId { get; init; }

    /// <summary>Gets the buyer's details for the order record, when Amazon gave them (restricted data).</summary>
    public BuyerInfo? Buyer { get; init; }

    /// <summary>Gets the shipping address, when Amazon gave it (restricted data).</summary>
    public ShippingAddress? ShippingAddress { get; init; }

    /// <summary>Gets the lines.</summary>
    public required ImmutableArray<CommerceOrderLine> Lines { get; init; }

    /// <summary>Gets the order total, or <see langword="null"/> when unknown.</summary>
    public Money? Total { get; init; }

    /// <summary>Gets when the order was placed on Amazon.</summary>
    public required DateTimeOffset PurchaseDate { get; init; }
}
