using AmazonFulfillment.Domain;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;
using FsCheck.Xunit;
using static AmazonFulfillment.Tests.Support.RuntimeScenario;

namespace AmazonFulfillment.Tests.Runtime;

/// <summary>Guarantees 1-3: one Commerce order per Amazon order, one customer per email, one confirmation per package.</summary>
public class ExactlyOnceTests
{
    // ---- G1: exactly one Commerce order ----------------------------------------------------------

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Observe_LostCreateOrderResponses_OneCommerceOrder(int lost)
    {
        var h = Channel();
        var id = h.Known(1);
        h.Faults.Add("commerce", "CreateOrder", FaultMode.LostResponse, lost);

        var result = await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));

        Assert.Equal(OrderState.Unshipped, result.Order!.State);
        Assert.Single(h.Commerce.Orders);
        Assert.Equal(lost + 1, h.Faults.CallsOf("commerce", "CreateOrder"));
        Assert.Equal(h.Commerce.Orders[0].CommerceOrderId, result.Order.CommerceOrder!.CommerceOrderId);
    }

    [Fact]
    public async Task Observe_LostCreateOrderResponsesBeyondAttempts_LeftPendingThenOneOrderOnSync()
    {
        var h = Channel();
        var id = h.Known(1);
        h.Faults.Add("commerce", "CreateOrder", FaultMode.LostResponse, h.Options.MaxEffectAttempts);

        var first = await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        Assert.True(first.HasPendingWork);
        Assert.Single(h.Commerce.Orders);

        await h.Runtime.SyncAsync();

        Assert.Single(h.Commerce.Orders);
        Assert.Equal(OrderState.Unshipped, h.Tracked(id)!.State);
        Assert.NotNull(h.Tracked(id)!.CommerceOrder);
    }

    [Property(MaxTest = 60)]
    public async Task<bool> Observe_DuplicatedReorderedStaleObservations_OneCompleteCommerceOrder(int seed, int[] extra)
    {
        var h = Channel();
        var id = h.Known(1, shippedA: 2, shippedB: 1);
        AmazonOrderSnapshot[] all =
        [
            Snapshot(id, AmazonOrderStatus.Pending, 1),
            Snapshot(id, AmazonOrderStatus.Unshipped, 2),
            Snapshot(id, AmazonOrderStatus.Unshipped, 3),
            Snapshot(id, AmazonOrderStatus.PartiallyShipped, 4),
            Snapshot(id, AmazonOrderStatus.Shipped, 5),
        ];
        var random = new Random(seed);
        var sequence = all.Concat(extra.Select(e => all[(e & int.MaxValue) % all.Length])).OrderBy(_ => random.Next()).ToList();

        foreach (var snapshot in sequence)
        {
            await h.Runtime.ObserveAsync(snapshot);
        }

        var order = h.Tracked(id)!;
        return h.Commerce.Orders.Count == 1
            && h.Commerce.Orders[0].Status == CommerceStatuses.Complete
            && order.State == OrderState.Shipped
            && order.Outbox.IsEmpty
            && h.Amazon.Confirmations.Count == 0
            && h.Faults.CallsOf("commerce", "CreateOrder") == 1;
    }

    [Fact]
    public async Task Observe_RestartBetweenEveryInput_OneCommerceOrder()
    {
        var h = Channel();
        var id = h.Known(1);
        foreach (var input in Lifecycle(id))
        {
            h.Restart();
            await h.Runtime.ResumeAsync();
            await h.Runtime.ProcessAsync(input);
            await h.Runtime.ProcessAsync(input);
        }

        Assert.Single(h.Commerce.Orders);
        Assert.Equal(CommerceStatuses.Complete, h.Commerce.Orders[0].Status);
        Assert.Equal(1, h.Faults.CallsOf("commerce", "CreateOrder"));
    }

    // ---- G2: at most one customer per email -------------------------------------------------------

    [Theory]
    [InlineData("FindCustomer")]
    [InlineData("CreateCustomer")]
    public async Task Observe_CreateAccountWithLostCustomerResponse_OneCustomer(string operation)
    {
        var h = Channel(s => s.CustomerCreation = CustomerCreation.CreateAccount);
        var id = h.Known(1);
        h.Faults.Add("customers", operation, FaultMode.LostResponse, 2);

        var result = await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1, buyer: new BuyerInfo("pat@example.com", "Pat")));

        var customer = Assert.Single(h.Customers.Customers);
        Assert.Equal(new CustomerRef(CustomerKind.Account, customer.CustomerId), result.Order!.Customer);
        Assert.Equal(customer.CustomerId, Assert.Single(h.Commerce.Orders).Request.CustomerId);
    }

    [Fact]
    public async Task Observe_TwoOrdersOfOneBuyerConcurrently_OneCustomerForBoth()
    {
        var h = Channel(s => s.CustomerCreation = CustomerCreation.CreateAccount);
        var ids = Enumerable.Range(1, 6).Select(n => h.Known(n)).ToList();
        var workers = ids.Select(_ => h.Worker()).ToList();

        // Same buyer; Amazon's email case varies between orders.
        await Task.WhenAll(ids.Select((id, i) => Task.Run(() => workers[i].ObserveAsync(
            Snapshot(id, AmazonOrderStatus.Unshipped, 1, buyer: new BuyerInfo(i % 2 == 0 ? "pat@example.com" : "PAT@Example.com", "Pat"))))));

        var customer = Assert.Single(h.Customers.Customers);
        Assert.Equal(ids.Count, h.Commerce.Orders.Count);
        Assert.All(h.Commerce.Orders, o => Assert.Equal(customer.CustomerId, o.Request.CustomerId));
    }

    [Fact]
    public async Task Observe_CreateAccountWithoutEmail_GuestOrderNotBlocked()
    {
        var h = Channel(s => s.CustomerCreation = CustomerCreation.CreateAccount);
        var id = h.Known(1);

        var result = await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1, buyer: new BuyerInfo(null, "Pat")));

        Assert.Equal(OrderState.Unshipped, result.Order!.State);
        Assert.Equal(CustomerRef.Guest, result.Order.Customer);
        Assert.Null(Assert.Single(h.Commerce.Orders).Request.CustomerId);
        Assert.Empty(h.Customers.Customers);
        Assert.Equal(0, h.Faults.CallsOf("customers", "FindCustomer") + h.Faults.CallsOf("customers", "CreateCustomer"));
    }

    [Fact]
    public async Task Observe_GuestSetting_NoCustomerCreated()
    {
        var h = Channel();
        var id = h.Known(1);

        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1, buyer: new BuyerInfo("pat@example.com", "Pat")));

        Assert.Empty(h.Customers.Customers);
        Assert.Null(Assert.Single(h.Commerce.Orders).Request.CustomerId);
    }

    // ---- G3: each package confirmed exactly once in effect ------------------------------------------

    [Fact]
    public async Task RecordShipment_LostConfirmResponse_RetriedWithSamePackageIdOneConfirmation()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.LostResponse, 1);

        var result = await h.Runtime.RecordShipmentAsync(First(id));

        var confirmation = Assert.Single(h.Amazon.Confirmations);
        Assert.Equal(2, confirmation.Calls);
        Assert.Equal(2, h.Faults.CallsOf("amazon", "ConfirmShipment"));
        Assert.True(confirmation.Package.SameContentAs(First(id)));
        Assert.Equal(ConfirmationState.Confirmed, Assert.Single(result.Order!.Packages).Confirmation);
        Assert.Empty(result.Order.Failures);
    }

    [Fact]
    public async Task RecordShipment_SamePackageAgainAcrossWorkersAndRestarts_OneConfirmationCall()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));

        var first = await h.Runtime.RecordShipmentAsync(First(id));
        var again = await h.Worker().RecordShipmentAsync(First(id));
        await h.Restart().ResumeAsync();
        var afterRestart = await h.Runtime.RecordShipmentAsync(First(id));

        Assert.Equal(DecisionKind.Applied, first.Kind);
        Assert.Equal(DecisionKind.Ignored, again.Kind);
        Assert.Equal(DecisionKind.Ignored, afterRestart.Kind);
        Assert.Equal(1, Assert.Single(h.Amazon.Confirmations).Calls);
        Assert.Single(h.Tracked(id)!.Packages);
    }
}
