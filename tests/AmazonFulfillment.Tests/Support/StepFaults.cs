using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Testing;

namespace AmazonFulfillment.Tests.Support;

/// <summary>What happens at the chosen step.</summary>
public enum StepFault
{
    /// <summary>The process dies before the step runs.</summary>
    CrashBefore,

    /// <summary>The step takes effect, then the process dies.</summary>
    CrashAfter,

    /// <summary>The step fails with an exception and does nothing.</summary>
    ThrowBefore,

    /// <summary>The step takes effect, then throws (its response is lost).</summary>
    ThrowAfter,
}

/// <summary>
/// Counts every store and port call ("step") a runtime makes and faults the chosen one. A crash cancels
/// <see cref="Token"/> and throws, so the runtime stops where a killed process would.
/// </summary>
internal sealed class StepPlan(Func<int, string, bool> isTarget, StepFault fault)
{
    private readonly CancellationTokenSource _cts = new();
    private int _steps;
    private int _fired;

    public CancellationToken Token => _cts.Token;

    public bool Crashed { get; private set; }

    public bool Fired => Volatile.Read(ref _fired) != 0;

    public int Steps => Volatile.Read(ref _steps);

    public static StepPlan At(int k, StepFault fault) => new((n, _) => n == k, fault);

    public static StepPlan AtFirst(string step, StepFault fault) => new((_, name) => name == step, fault);

    public async ValueTask<T> Step<T>(string name, Func<CancellationToken, ValueTask<T>> call, CancellationToken ct)
    {
        var n = Interlocked.Increment(ref _steps);
        var hit = isTarget(n, name) && Interlocked.CompareExchange(ref _fired, 1, 0) == 0;
        if (hit && fault is StepFault.CrashBefore or StepFault.ThrowBefore)
        {
            Fail(name);
        }

        var result = await call(ct).ConfigureAwait(false);
        if (hit)
        {
            Fail(name);
        }

        return result;
    }

    public FulfillmentRuntime Runtime(InMemoryFulfillment h) => new(
        new SteppedAmazon(h.Amazon, this),
        new SteppedCommerce(h.Commerce, this),
        new SteppedCustomers(h.Customers, this),
        new SteppedStore(h.Store, this),
        h.Settings,
        h.Options,
        h.Clock);

    private void Fail(string name)
    {
        if (fault is StepFault.CrashBefore or StepFault.CrashAfter)
        {
            Crashed = true;
            _cts.Cancel();
            throw new OperationCanceledException("crash at " + name, _cts.Token);
        }

        throw new InjectedStoreFaultException("injected failure at " + name);
    }

    private sealed class SteppedStore(IOrderStore inner, StepPlan plan) : IOrderStore
    {
        public ValueTask<StoredOrder?> LoadAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
            plan.Step("store.Load", c => inner.LoadAsync(amazonOrderId, c), cancellationToken);

        public ValueTask<long?> SaveAsync(FulfillmentOrder order, long expectedVersion, CancellationToken cancellationToken = default) =>
            plan.Step("store.Save", c => inner.SaveAsync(order, expectedVersion, c), cancellationToken);

        public ValueTask<IReadOnlyList<AmazonOrderId>> ListUnfinishedAsync(CancellationToken cancellationToken = default) =>
            plan.Step("store.ListUnfinished", inner.ListUnfinishedAsync, cancellationToken);
    }

    private sealed class SteppedAmazon(IAmazonOrdersPort inner, StepPlan plan) : IAmazonOrdersPort
    {
        public ValueTask<PortResult<ImmutableArray<AmazonOrderItem>>> GetOrderItemsAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
            plan.Step("amazon.GetOrderItems", c => inner.GetOrderItemsAsync(amazonOrderId, c), cancellationToken);

        public ValueTask<PortResult> ConfirmShipmentAsync(ShipmentPackage package, MarketplaceId? marketplaceId, CancellationToken cancellationToken = default) =>
            plan.Step("amazon.ConfirmShipment", c => inner.ConfirmShipmentAsync(package, marketplaceId, c), cancellationToken);

        public ValueTask<PortResult> CancelOrderAsync(AmazonOrderId amazonOrderId, string reason, CancellationToken cancellationToken = default) =>
            plan.Step("amazon.CancelOrder", c => inner.CancelOrderAsync(amazonOrderId, reason, c), cancellationToken);
    }

    private sealed class SteppedCommerce(ICommerceOrdersPort inner, StepPlan plan) : ICommerceOrdersPort
    {
        public ValueTask<PortResult<CommerceOrderRef>> CreateOrderAsync(CommerceOrderRequest request, CancellationToken cancellationToken = default) =>
            plan.Step("commerce.CreateOrder", c => inner.CreateOrderAsync(request, c), cancellationToken);

        public ValueTask<PortResult> CompleteOrderAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
            plan.Step("commerce.CompleteOrder", c => inner.CompleteOrderAsync(amazonOrderId, c), cancellationToken);

        public ValueTask<PortResult> MarkOrderProcessingAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
            plan.Step("commerce.MarkProcessing", c => inner.MarkOrderProcessingAsync(amazonOrderId, c), cancellationToken);

        public ValueTask<PortResult> CancelOrderAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
            plan.Step("commerce.CancelOrder", c => inner.CancelOrderAsync(amazonOrderId, c), cancellationToken);
    }

    private sealed class SteppedCustomers(ICustomersPort inner, StepPlan plan) : ICustomersPort
    {
        public ValueTask<PortResult<string?>> FindCustomerAsync(string email, CancellationToken cancellationToken = default) =>
            plan.Step("customers.FindCustomer", c => inner.FindCustomerAsync(email, c), cancellationToken);

        public ValueTask<PortResult<string>> CreateCustomerAsync(string email, string? name, CancellationToken cancellationToken = default) =>
            plan.Step("customers.CreateCustomer", c => inner.CreateCustomerAsync(email, name, c), cancellationToken);
    }
}
