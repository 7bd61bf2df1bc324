namespace AmazonFulfillment.Domain;

/// <summary>A quantity of one order line in a package.</summary>
/// <param name="OrderItemId">The Amazon order line.</param>
/// <param name="Quantity">Units in the package, at least 1.</param>
public readonly record struct PackageItem(OrderItemId OrderItemId, int Quantity);
