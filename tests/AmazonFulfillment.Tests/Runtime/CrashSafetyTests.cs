using AmazonFulfillment.Domain;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;
using static AmazonFulfillment.Tests.Support.RuntimeScenario;

namespace AmazonFulfillment.Tests.Runtime;

/// <summary>Guarantee 9: a restart at any point loses nothing and does nothing twice.</summary>
public class CrashSafetyTests
{
    private static readonly BuyerInfo Buyer = new("buyer@example.com", "Pat Buyer");

    private static InMemoryFulfillment NewChannel() => Channel(s => s.CustomerCreation = CustomerCreation.CreateAccount);

    private static async Task<(string Order, string World, int Steps)> FaultFreeAsync()
    {
        var h = NewChannel();
        var id = h.Known(1);
        var plan = StepPlan.At(int.MaxValue, StepFault.CrashBefore);
        await plan.Runtime(h).RunAsync(Lifecycle(id, Buyer));
        return (Summary(h.Tracked(id)), h.World(), plan.Steps);
    }

    [Theory]
    [InlineData(StepFault.CrashBefore)]
    [InlineData(StepFault.CrashAfter)]
    public async Task Lifecycle_CrashAtEveryStepThenRestart_SameOutcomeAsFaultFreeRun(StepFault fault)
    {
        var reference = await FaultFreeAsync();
        Assert.Contains("Shipped", reference.Order, StringComparison.Ordinal);
        Assert.Contains("1:Confirmed, 2:Confirmed", reference.Order, StringComparison.Ordinal);

        for (var k = 1; k <= reference.Steps; k++)
        {
            var h = NewChannel();
            var id = h.Known(1);
            var inputs = Lifecycle(id, Buyer);
            var plan = StepPlan.At(k, fault);
            var crashed = plan.Runtime(h);
            var next = 0;
            for (; next < inputs.Count; next++)
            {
                try
                {
                    await crashed.ProcessAsync(inputs[next], plan.Token);
                }
                catch (OperationCanceledException) when (plan.Crashed)
                {
                    break;
                }
            }

            Assert.True(plan.Crashed, $"step {k} was never reached");

            // The host restarts, resumes saved work, and its pollers and hooks deliver again what was in flight.
            await h.Restart().ResumeAsync();
            for (; next < inputs.Count; next++)
            {
                await h.Runtime.ProcessAsync(inputs[next]);
            }

            Assert.Equal(reference.Order, Summary(h.Tracked(id)));
            Assert.Equal(reference.World, h.World());
            Assert.Single(h.Commerce.Orders);
            Assert.Single(h.Customers.Customers);
            Assert.Equal(2, h.Amazon.Confirmations.Count);
        }
    }

    [Theory]
    [InlineData(StepFault.ThrowBefore)]
    [InlineData(StepFault.ThrowAfter)]
    public async Task Lifecycle_FailureOrLostResponseAtEveryStep_SameOutcomeWithoutRestart(StepFault fault)
    {
        var reference = await FaultFreeAsync();
        for (var k = 1; k <= reference.Steps; k++)
        {
            var h = NewChannel();
            var id = h.Known(1);
            var plan = StepPlan.At(k, fault);
            await plan.Runtime(h).RunAsync(Lifecycle(id, Buyer));

            Assert.True(plan.Fired, $"step {k} was never reached");
            Assert.Equal(reference.Order, Summary(h.Tracked(id)));
            Assert.Equal(reference.World, h.World());
        }
    }

    [Fact]
    public async Task Resume_CrashBetweenSaveAndCreateOrder_CreatesTheSavedCommerceOrder()
    {
        var h = Channel();
        var id = h.Known(1);
        var plan = StepPlan.AtFirst("commerce.CreateOrder", StepFault.CrashBefore);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => plan.Runtime(h).ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1), plan.Token));

        var saved = h.Tracked(id)!;
        Assert.Contains(saved.Outbox, e => e.Effect is CreateCommerceOrder);
        Assert.Empty(h.Commerce.Orders);

        var left = await h.Restart().ResumeAsync();

        Assert.Equal(0, left);
        Assert.Single(h.Commerce.Orders);
        Assert.Equal(OrderState.Unshipped, h.Tracked(id)!.State);
        Assert.Empty(h.Tracked(id)!.Outbox);
    }

    [Fact]
    public async Task Resume_CrashAfterConfirmShipmentBeforeSave_ConfirmsSamePackageAgainOnce()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        var plan = StepPlan.AtFirst("amazon.ConfirmShipment", StepFault.CrashAfter);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => plan.Runtime(h).RecordShipmentAsync(First(id), plan.Token));
        Assert.Contains(h.Tracked(id)!.Outbox, e => e.Effect is ConfirmShipment);

        await h.Restart().ResumeAsync();
        await h.Runtime.RecordShipmentAsync(First(id));

        var confirmation = Assert.Single(h.Amazon.Confirmations);
        Assert.Equal(2, confirmation.Calls);
        Assert.Equal(PackageReferenceId.From(1), confirmation.Package.PackageReferenceId);
        Assert.Equal(ConfirmationState.Confirmed, Assert.Single(h.Tracked(id)!.Packages).Confirmation);
    }

    [Fact]
    public async Task Resume_StoreFaultsOnEveryCallOfACycle_RetriedAndComplete()
    {
        var h = Channel();
        var id = h.Known(1);
        h.Faults.Add("store", "Save", FaultMode.LostResponse, 2);
        h.Faults.Add("store", "Load", FaultMode.Transient, 3);

        var result = await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));

        Assert.Equal(OrderState.Unshipped, result.Order!.State);
        Assert.Single(h.Commerce.Orders);
        Assert.Equal(0, h.Faults.PendingFaults);
    }
}
