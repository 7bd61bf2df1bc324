namespace AmazonFulfillment.Domain;

/// <summary>The Commerce order created for an Amazon order.</summary>
/// <param name="CommerceOrderId">Commerce's id.</param>
/// <param name="OrderNumber">The order number.</param>
/// <param name="Status">Its status as last set by this library.</param>
public sealed record CommerceOrderRef(string CommerceOrderId, string OrderNumber, string Status);
