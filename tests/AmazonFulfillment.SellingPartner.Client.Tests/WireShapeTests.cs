using AmazonFulfillment.Domain;
using AmazonFulfillment.SellingPartner.Client.Tests.Support;

namespace AmazonFulfillment.SellingPartner.Client.Tests;

public sealed class WireShapeTests
{
    [Theory(Timeout = 90_000)]
    [InlineData(OrdersApiVersion.V20260101, false)]
    [InlineData(OrdersApiVersion.V0, true)]
    public async Task EveryRequest_ImportShipConfirmCancel_IsAnOperationOfAmazonsModels_WithItsPathHeadersAndBody(OrdersApiVersion api, bool restrictedRole)
    {
        await using var h = await Harness.StartAsync(fake: o => o.OrdersPageSize = 2, client: o =>
        {
            o.OrdersApi = api;
            o.HasRestrictedDataRole = restrictedRole;
        });
        var shipped = h.Place("Unshipped", true, 2, 1);
        var cancelled = h.Place("Unshipped", true, 1);
        h.Place("Pending", true, 1);

        await h.Poller.PollOnceAsync();
        var tracked = (await h.Store.LoadAsync(AmazonOrderId.Parse(shipped.AmazonOrderId)))!.Order;
        var package = ShipmentPackage.Create(
            tracked.Id, PackageReferenceId.From(1), "UPS", null, "Ground", "1Z999AA10123456784", DateTimeOffset.UtcNow,
            tracked.Items.Select(i => new PackageItem(i.OrderItemId, i.Remaining)));
        var confirmed = await h.Runtime.RecordShipmentAsync(package);
        var cancel = await h.Runtime.CancelAsync(AmazonOrderId.Parse(cancelled.AmazonOrderId), "NoInventory");
        await h.Poller.FetchOrderAsync(AmazonOrderId.Parse(shipped.AmazonOrderId));

        Assert.Null(confirmed.Refusal);
        Assert.Null(cancel.Refusal);
        Assert.Single(h.Amazon.ConfirmedPackages);
        Assert.Equal("Canceled", h.Amazon.Order(cancelled.AmazonOrderId)!.Status);
        Assert.Equal(2, h.Commerce.Orders.Count);

        var requests = h.Amazon.Requests;
        var apiCalls = requests.Where(r => r.Operation is not ("lwaToken" or "uploadFeedDocument" or "downloadDocument")).ToList();
        Assert.All(apiCalls, r => Assert.Empty(SpApiModels.Instance.Problems(r)));
        Assert.DoesNotContain(requests, r => r.Operation == "unknown");
        var expected = new List<string> { "confirmShipment", "createFeedDocument", "createFeed", "getFeed", "getFeedDocument", "getOrderItems" };
        expected.Add(api == OrdersApiVersion.V0 ? "getOrders" : "searchOrders");
        if (restrictedRole)
        {
            expected.Add("createRestrictedDataToken");
        }

        Assert.Subset(apiCalls.Select(r => r.Operation).ToHashSet(), expected.ToHashSet());
        var token = Assert.Single(requests, r => r.Operation == "lwaToken");
        Assert.StartsWith("application/x-www-form-urlencoded", token.ContentType, StringComparison.Ordinal);
        Assert.All(requests.Where(r => r.Operation is "uploadFeedDocument" or "downloadDocument"), r => Assert.Null(r.AccessToken)); // pre-signed URLs get no SP-API token
    }
}
