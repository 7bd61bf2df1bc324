using System.Reflection;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;
using Xunit;

namespace AmazonFulfillment.Tests.Workflows;

/// <summary>The decision's working copy must carry every field of an order, or a decision would silently drop one.</summary>
public sealed class OrderDraftTests
{
    [Fact]
    public void OrderDraft_EveryOrderProperty_HasAFieldOfTheSameNameAndType()
    {
        var fields = typeof(OrderDraft).GetFields(BindingFlags.Public | BindingFlags.Instance).ToDictionary(f => f.Name, f => f.FieldType);
        var stored = typeof(FulfillmentOrder).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();

        Assert.NotEmpty(stored);
        Assert.All(stored, p => Assert.True(fields.TryGetValue(p.Name, out var type) && type == p.PropertyType, $"OrderDraft has no {p.PropertyType.Name} field {p.Name}."));
        Assert.Equal(stored.Count, fields.Count);
    }

    [Fact]
    public void ToOrder_OrderWithEveryFieldSet_RoundTripsUnchanged()
    {
        var builder = OrderBuilder.Mfn().In(OrderState.Shipped);
        var order = builder.Order! with
        {
            Channel = FulfillmentChannel.Amazon,
            MarketplaceId = MarketplaceId.Parse("ATVPDKIKX0DER"),
            AmazonStore = "eu",
            EarliestShipDate = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero),
            LatestShipDate = new DateTimeOffset(2026, 11, 22, 23, 59, 59, TimeSpan.Zero),
            Buyer = new BuyerInfo(SpApi.BuyerEmail, SpApi.BuyerName),
            ShippingAddress = SpApi.Address,
            Customer = new CustomerRef(CustomerKind.Account, "42"),
            CancellationRequested = true,
            Error = "an error",
            ErrorCode = ProblemCodes.ImportRefusedByCommerce,
            ImportAttempts = 3,
            AutomaticImportAttempts = 2,
            MerchantCancelReason = "NoInventory",
            CanceledOnAmazon = true,
            ItemsFetchedFor = AmazonOrderStatus.Shipped,
            Outbox = [new PendingEffect(new CompleteCommerceOrder(builder.Order!.Id), Held: true)],
            Failures = [new EffectFailure("key", "reason", OrderBuilder.PurchaseDate)],
        };
        var defaults = typeof(FulfillmentOrder).GetProperties().Where(p => p.CanWrite && Equals(p.GetValue(order), DefaultOf(p.PropertyType))).Select(p => p.Name);
        Assert.Empty(defaults);

        Assert.Equal(order, new OrderDraft(order).ToOrder());
    }

    private static object? DefaultOf(Type type) => type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;
}
