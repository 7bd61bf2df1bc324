using System.Collections.Immutable;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Tests.Domain;

public class OrderEffectKeyTests
{
    private static readonly AmazonOrderId A = AmazonOrderId.Parse("902-1845936-5435065");
    private static readonly AmazonOrderId B = AmazonOrderId.Parse("902-1845936-5435066");

    public static TheoryData<int, int> Pairs()
    {
        var data = new TheoryData<int, int>();
        var count = Effects().Count;
        for (var i = 0; i < count; i++)
        {
            for (var j = 0; j < count; j++)
            {
                data.Add(i, j);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void HasKeyAndSameKeyAs_EveryPairOfEffects_AgreeWithComparingBuiltKeys(int left, int right)
    {
        var effects = Effects();
        var a = effects[left];
        var b = effects[right];
        var same = string.Equals(a.IdempotencyKey, b.IdempotencyKey, StringComparison.Ordinal);

        Assert.Equal(same, a.SameKeyAs(b));
        Assert.Equal(same, a.HasKey(b.IdempotencyKey));
    }

    [Theory]
    [InlineData("")]
    [InlineData("902-1845936-5435065")]
    [InlineData("902-1845936-5435065:")]
    [InlineData("902-1845936-5435065:items:")]
    [InlineData("902-1845936-5435065:items:Unshippe")]
    [InlineData("902-1845936-5435065:package:01")]
    [InlineData("902-1845936-5435065:package:1 ")]
    [InlineData("902-1845936-5435065;create")]
    [InlineData("902-1845936-5435066:create")]
    [InlineData("X02-1845936-5435065:create")]
    public void HasKey_NearMisses_AgreesWithComparingBuiltKeys(string key)
    {
        foreach (var effect in Effects())
        {
            Assert.Equal(string.Equals(key, effect.IdempotencyKey, StringComparison.Ordinal), effect.HasKey(key));
        }
    }

    private static List<OrderEffect> Effects()
    {
        var list = new List<OrderEffect>();
        foreach (var id in new[] { A, B })
        {
            list.Add(new FetchOrderItems(id, AmazonOrderStatus.Unshipped));
            list.Add(new FetchOrderItems(id, AmazonOrderStatus.Shipped));
            list.Add(new ResolveCustomer(id, "buyer@example.com", null));
            list.Add(new CreateCommerceOrder(new CommerceOrderRequest
            {
                AmazonOrderId = id,
                Channel = FulfillmentChannel.Merchant,
                StoreView = "default",
                ReserveInventory = true,
                RequireStock = true,
                Lines = ImmutableArray<CommerceOrderLine>.Empty,
                PurchaseDate = DateTimeOffset.UnixEpoch,
            }));
            list.Add(new CompleteCommerceOrder(id));
            list.Add(new CancelCommerceOrder(id));
            list.Add(new CancelOnAmazon(id, "NoInventory"));
            foreach (var reference in new long[] { 1, 10, 123456789012345678 })
            {
                list.Add(new ConfirmShipment(ShipmentPackage.Create(id, PackageReferenceId.From(reference), "UPS", null, null, "1Z999AA10000000001", DateTimeOffset.UnixEpoch, [new PackageItem(OrderItemId.Parse("1"), 1)])));
            }
        }

        return list;
    }
}
