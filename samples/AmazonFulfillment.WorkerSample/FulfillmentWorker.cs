using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.SellingPartner.Client;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Testing.SellingPartner;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AmazonFulfillment.WorkerSample;

/// <summary>
/// One cycle: (with <c>--once</c>) poll Amazon's changed orders over SP-API into the runtime; against the fake Amazon, play
/// the warehouse (ship what it has, cancel what it has run out of); then run the sync sweep (retries, blocked imports,
/// held work) and list the orders at risk of their ship-by deadline. Without <c>--once</c> the hosted poller polls on its own
/// interval.
/// </summary>
internal sealed partial class FulfillmentWorker(
    FulfillmentRuntime runtime,
    SellingPartnerOrderPoller poller,
    InMemoryCommerce commerce,
    IOrderStore store,
    TimeProvider time,
    WorkerOptions options,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILogger<FulfillmentWorker> logger) : BackgroundService
{
    private long _nextShipmentId = 1; // stands in for Commerce's stored shipment ids (positive integers, sent as packageReferenceId)
    private int _keptAtStart; // the fake Amazon's orders the store already tracked when this run started (a restart over a kept store)

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // After a restart: run the work that was decided but not done (saved in the store's outbox).
            var left = await runtime.ResumeAsync(stoppingToken);
            LogResumed(logger, left);
            if (options.FakeAmazon)
            {
                _keptAtStart = await CountTrackedAsync(stoppingToken);
                LogKept(logger, _keptAtStart);
            }

            for (var cycle = 1; !stoppingToken.IsCancellationRequested; cycle++)
            {
                await RunCycleAsync(cycle, stoppingToken);
                if (options.Cycles is { } cycles && cycle >= cycles)
                {
                    Environment.ExitCode = await CheckOutcomeAsync(stoppingToken) ? 0 : 1;
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
        // 1. Amazon → Commerce: every order changed in the window, every page (searchOrders, items included).
        var poll = options.PollEachCycle ? await poller.PollOnceAsync(ct) : null;

        // 2. Commerce → Amazon: the warehouse ships what it has and cancels what it has run out of (fake Amazon only).
        var (shipped, cancelled) = options.FakeAmazon ? await PlayWarehouseAsync(ct) : (0, 0);

        // 3. Once per cycle: retries, blocked imports under the cap, work held by read-only mode (and the gauges of queued,
        //    held and blocked work).
        var swept = await runtime.SyncAsync(ct);

        // 4. The "ship today" list (and the orders-at-risk gauge).
        var atRisk = await runtime.OrdersAtRiskAsync(cancellationToken: ct);

        LogCycle(logger, cycle, poll is null ? "left to the hosted poller" : $"{poll.Orders} orders in {poll.Pages} pages, {poll.Delivered} delivered", shipped, cancelled, swept.Count, atRisk.Count);
    }

    /// <summary>
    /// Stands in for the Commerce backend's shipment and cancellation events: every merchant-fulfilled order with unshipped
    /// units is shipped in one package, unless it holds the backordered SKU, in which case it is cancelled (NoInventory). A
    /// real host calls <see cref="FulfillmentRuntime.RecordShipmentAsync"/> and <see cref="FulfillmentRuntime.CancelAsync"/>
    /// from its own hooks.
    /// </summary>
    private async Task<(int Shipped, int Cancelled)> PlayWarehouseAsync(CancellationToken ct)
    {
        int shipped = 0, cancelled = 0;
        foreach (var record in commerce.Orders.Where(o => o.Status is not (CommerceStatuses.Complete or CommerceStatuses.Canceled)))
        {
            var tracked = (await store.LoadAsync(record.AmazonOrderId, ct))?.Order;
            if (tracked is not { Channel: FulfillmentChannel.Merchant, ChannelStatus: ChannelStatus.Unshipped or ChannelStatus.PartiallyShipped })
            {
                continue;
            }

            if (tracked.Items.Any(i => i.Sku.Value == FakeAmazonScript.BackorderedSku))
            {
                var result = await runtime.CancelAsync(tracked.Id, "NoInventory", ct);
                LogCancelled(logger, tracked.Id.Value, result.Refusal?.ToString() ?? "asked");
                cancelled++;
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
            var recorded = await runtime.RecordShipmentAsync(package, ct);
            if (recorded.Refusal is { } refusal)
            {
                LogShipmentRefused(logger, tracked.Id.Value, refusal.ToString());
                continue;
            }

            shipped++;
        }

        return (shipped, cancelled);
    }

    private async Task<int> CountTrackedAsync(CancellationToken ct)
    {
        var tracked = 0;
        foreach (var id in FakeAmazonScript.OrderIds)
        {
            tracked += await store.LoadAsync(AmazonOrderId.Parse(id), ct) is null ? 0 : 1;
        }

        return tracked;
    }

    private async Task<bool> CheckOutcomeAsync(CancellationToken ct)
    {
        if (_keptAtStart > 0)
        {
            // A restart over a kept store: the fake Amazon (new with this process) replays the same orders, which the store already
            // tracks to their end, so nothing is imported again and nothing is sent to Amazon again.
            var again = commerce.Orders.Count;
            var sent = services.GetService<FakeAmazon>()?.ConfirmedPackages.Count ?? 0;
            var kept = await CountTrackedAsync(ct);
            LogRestartOutcome(logger, kept, again, sent);
            return _keptAtStart == FakeAmazonScript.OrderIds.Count && kept == _keptAtStart && again == 0 && sent == 0;
        }


        var orders = commerce.Orders;
        var complete = orders.Count(o => o.Status == CommerceStatuses.Complete);
        var canceled = orders.Count(o => o.Status == CommerceStatuses.Canceled);
        if (services.GetService<FakeAmazon>() is not { } amazon)
        {
            LogOutcome(logger, orders.Count, complete, canceled, 0, 0);
            return true; // a real account: the sample only read it
        }

        var confirmations = amazon.ConfirmedPackages.Count;
        var cancelledOnAmazon = amazon.Orders.Count(o => o.Status == "Canceled");
        LogOutcome(logger, orders.Count, complete, canceled, confirmations, cancelledOnAmazon);
        var undocumented = amazon.Requests.Count(r => r.Operation == "unknown"); // every call must be an operation Amazon documents
        return orders.Count == 4 && complete == 3 && canceled == 1 && confirmations == 2 && cancelledOnAmazon == 1 && undocumented == 0;
    }

    [LoggerMessage(1, LogLevel.Information, "Resumed: {Left} orders still have runnable work")]
    private static partial void LogResumed(ILogger logger, int left);

    [LoggerMessage(2, LogLevel.Information, "Cycle {Cycle}: poll {Poll}; {Shipped} packages recorded, {Cancelled} cancellations asked; {Swept} orders swept; {AtRisk} orders at risk of their ship-by deadline")]
    private static partial void LogCycle(ILogger logger, int cycle, string poll, int shipped, int cancelled, int swept, int atRisk);

    [LoggerMessage(3, LogLevel.Warning, "Shipment for order {AmazonOrderId} refused: {Refusal}")]
    private static partial void LogShipmentRefused(ILogger logger, string amazonOrderId, string refusal);

    [LoggerMessage(4, LogLevel.Information, "Done: {Orders} Commerce orders, {Complete} complete, {Canceled} canceled; {Confirmations} packages confirmed and {CancelledOnAmazon} orders cancelled on Amazon")]
    private static partial void LogOutcome(ILogger logger, int orders, int complete, int canceled, int confirmations, int cancelledOnAmazon);

    [LoggerMessage(6, LogLevel.Information, "Kept from an earlier run: {Kept} of the fake Amazon's orders are tracked already")]
    private static partial void LogKept(ILogger logger, int kept);

    [LoggerMessage(7, LogLevel.Information, "Done after a restart: {Kept} orders still tracked, {Imported} imported again, {Sent} packages sent again")]
    private static partial void LogRestartOutcome(ILogger logger, int kept, int imported, int sent);

    [LoggerMessage(5, LogLevel.Information, "Order {AmazonOrderId} cancelled in the warehouse (out of stock): {Outcome}")]
    private static partial void LogCancelled(ILogger logger, string amazonOrderId, string outcome);
}
