// Builds against the packed packages only: wires AddAmazonFulfillment with the Testing fakes, and runs one
// merchant-fulfilled order from Amazon's getOrders page to a complete Commerce order with its package confirmed.
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.SellingPartner;
using AmazonFulfillment.Testing;
using Microsoft.Extensions.DependencyInjection;

const string GetOrdersPage = """
    {"payload":{"Orders":[{"AmazonOrderId":"902-1845936-5435065","PurchaseDate":"2026-11-20T08:00:00Z",
    "LastUpdateDate":"2026-11-20T08:29:00Z","OrderStatus":"Unshipped","FulfillmentChannel":"MFN",
    "OrderTotal":{"CurrencyCode":"USD","Amount":"40.00"},"MarketplaceId":"ATVPDKIKX0DER"}]}}
    """;
const string GetOrderItemsPage = """
    {"payload":{"AmazonOrderId":"902-1845936-5435065","OrderItems":[{"OrderItemId":"05015851154158",
    "SellerSKU":"NABetaASINB00551Q3CS","QuantityOrdered":2,"QuantityShipped":0,
    "ItemPrice":{"CurrencyCode":"USD","Amount":"40.00"}}]}}
    """;

var amazon = new InMemoryAmazon();
var commerce = new InMemoryCommerce();
var customers = new InMemoryCustomers();

var services = new ServiceCollection();
services.AddSingleton<IAmazonOrdersPort>(amazon);
services.AddSingleton<ICommerceOrdersPort>(commerce);
services.AddSingleton<ICustomersPort>(customers);
services.AddAmazonFulfillment(settings => settings.StoreView = "default");
await using var provider = services.BuildServiceProvider();
var runtime = provider.GetRequiredService<FulfillmentRuntime>();

var order = OrdersV0Reader.ReadGetOrdersResponse(GetOrdersPage).Orders.Single();
var items = OrdersV0Reader.ReadGetOrderItemsResponse(GetOrderItemsPage).Items;
amazon.SetOrderItems(order.Id, items);
commerce.SetProduct(items[0].Sku);

await runtime.ObserveAsync(order);
var package = ShipmentPackage.Create(
    order.Id, PackageReferenceId.From(1), "UPS", null, "Ground", "1Z999AA10123456784",
    order.LastUpdateDate.AddHours(1), [new PackageItem(items[0].OrderItemId, 2)]);
var shipped = await runtime.RecordShipmentAsync(package);

var commerceOrder = commerce.Find(order.Id);
if (shipped.Order?.ChannelStatus != ChannelStatus.Shipped || commerceOrder?.Status != "complete" || amazon.Confirmations.Count != 1)
{
    Console.Error.WriteLine($"Consumer check failed: channel {shipped.Order?.ChannelStatus}, Commerce {commerceOrder?.Status}, confirmations {amazon.Confirmations.Count}.");
    return 1;
}

Console.WriteLine($"Consumer OK: {order.Id} -> Commerce order {commerceOrder.OrderNumber} {commerceOrder.Status}, {amazon.Confirmations.Count} package confirmed.");
return 0;
