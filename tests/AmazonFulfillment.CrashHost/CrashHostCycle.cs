using System.Globalization;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.SellingPartner.Client;
using Microsoft.Extensions.Configuration;

namespace AmazonFulfillment.CrashHost;

/// <summary>How the crash host runs: until killed (<c>Busy</c>), or until nothing is left (<c>Final</c>).</summary>
/// <param name="Final">Whether to stop once nothing is left.</param>
/// <param name="Deadline">How long a final run may take before it gives up (exit code 1).</param>
/// <param name="Pause">The pause between cycles.</param>
internal sealed record CrashHostOptions(bool Final, TimeSpan Deadline, TimeSpan Pause)
{
    public static CrashHostOptions From(IConfiguration config) => new(
        string.Equals(config["Mode"], "Final", StringComparison.OrdinalIgnoreCase),
        TimeSpan.FromSeconds(double.Parse(config["DeadlineSeconds"] ?? "90", CultureInfo.InvariantCulture)),
        TimeSpan.FromMilliseconds(double.Parse(config["PauseMilliseconds"] ?? "100", CultureInfo.InvariantCulture)));
}

/// <summary>The host's cycle: poll Amazon until a window is read, ship what Commerce has, sweep; see Program.cs.</summary>
internal sealed class CrashHostCycle(
    FulfillmentRuntime runtime,
    SellingPartnerOrderPoller poller,
    HttpCommerce commerce,
    IOrderStore store,
    TimeProvider time,
    CrashHostOptions options)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        _ = await store.ListUnfinishedAsync(cancellationToken); // the store is ready (tables exist: the test created them)
        Console.WriteLine(CrashProtocol.WorkingLine);

        var resumed = await runtime.ResumeAsync(cancellationToken);
        var windowRead = false;
        int recorded = 0, polled = 0;
        for (var cycle = 1; ; cycle++)
        {
            if (!windowRead)
            {
                var poll = await poller.PollOnceAsync(cancellationToken);
                windowRead = poll.WindowCompleted;
                polled += poll.Delivered;
            }

            var shipped = await ShipAsync(cancellationToken);
            recorded += shipped;
            await runtime.SyncAsync(cancellationToken);

            if (options.Final)
            {
                var left = await LeftAsync(cancellationToken);
                if (windowRead && shipped == 0 && left.Unfinished == 0 && left.Unshipped == 0 && left.Unconfirmed == 0)
                {
                    Console.WriteLine($"{CrashProtocol.DoneLine} after {cycle} cycles: {resumed} orders resumed, {polled} observations delivered, {recorded} packages recorded");
                    return 0;
                }

                if (time.GetElapsedTime(started) > options.Deadline)
                {
                    Console.WriteLine($"crash host: gave up after {cycle} cycles: window read {windowRead}, {left.Unfinished} orders with unfinished work, {left.Unshipped} lines unshipped, {left.Unconfirmed} packages unconfirmed");
                    return 1;
                }
            }

            await Task.Delay(options.Pause, time, cancellationToken);
        }
    }

    /// <summary>
    /// The warehouse: every Commerce order's lines that are not shipped yet are shipped, one package per line. The package id is
    /// the order's and line's (as a Commerce shipment id would be), so a package recorded before a kill is the same package after it.
    /// </summary>
    private async Task<int> ShipAsync(CancellationToken cancellationToken)
    {
        var shipped = 0;
        foreach (var id in await commerce.OrderIdsAsync(cancellationToken))
        {
            var order = (await store.LoadAsync(AmazonOrderId.Parse(id), cancellationToken))?.Order;
            if (order is not { Channel: FulfillmentChannel.Merchant, State: OrderState.Unshipped or OrderState.PartiallyShipped })
            {
                continue;
            }

            for (var line = 0; line < order.Items.Length; line++)
            {
                var item = order.Items[line];
                if (item.Remaining <= 0)
                {
                    continue;
                }

                var package = ShipmentPackage.Create(
                    order.Id,
                    CrashProtocol.PackageId(order.Id, line),
                    carrierCode: "UPS",
                    carrierName: null,
                    shippingMethod: "Ground",
                    trackingNumber: string.Create(CultureInfo.InvariantCulture, $"1Z999AA1{CrashProtocol.PackageId(order.Id, line).Value:D10}"),
                    shipDate: order.PurchaseDate.AddMinutes(1), // the orders arrive three minutes after they were placed
                    items: [new PackageItem(item.OrderItemId, item.Remaining)]);
                var result = await runtime.RecordShipmentAsync(package, cancellationToken);
                if (result.Refusal is { } refusal)
                {
                    Console.WriteLine($"crash host: package {package.PackageReferenceId} of {order.Id} refused: {refusal}");
                    continue;
                }

                shipped++;
            }
        }

        return shipped;
    }

    private async Task<(int Unfinished, int Unshipped, int Unconfirmed)> LeftAsync(CancellationToken cancellationToken)
    {
        var unfinished = (await store.ListUnfinishedAsync(cancellationToken)).Count;
        int unshipped = 0, unconfirmed = 0;
        foreach (var id in await commerce.OrderIdsAsync(cancellationToken))
        {
            if ((await store.LoadAsync(AmazonOrderId.Parse(id), cancellationToken))?.Order is not { Channel: FulfillmentChannel.Merchant } order)
            {
                continue;
            }

            unshipped += order.Items.Sum(i => Math.Max(i.Remaining, 0));
            unconfirmed += order.Packages.Count(p => p.Confirmation != ConfirmationState.Confirmed);
        }

        return (unfinished, unshipped, unconfirmed);
    }
}
