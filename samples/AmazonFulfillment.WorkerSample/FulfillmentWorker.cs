using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.SellingPartner;
using AmazonFulfillment.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AmazonFulfillment.WorkerSample;

/// <summary>
/// One polling cycle: resume nothing-lost work (at start), read Amazon's changed orders in a polling window, apply
/// them, record the packages Commerce shipped, then run the sync sweep (retries, blocked imports, held work).
/// </summary>
internal sealed partial class FulfillmentWorker(
    FulfillmentRuntime runtime,
    FakeSellingPartnerApi api,
    InMemoryCommerce commerce,
    IOrderStore store,
    TimeProvider time,
    WorkerOptions options,
    IHostApplicationLifetime lifetime,
    ILogger<FulfillmentWorker> logger) : BackgroundService
{
    private readonly OrderObservationDeduplicator _deduplicator = new();
    private DateTimeOffset? _watermark; // a real host persists this after each completed window
    private long _nextShipmentId = 1;   // stands in for Commerce's stored shipment ids (positive integers, sent as packageReferenceId); a real host uses its shipment's id, never an in-memory counter

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // After a restart: run the work that was decided but not done (saved in the store's outbox).
            var left = await runtime.ResumeAsync(stoppingToken);
            LogResumed(logger, left);

            for (var cycle = 1; !stoppingToken.IsCancellationRequested; cycle++)
            {
                await RunCycleAsync(cycle, stoppingToken);
                if (options.Cycles is { } cycles && cycle >= cycles)
                {
                    Environment.ExitCode = CheckOutcome() ? 0 : 1;
                    lifetime.StopApplication();
                    return;
                }

                await Task.Delay(options.Interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: saved work resumes at the next start.
        }
        catch (Exception)
        {
            Environment.ExitCode = 1;
            throw;
        }
    }

    private async Task RunCycleAsync(int cycle, CancellationToken ct)
    {
        // 1. Amazon → Commerce: every order changed in the window (LastUpdatedAfter, not CreatedAfter, so status changes are seen).
        var observed = 0;
        var applied = 0;
        var window = OrderPollingWindow.Next(_watermark, time.GetUtcNow());
        if (window is not null)
        {
            _deduplicator.BeginWindow(window);
            string? nextToken = null;
            do
            {
                var page = OrdersV0Reader.ReadGetOrdersResponse(api.GetOrders(window.LastUpdatedAfterText, window.LastUpdatedBeforeText, nextToken));
                var fresh = page.Orders.Where(_deduplicator.ShouldDeliver).ToList();
                await runtime.ObserveManyAsync(fresh, ct);
                foreach (var snapshot in fresh)
                {
                    _deduplicator.MarkDelivered(snapshot); // only once applied: a failed page is read again next window
                }

                observed += page.Orders.Length;
                applied += fresh.Count;
                nextToken = page.NextToken;
            }
            while (nextToken is not null);

            _watermark = window.NextWatermark;
        }

        // 2. Commerce → Amazon: the packages the warehouse shipped since the last cycle.
        var shipped = await RecordWarehouseShipmentsAsync(ct);

        // 3. Once per cycle: retries, blocked imports under the cap, work held by read-only mode.
        var swept = await runtime.SyncAsync(ct);

        LogCycle(logger, cycle, window?.ToString() ?? "none (polled too recently)", observed, applied, shipped, swept.Count);
    }

    /// <summary>
    /// Stands in for the Commerce backend's shipment events: every merchant-fulfilled order with unshipped units is
    /// shipped in one package. A real host calls <see cref="FulfillmentRuntime.RecordShipmentAsync"/> from its own
    /// "shipment saved" hook with the carrier, tracking number and lines the merchant entered.
    /// </summary>
    private async Task<int> RecordWarehouseShipmentsAsync(CancellationToken ct)
    {
        var recorded = 0;
        foreach (var record in commerce.Orders.Where(o => o.Status is not (CommerceStatuses.Complete or CommerceStatuses.Canceled)))
        {
            var tracked = (await store.LoadAsync(record.AmazonOrderId, ct))?.Order;
            if (tracked is not { Channel: FulfillmentChannel.Merchant, ChannelStatus: ChannelStatus.Unshipped or ChannelStatus.PartiallyShipped })
            {
                continue;
            }

            var shipmentId = _nextShipmentId++;
            var package = ShipmentPackage.Create(
                tracked.Id,
                PackageReferenceId.From(shipmentId),
                carrierCode: "UPS",
                carrierName: null,
                shippingMethod: "Ground",
                trackingNumber: $"1Z999AA1{shipmentId:D10}",
                shipDate: time.GetUtcNow(),
                items: tracked.Items.Where(i => i.Remaining > 0).Select(i => new PackageItem(i.OrderItemId, i.Remaining)));
            var result = await runtime.RecordShipmentAsync(package, ct);
            if (result.Refusal is { } refusal)
            {
                LogShipmentRefused(logger, tracked.Id.Value, refusal.ToString());
                continue;
            }

            recorded++;
        }

        return recorded;
    }

    private bool CheckOutcome()
    {
        var orders = commerce.Orders;
        var complete = orders.Count(o => o.Status == CommerceStatuses.Complete);
        var confirmations = api.Confirmations.Count;
        LogOutcome(logger, orders.Count, complete, confirmations);
        return orders.Count == 3 && complete == 3 && confirmations == 2;
    }

    [LoggerMessage(1, LogLevel.Information, "Resumed: {Left} orders still have runnable work")]
    private static partial void LogResumed(ILogger logger, int left);

    [LoggerMessage(2, LogLevel.Information, "Cycle {Cycle}: window {Window}; {Observed} orders read, {Applied} new observations delivered to the runtime; {Shipped} packages recorded; {Swept} orders swept")]
    private static partial void LogCycle(ILogger logger, int cycle, string window, int observed, int applied, int shipped, int swept);

    [LoggerMessage(3, LogLevel.Warning, "Shipment for order {AmazonOrderId} refused: {Refusal}")]
    private static partial void LogShipmentRefused(ILogger logger, string amazonOrderId, string refusal);

    [LoggerMessage(4, LogLevel.Information, "Done: {Orders} Commerce orders, {Complete} complete; {Confirmations} packages confirmed on Amazon")]
    private static partial void LogOutcome(ILogger logger, int orders, int complete, int confirmations);
}
