using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.SellingPartner;

namespace AmazonFulfillment.WorkerSample;

/// <summary>
/// The Amazon port over SP-API: responses are read with <see cref="OrdersV0Reader"/> and confirmations written with
/// <see cref="ConfirmShipmentRequestWriter"/>. A real client maps HTTP 429 to <see cref="PortResult.Throttled"/>,
/// time-outs and 5xx to <see cref="PortResult.Transient"/>, and other 4xx to <see cref="PortResult.Rejected"/>.
/// </summary>
/// <param name="api">The (fake) SP-API.</param>
internal sealed class SellingPartnerAmazonPort(FakeSellingPartnerApi api) : IAmazonOrdersPort
{
    /// <inheritdoc />
    public ValueTask<PortResult<ImmutableArray<AmazonOrderItem>>> GetOrderItemsAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default)
    {
        var body = api.GetOrderItems(amazonOrderId.Value);
        if (body is null)
        {
            return ValueTask.FromResult<PortResult<ImmutableArray<AmazonOrderItem>>>(PortResult.Rejected($"getOrderItems: order {amazonOrderId} not found (404)."));
        }

        // A real client follows NextToken until HasMorePages is false; the fake answers in one page.
        var page = OrdersV0Reader.ReadGetOrderItemsResponse(body);
        return ValueTask.FromResult(PortResult<ImmutableArray<AmazonOrderItem>>.Ok(page.Items));
    }

    /// <inheritdoc />
    public ValueTask<PortResult> ConfirmShipmentAsync(ShipmentPackage package, MarketplaceId? marketplaceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        if (marketplaceId is not { } marketplace)
        {
            return ValueTask.FromResult(PortResult.Rejected($"confirmShipment: order {package.AmazonOrderId} has no marketplace id; Amazon requires one (400)."));
        }

        var status = api.ConfirmShipment(
            ConfirmShipmentRequestWriter.RequestPath(package.AmazonOrderId),
            ConfirmShipmentRequestWriter.WriteBody(package, marketplace));
        return ValueTask.FromResult(status == 204 ? PortResult.Ok : PortResult.Rejected($"confirmShipment answered {status}."));
    }

    /// <inheritdoc />
    public ValueTask<PortResult> CancelOrderAsync(AmazonOrderId amazonOrderId, string reason, CancellationToken cancellationToken = default)
    {
        var status = api.CancelOrder(amazonOrderId.Value);
        return ValueTask.FromResult(status == 204 ? PortResult.Ok : PortResult.Rejected($"cancel answered {status}."));
    }
}
