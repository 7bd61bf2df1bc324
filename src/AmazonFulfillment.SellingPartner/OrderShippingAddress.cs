using AmazonFulfillment.Domain;

namespace AmazonFulfillment.SellingPartner;

/// <summary>
/// An Orders v0 <c>getOrderAddress</c> response (restricted data, read with a Restricted Data Token).
/// <see cref="Domain.ShippingAddress"/> redacts itself in <see cref="object.ToString"/>.
/// </summary>
/// <param name="AmazonOrderId">The order.</param>
/// <param name="ShippingAddress">The shipping address, or <see langword="null"/> when Amazon gave none.</param>
public sealed record OrderShippingAddress(AmazonOrderId AmazonOrderId, ShippingAddress? ShippingAddress);
