using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Verification.Conformance;

namespace AmazonFulfillment.Verification.Tests.Conformance;

/// <summary>The in-memory Amazon fake meets the Amazon port contract.</summary>
public class InMemoryAmazonConformanceTests : AmazonOrdersPortConformanceTests
{
    protected override Task<IAmazonOrdersPort> CreatePortAsync() => Task.FromResult<IAmazonOrdersPort>(new InMemoryAmazon());

    protected override Task ArrangeOrderAsync(IAmazonOrdersPort port, AmazonOrderId amazonOrderId, ImmutableArray<AmazonOrderItem> items)
    {
        ((InMemoryAmazon)port).SetOrderItems(amazonOrderId, items);
        return Task.CompletedTask;
    }

    protected override Task<int> CountConfirmedPackagesAsync(IAmazonOrdersPort port, AmazonOrderId amazonOrderId) =>
        Task.FromResult(((InMemoryAmazon)port).Confirmations.Count(c => c.Package.AmazonOrderId == amazonOrderId));

    protected override Task<int> CountCancellationsAsync(IAmazonOrdersPort port, AmazonOrderId amazonOrderId) =>
        Task.FromResult(((InMemoryAmazon)port).Cancellations.Count(c => c.AmazonOrderId == amazonOrderId));
}

/// <summary>The in-memory Commerce fake meets the Commerce port contract.</summary>
public class InMemoryCommerceConformanceTests : CommerceOrdersPortConformanceTests
{
    private readonly InMemoryCommerce _commerce = new();

    protected override Task<ICommerceOrdersPort> CreatePortAsync() => Task.FromResult<ICommerceOrdersPort>(_commerce);

    protected override Task ArrangeProductAsync(Sku sku, int? stock, bool enabled)
    {
        _commerce.SetProduct(sku, stock switch { null => StockStatus.NotManaged, 0 => StockStatus.OutOfStock, _ => StockStatus.InStock }, enabled);
        return Task.CompletedTask;
    }

    protected override Task<IReadOnlyList<string>> OrderStatusesAsync(AmazonOrderId amazonOrderId) =>
        Task.FromResult<IReadOnlyList<string>>(_commerce.Orders.Where(o => o.AmazonOrderId == amazonOrderId).Select(o => o.Status).ToList());
}

/// <summary>The in-memory customers fake meets the customers port contract.</summary>
public class InMemoryCustomersConformanceTests : CustomersPortConformanceTests
{
    protected override Task<ICustomersPort> CreatePortAsync() => Task.FromResult<ICustomersPort>(new InMemoryCustomers());
}

/// <summary>The embedded in-memory store meets the store contract.</summary>
public class InMemoryOrderStoreConformanceTests : OrderStoreConformanceTests
{
    protected override Task<IOrderStore> CreateStoreAsync() => Task.FromResult<IOrderStore>(new InMemoryOrderStore());
}

/// <summary>The embedded in-memory store keeps polling cursors as the contract says.</summary>
public class InMemoryPollingCursorConformanceTests : PollingCursorStoreConformanceTests
{
    protected override Task<IOrderStore> CreateStoreAsync() => Task.FromResult<IOrderStore>(new InMemoryOrderStore());
}

/// <summary>The faulty store wrapper, with no faults scripted, meets the store contract.</summary>
public class FaultyOrderStoreConformanceTests : OrderStoreConformanceTests
{
    protected override Task<IOrderStore> CreateStoreAsync() => Task.FromResult<IOrderStore>(new FaultyOrderStore(new InMemoryOrderStore(), new FaultInjector()));
}
