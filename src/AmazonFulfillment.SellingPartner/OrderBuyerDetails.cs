using AmazonFulfillment.Domain;

namespace AmazonFulfillment.SellingPartner;

/// <summary>
/// An Orders v0 <c>getOrderBuyerInfo</c> response (restricted data, read with a Restricted Data Token).
/// <see cref="BuyerInfo"/> redacts itself in <see cref="object.ToString"/>.
/// </summary>
/// <param name="AmazonOrderId">The order.</param>
/// <param name="Buyer">The buyer's email and name, or <see langword="null"/> when Amazon gave neither.</param>
public sealed record OrderBuyerDetails(AmazonOrderId AmazonOrderId, BuyerInfo? Buyer);
