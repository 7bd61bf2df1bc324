namespace AmazonFulfillment.Domain;

/// <summary>One line of a tracked order and how much of it has shipped.</summary>
/// <param name="OrderItemId">Amazon's line id.</param>
/// <param name="Sku">The SKU.</param>
/// <param name="QuantityOrdered">Units ordered.</param>
/// <param name="ShippedByCommerce">Units shipped in packages recorded from Commerce.</param>
/// <param name="ShippedOutside">Units Amazon reports shipped that Commerce never shipped (Seller Central).</param>
/// <param name="ItemPrice">The line total, or <see langword="null"/>.</param>
/// <param name="BuyerRequestedCancel">Whether the buyer asked to cancel this line.</param>
public sealed record TrackedItem(
    OrderItemId OrderItemId,
    Sku Sku,
    int QuantityOrdered,
    int ShippedByCommerce,
    int ShippedOutside,
    Money? ItemPrice,
    bool BuyerRequestedCancel)
{
    /// <summary>Gets the units not yet shipped.</summary>
    public int Remaining => QuantityOrdered - ShippedByCommerce - ShippedOutside;
}
