namespace AmazonFulfillment.Domain;

/// <summary>Where a package's confirmation to Amazon stands.</summary>
public enum ConfirmationState
{
    /// <summary>Decided, not yet accepted by Amazon (or held by read-only mode).</summary>
    Pending,

    /// <summary>Amazon accepted the confirmation.</summary>
    Confirmed,

    /// <summary>Amazon refused it permanently; the reason is on the package. The order shows channel status Error until the
    /// merchant corrects the package (records it again under the same id) or retries it.</summary>
    Failed,

    /// <summary>Not sent, because Amazon reports the order Canceled; the reason is on the package.</summary>
    Dropped,
}

/// <summary>What reading the order's packages back from Amazon found of a confirmed package (<see cref="OrderSettings.ConfirmationCheckAfter"/>).</summary>
public enum PackageVerification
{
    /// <summary>Not read back: the check is off, not due yet, or the package is not confirmed.</summary>
    NotChecked,

    /// <summary>Amazon holds the package.</summary>
    OnAmazon,

    /// <summary>Amazon accepted the confirmation but did not hold the package when read back: sent again (see <see cref="PackageRecord.Resends"/>),
    /// or, after the last resend, shown as refused.</summary>
    NotOnAmazon,
}

/// <summary>A package recorded from Commerce and its confirmation to Amazon.</summary>
/// <param name="Package">The package.</param>
/// <param name="Confirmation">Where its confirmation stands.</param>
/// <param name="FailureReason">Amazon's reason when it refused the confirmation, or why it was dropped.</param>
/// <param name="ConfirmedAt">When Amazon accepted the confirmation, or <see langword="null"/> while it has not.</param>
/// <param name="CarrierWarning">Why the carrier or tracking number looks wrong for Amazon, when the package was sent anyway
/// (<see cref="CarrierCheckMode.SendAndFlag"/>); <see langword="null"/> when it passed the check.</param>
/// <param name="Verification">What reading the packages back from Amazon found.</param>
/// <param name="Resends">How many times the package was sent again because Amazon accepted it and did not keep it.</param>
public sealed record PackageRecord(
    ShipmentPackage Package,
    ConfirmationState Confirmation,
    string? FailureReason = null,
    DateTimeOffset? ConfirmedAt = null,
    string? CarrierWarning = null,
    PackageVerification Verification = PackageVerification.NotChecked,
    int Resends = 0);
