using System.Collections.Immutable;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Ports;

/// <summary>
/// Reads back which packages Amazon holds for an order (SP-API Orders 2026-01-01 <c>getOrder</c> with <c>includedData=PACKAGES</c>), so that a
/// confirmation Amazon accepted and did not keep is found and sent again (<see cref="OrderSettings.ConfirmationCheckAfter"/>). Implemented by
/// the Amazon port, beside <see cref="IAmazonOrdersPort"/>; optional while the check is off.
/// </summary>
public interface IAmazonPackagesPort
{
    /// <summary>Gets the package reference ids of the packages Amazon holds for the order, as Amazon spells them.</summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The package reference ids (empty when Amazon holds none), or a failure. The runtime checks the answer: a missing list or a
    /// blank id breaks the contract and is recorded as a failed check, never read as "no package".</returns>
    ValueTask<PortResult<ImmutableArray<string>>> GetConfirmedPackagesAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default);
}
