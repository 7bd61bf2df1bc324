namespace AmazonFulfillment.Domain;

/// <summary>
/// The result of <see cref="CarrierCatalog.Check"/>: the carrier code and name to send to Amazon, whether they
/// differ from what the merchant gave, and the problem that should stop the confirmation, if any.
/// </summary>
/// <param name="CarrierCode">The carrier code to send, in Amazon's exact spelling when the carrier is listed.</param>
/// <param name="CarrierName">The carrier name to send; <see langword="null"/> unless <see cref="CarrierCode"/> is <c>Other</c>
/// (or the code was refused, in which case the name given is kept).</param>
/// <param name="Mapped">Whether <see cref="CarrierCode"/> differs from the code given (after trimming): a spelling
/// corrected (<c>ups</c> to <c>UPS</c>), an alternative name resolved, or <c>Other</c> with a listed carrier's name
/// replaced by that carrier's code.</param>
/// <param name="Problem">Why the shipment should not be sent as it is, or <see langword="null"/> when it passed.</param>
public sealed record CarrierCheck(string CarrierCode, string? CarrierName, bool Mapped, CarrierProblem? Problem)
{
    /// <summary>Gets a value indicating whether the check passed (<see cref="Problem"/> is <see langword="null"/>).</summary>
    public bool IsValid => Problem is null;
}
