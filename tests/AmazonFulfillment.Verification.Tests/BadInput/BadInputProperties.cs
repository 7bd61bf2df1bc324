using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.SellingPartner;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Verification.Tests.BadInput;

/// <summary>Guarantee 12: arbitrary strings, numbers and dates at every public entry point give a typed refusal or a documented exception, and change nothing.</summary>
public class BadInputProperties
{
    private static void Refusal<T>(Validated<T> v)
    {
        if (!v.IsValid)
        {
            Assert.False(string.IsNullOrWhiteSpace(v.Field));
            Assert.False(string.IsNullOrWhiteSpace(v.Error));
        }
    }

    private static void ParseThrowsOnlyArgumentException(Action parse)
    {
        try
        {
            parse();
        }
        catch (ArgumentException)
        {
            // Documented.
        }
    }

    [FulfillmentProperty(200)]
    public void TryCreate_AnyText_ValueOrNamedRefusal(string? text, string? currency)
    {
        Refusal(AmazonOrderId.TryCreate(text));
        Refusal(Sku.TryCreate(text));
        Refusal(OrderItemId.TryCreate(text));
        Refusal(PackageReferenceId.TryCreate(text));
        Refusal(MarketplaceId.TryCreate(text));
        Refusal(Money.TryParse(text, currency));
        ParseThrowsOnlyArgumentException(() => AmazonOrderId.Parse(text));
        ParseThrowsOnlyArgumentException(() => Sku.Parse(text));
        ParseThrowsOnlyArgumentException(() => OrderItemId.Parse(text));
        ParseThrowsOnlyArgumentException(() => PackageReferenceId.Parse(text));
        ParseThrowsOnlyArgumentException(() => MarketplaceId.Parse(text));
    }

    [FulfillmentProperty(200)]
    public void ShipmentPackageTryCreate_AnyFields_ValueOrNamedRefusal(string? id, string? reference, string? carrier, string? name, string? tracking, DateTimeOffset shipDate, string? item, int quantity)
    {
        var items = OrderItemId.TryCreate(item) is { IsValid: true } v ? [new PackageItem(v.Value, quantity)] : ImmutableArray<PackageItem>.Empty;
        Refusal(ShipmentPackage.TryCreate(id, reference, carrier, name, null, tracking, shipDate, items));
    }

    [FulfillmentProperty(200)]
    public void SnapshotTryCreate_AnyFields_ValueOrNamedRefusal(string? id, int status, int channel, DateTimeOffset placed, DateTimeOffset updated)
    {
        Refusal(AmazonOrderSnapshot.TryCreate(id, (AmazonOrderStatus)status, (FulfillmentChannel)channel, placed, updated));
    }

    [FulfillmentProperty(200)]
    public void OrderSettingsValidate_AnyValues_ProblemsListedNeverThrows(string? storeView, string? newStatus, int attempts, int customers, int numbers, int skewMinutes)
    {
        var settings = new OrderSettings
        {
            StoreView = storeView,
            NewOrderStatus = newStatus,
            MaxImportAttempts = attempts,
            CustomerCreation = (CustomerCreation)customers,
            OrderNumberSource = (OrderNumberSource)numbers,
            ShipDateClockSkew = TimeSpan.FromMinutes(skewMinutes),
        };

        var problems = settings.Validate();

        Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p)));
        ParseThrowsOnlyArgumentException(settings.EnsureValid);
    }

    [FulfillmentProperty(200)]
    public void TryReadOrder_AnyText_ValueOrNamedRefusal(string? order, string? items)
    {
        Refusal(OrdersV0Reader.TryReadOrder(order, items));
        Refusal(OrdersV0Reader.TryReadOrder("{\"AmazonOrderId\":" + System.Text.Json.JsonSerializer.Serialize(order) + ",\"OrderStatus\":" + System.Text.Json.JsonSerializer.Serialize(items) + "}"));
    }

    [FulfillmentProperty(100)]
    public void Runtime_AnyShipmentCancelRetry_RefusedChangesNothing(string? reference, string? carrier, string? tracking, DateTimeOffset shipDate, int quantity, string? reason, bool knownItem)
    {
        Task.Run(async () =>
        {
            var h = new InMemoryFulfillment();
            var id = AmazonOrderId.Parse("902-1845936-5435065");
            var item = new AmazonOrderItem(OrderItemId.Parse("11111111111111"), Sku.Parse("MUG-1"), 2, 0, Money.Of(10m, "EUR"));
            h.Commerce.SetProduct(item.Sku);
            h.Amazon.SetOrderItems(id, [item]);
            await h.Runtime.ObserveAsync(new AmazonOrderSnapshot(id, AmazonOrderStatus.Unshipped, FulfillmentChannel.Merchant, HistoryStart(-2), HistoryStart(-1)));
            var before = h.OrderStore.All().Single();

            var package = ShipmentPackage.TryCreate(id.Value, reference, carrier, null, null, tracking, shipDate, [new PackageItem(knownItem ? item.OrderItemId : OrderItemId.Parse("22222222222222"), quantity)]);
            Refusal(package);
            if (package.IsValid)
            {
                AssertRefusedChangesNothing(h, before, await h.Runtime.RecordShipmentAsync(package.Value));
            }

            if (reason is null)
            {
                await Assert.ThrowsAsync<ArgumentNullException>(() => h.Runtime.CancelAsync(id, reason!));
            }
            else
            {
                var now = h.OrderStore.All().Single();
                AssertRefusedChangesNothing(h, now, await h.Runtime.CancelAsync(id, reason));
            }

            await Assert.ThrowsAsync<ArgumentException>(() => h.Runtime.RetryAsync(default));
            var current = h.OrderStore.All().Single();
            AssertRefusedChangesNothing(h, current, await h.Runtime.RetryAsync(id));
        }).GetAwaiter().GetResult();
    }

    [FulfillmentProperty(100)]
    public void ObserveAsync_AnySnapshotOfATrackedOrder_RefusedOrIgnoredChangesNothing(AmazonOrderSnapshot snapshot)
    {
        Task.Run(async () =>
        {
            var h = new InMemoryFulfillment();
            var first = new AmazonOrderSnapshot(snapshot.Id, AmazonOrderStatus.Unshipped, FulfillmentChannel.Merchant, snapshot.PurchaseDate, snapshot.PurchaseDate.AddMinutes(30));
            await h.Runtime.ObserveAsync(first);
            var before = h.OrderStore.All().Single();

            var result = await h.Runtime.ObserveAsync(snapshot);

            if (result.Kind != DecisionKind.Applied)
            {
                Assert.Equal(before.Version, h.OrderStore.All().Single().Version);
            }
        }).GetAwaiter().GetResult();
    }

    private static DateTimeOffset HistoryStart(int days) => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(days);

    private static void AssertRefusedChangesNothing(InMemoryFulfillment h, StoredOrder before, ProcessResult result)
    {
        if (result.Kind != DecisionKind.Refused)
        {
            return;
        }

        Assert.NotNull(result.Refusal);
        Assert.False(string.IsNullOrWhiteSpace(result.Refusal.Reason));
        Assert.Equal(before.Version, h.OrderStore.All().Single().Version);
    }
}
