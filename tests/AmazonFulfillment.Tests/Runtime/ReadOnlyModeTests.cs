using AmazonFulfillment.Domain;
using AmazonFulfillment.Testing;
using static AmazonFulfillment.Tests.Support.RuntimeScenario;

namespace AmazonFulfillment.Tests.Runtime;

/// <summary>Read-only mode: no state-changing call reaches Amazon; held calls are visible and released when it is turned off.</summary>
public class ReadOnlyModeTests
{
    private static OrderSettings Writable() => new() { StoreView = "default", ReadOnly = false };

    [Fact]
    public async Task RecordShipment_ReadOnly_ConfirmationsHeldUntilTurnedOffAndSynced()
    {
        var h = Channel(s => s.ReadOnly = true);
        var id = h.Known(1);
        await h.Runtime.RunAsync(Lifecycle(id));
        await h.Runtime.SyncAsync();
        await h.Restart().ResumeAsync();

        var held = h.Tracked(id)!;
        Assert.Equal(2, held.Outbox.Count(e => e is { Held: true, Effect: ConfirmShipment }));
        Assert.All(held.Outbox, e => Assert.True(e.Held));
        Assert.All(held.Packages, p => Assert.Equal(ConfirmationState.Pending, p.Confirmation));
        Assert.False(held.HasRunnableWork);
        Assert.Equal(0, h.Faults.CallsOf("amazon", "ConfirmShipment"));
        Assert.Empty(h.Amazon.Confirmations);
        Assert.Equal(CommerceStatuses.Complete, h.Commerce.Orders[0].Status);

        h.Settings.Set(Writable());
        await h.Runtime.SyncAsync();

        var released = h.Tracked(id)!;
        Assert.Empty(released.Outbox);
        Assert.All(released.Packages, p => Assert.Equal(ConfirmationState.Confirmed, p.Confirmation));
        Assert.Equal(2, h.Amazon.Confirmations.Count);
        Assert.Equal(2, h.Faults.CallsOf("amazon", "ConfirmShipment"));
    }

    [Fact]
    public async Task Cancel_ReadOnly_AmazonCancellationHeldUntilTurnedOffAndSynced()
    {
        var h = Channel(s => s.ReadOnly = true);
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));

        var result = await h.Runtime.CancelAsync(id, "NoInventory");

        Assert.Equal(OrderState.Unshipped, result.Order!.State); // Commerce is cancelled only once Amazon accepts
        Assert.True(result.Order.CancellationPending);
        Assert.Contains(result.Order.Outbox, e => e is { Held: true, Effect: CancelOnAmazon });
        Assert.False(result.Order.CanceledOnAmazon);
        Assert.Equal(0, h.Faults.CallsOf("amazon", "CancelOrder"));
        await h.Runtime.SyncAsync();
        Assert.Empty(h.Amazon.Cancellations);

        h.Settings.Set(Writable());
        await h.Runtime.SyncAsync();

        Assert.True(h.Tracked(id)!.CanceledOnAmazon);
        Assert.Empty(h.Tracked(id)!.Outbox);
        Assert.Equal("NoInventory", Assert.Single(h.Amazon.Cancellations).Reason);
        Assert.Equal(CommerceStatuses.Canceled, h.Commerce.Orders[0].Status);
    }
}
