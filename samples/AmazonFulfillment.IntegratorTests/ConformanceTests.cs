using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Verification.Conformance;

namespace AmazonFulfillment.IntegratorTests;

public class AmazonConformanceTests : AmazonOrdersPortConformanceTests
{
    protected override Task<IAmazonOrdersPort> CreatePortAsync() => Task.FromResult<IAmazonOrdersPort>(new DictionaryAmazon());

    protected override Task ArrangeOrderAsync(IAmazonOrdersPort port, AmazonOrderId amazonOrderId, ImmutableArray<AmazonOrderItem> items)
    {
        ((DictionaryAmazon)port).Items[amazonOrderId] = items;
        return Task.CompletedTask;
    }

    protected override Task<int> CountConfirmedPackagesAsync(IAmazonOrdersPort port, AmazonOrderId amazonOrderId) =>
        Task.FromResult(((DictionaryAmazon)port).Packages.Keys.Count(k => k.Item1 == amazonOrderId));

    protected override Task<int> CountCancellationsAsync(IAmazonOrdersPort port, AmazonOrderId amazonOrderId) =>
        Task.FromResult(((DictionaryAmazon)port).Cancellations.ContainsKey(amazonOrderId) ? 1 : 0);
}

public class CommerceConformanceTests : CommerceOrdersPortConformanceTests
{
    private readonly DictionaryCommerce _commerce = new();

    protected override Task<ICommerceOrdersPort> CreatePortAsync() => Task.FromResult<ICommerceOrdersPort>(_commerce);

    protected override Task ArrangeProductAsync(Sku sku, int? stock, bool enabled)
    {
        _commerce.Catalog[sku] = (stock, enabled);
        return Task.CompletedTask;
    }

    protected override Task<IReadOnlyList<string>> OrderStatusesAsync(AmazonOrderId amazonOrderId) =>
        Task.FromResult<IReadOnlyList<string>>(_commerce.Orders.TryGetValue(amazonOrderId, out var o) ? [o.Status] : []);
}

public class CustomersConformanceTests : CustomersPortConformanceTests
{
    protected override Task<ICustomersPort> CreatePortAsync() => Task.FromResult<ICustomersPort>(new DictionaryCustomers());
}

public class OrderStoreConformance : OrderStoreConformanceTests
{
    protected override Task<IOrderStore> CreateStoreAsync() => Task.FromResult<IOrderStore>(new DictionaryOrderStore());
}
