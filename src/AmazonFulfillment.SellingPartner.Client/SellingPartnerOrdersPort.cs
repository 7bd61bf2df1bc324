using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.SellingPartner.Client.Feeds;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmazonFulfillment.SellingPartner.Client;

/// <summary>
/// The Amazon port over SP-API: <c>getOrderItems</c> (every page), <c>confirmShipment</c> (the order's marketplace) and
/// cancellation through the Feeds API (an order acknowledgement with status Failure). A cancellation answers
/// <see cref="PortStatus.Transient"/> ("cancellation feed submitted; waiting for Amazon's processing report") until
/// Amazon's processing report is in; asked again for the same order it checks that feed instead of sending another, then
/// answers success when Amazon accepted it, or <see cref="PortStatus.Rejected"/> with Amazon's description when it did not.
/// So the Commerce order is cancelled only once Amazon accepted. Submitted feeds are kept in an <see cref="ISubmittedFeedStore"/>
/// until each order's outcome was answered, so that a new process (or another host) reads the report of a feed submitted
/// before instead of submitting the cancellation again. It reads back the packages Amazon holds (2026-01-01 <c>getOrder</c> with
/// <c>includedData=PACKAGES</c>) for <see cref="OrderSettings.ConfirmationCheckAfter"/>. Thread-safe.
/// </summary>
public sealed class SellingPartnerOrdersPort : IAmazonOrdersPort, IAmazonPackagesPort
{
    private readonly SellingPartnerClient _client;
    private readonly FeedCancellations _cancellations;

    /// <summary>Creates the port over a client.</summary>
    /// <param name="client">The client.</param>
    /// <param name="time">The clock the cancellation batch window waits on; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">The logger; none when <see langword="null"/>.</param>
    /// <param name="feeds">
    /// Where submitted cancellation feeds are kept; when <see langword="null"/>, an <see cref="InMemorySubmittedFeedStore"/> of this
    /// port's own (a restart forgets them, and an order still asked to cancel is then sent in a new feed).
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    public SellingPartnerOrdersPort(SellingPartnerClient client, TimeProvider? time = null, ILogger<SellingPartnerOrdersPort>? logger = null, ISubmittedFeedStore? feeds = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _cancellations = new FeedCancellations(
            client, client.Options, feeds ?? new InMemorySubmittedFeedStore(), time ?? TimeProvider.System, logger ?? (ILogger)NullLogger.Instance);
    }

    /// <summary>Gets how many cancellation feeds were created.</summary>
    public int CancellationFeedsSubmitted => _cancellations.FeedsSubmitted;

    /// <inheritdoc />
    public async ValueTask<PortResult<ImmutableArray<AmazonOrderItem>>> GetOrderItemsAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
        await _client.GetOrderItemsAsync(amazonOrderId, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<PortResult> ConfirmShipmentAsync(ShipmentPackage package, MarketplaceId? marketplaceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        if (marketplaceId is not { } marketplace)
        {
            if (_client.Options.MarketplaceIds.Count != 1 || !MarketplaceId.TryCreate(_client.Options.MarketplaceIds[0]).IsValid)
            {
                return PortResult.Rejected($"confirmShipment needs the order's marketplace, and Amazon never reported one for order {package.AmazonOrderId}.");
            }

            marketplace = MarketplaceId.TryCreate(_client.Options.MarketplaceIds[0]).Value;
        }

        return await _client.ConfirmShipmentAsync(package, marketplace, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<PortResult<ImmutableArray<string>>> GetConfirmedPackagesAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
        await _client.GetOrderPackagesAsync(amazonOrderId, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<PortResult> CancelOrderAsync(AmazonOrderId amazonOrderId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return await _cancellations.CancelAsync(amazonOrderId, reason, cancellationToken).ConfigureAwait(false);
    }
}
