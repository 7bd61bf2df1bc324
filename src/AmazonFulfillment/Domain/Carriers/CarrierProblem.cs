namespace AmazonFulfillment.Domain;

/// <summary>Why a carrier check refused a shipment: its stable code, the field at fault and what to do about it.</summary>
/// <param name="Code">The stable code: <see cref="ProblemCodes.CarrierCodeUnknown"/>, <see cref="ProblemCodes.CarrierNameRequired"/> or
/// <see cref="ProblemCodes.CarrierTrackingNumberInvalid"/>.</param>
/// <param name="Field">The field at fault: <c>carrierCode</c>, <c>carrierName</c> or <c>trackingNumber</c>.</param>
/// <param name="Reason">What happened and what to do, ready to show to the merchant.</param>
public sealed record CarrierProblem(string Code, string Field, string Reason);
