namespace AmazonFulfillment.Domain;

/// <summary>One line of an Amazon order, as <c>getOrderItems</c> reports it.</summary>
public sealed record AmazonOrderItem
{
    /// <summary>Creates a line.</summary>
    /// <param name="orderItemId">Amazon's line identifier.</param>
    /// <param name="sku">The seller SKU.</param>
    /// <param name="quantityOrdered">Units ordered, zero or more.</param>
    /// <param name="quantityShipped">Units Amazon reports shipped, from zero to <paramref name="quantityOrdered"/>.</param>
    /// <param name="itemPrice">SP-API's <c>ItemPrice</c>: the line total (unit price × quantity), or <see langword="null"/> while Amazon withholds it.</param>
    /// <param name="buyerRequestedCancel">Whether the buyer asked to cancel this line.</param>
    /// <exception cref="ArgumentException">An identifier is the default value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A quantity is out of range.</exception>
    public AmazonOrderItem(OrderItemId orderItemId, Sku sku, int quantityOrdered, int quantityShipped, Money? itemPrice, bool buyerRequestedCancel = false)
    {
        if (orderItemId.Value.Length == 0)
        {
            throw ProblemCodes.Attach(ProblemCodes.InputInvalidValue, new ArgumentException("is required.", nameof(orderItemId)));
        }

        if (sku.Value.Length == 0)
        {
            throw ProblemCodes.Attach(ProblemCodes.InputInvalidValue, new ArgumentException("is required.", nameof(sku)));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(quantityOrdered);
        ArgumentOutOfRangeException.ThrowIfNegative(quantityShipped);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantityShipped, quantityOrdered);
        OrderItemId = orderItemId;
        Sku = sku;
        QuantityOrdered = quantityOrdered;
        QuantityShipped = quantityShipped;
        ItemPrice = itemPrice;
        BuyerRequestedCancel = buyerRequestedCancel;
    }

    /// <summary>Gets Amazon's line identifier.</summary>
    public OrderItemId OrderItemId { get; }

    /// <summary>Gets the seller SKU.</summary>
    public Sku Sku { get; }

    /// <summary>Gets the units ordered.</summary>
    public int QuantityOrdered { get; }

    /// <summary>Gets the units Amazon reports shipped.</summary>
    public int QuantityShipped { get; }

    /// <summary>Gets the line total (SP-API <c>ItemPrice</c> is unit price × quantity), or <see langword="null"/>.</summary>
    public Money? ItemPrice { get; }

    /// <summary>Gets whether the buyer asked to cancel this line (SP-API <c>BuyerRequestedCancel.IsBuyerRequestedCancel</c>).</summary>
    public bool BuyerRequestedCancel { get; }

    /// <summary>Validates untrusted line data, returning the field and reason instead of throwing.</summary>
    /// <param name="orderItemId">The line identifier text.</param>
    /// <param name="sku">The SKU text.</param>
    /// <param name="quantityOrdered">Units ordered.</param>
    /// <param name="quantityShipped">Units shipped.</param>
    /// <param name="itemPrice">The line total, or <see langword="null"/>.</param>
    /// <param name="buyerRequestedCancel">Whether the buyer asked to cancel.</param>
    /// <returns>The line or the reason it was refused.</returns>
    public static Validated<AmazonOrderItem> TryCreate(string? orderItemId, string? sku, int quantityOrdered, int quantityShipped, Money? itemPrice, bool buyerRequestedCancel = false)
    {
        var id = OrderItemId.TryCreate(orderItemId);
        if (!id.IsValid)
        {
            return id.As<AmazonOrderItem>();
        }

        var s = Sku.TryCreate(sku);
        if (!s.IsValid)
        {
            return s.As<AmazonOrderItem>();
        }

        if (quantityOrdered < 0)
        {
            return Validated<AmazonOrderItem>.Fail("QuantityOrdered", $"{quantityOrdered} must not be negative.");
        }

        if (quantityShipped < 0 || quantityShipped > quantityOrdered)
        {
            return Validated<AmazonOrderItem>.Fail("QuantityShipped", $"{quantityShipped} must be between 0 and QuantityOrdered ({quantityOrdered}).");
        }

        return Validated<AmazonOrderItem>.Ok(new AmazonOrderItem(id.Value, s.Value, quantityOrdered, quantityShipped, itemPrice, buyerRequestedCancel));
    }
}
