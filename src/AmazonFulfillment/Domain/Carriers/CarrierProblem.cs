namespace AmazonFulfillment.Domain;

/// <summary>Why a carrier check refused a shipment: the field at fault and what to do about it.</summary>
/// <param name="Field">The field at fault: <c>carrierCode</c>, <c>carrierName</c> or <c>trackingNumber</c>.</param>
/// <param name="Reason">What happened and what to do, ready to show to the merchant.</param>
public sealed record CarrierProblem(string Field, string Reason);
