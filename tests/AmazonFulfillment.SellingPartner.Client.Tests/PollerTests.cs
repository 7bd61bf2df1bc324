using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.SellingPartner.Client.Tests.Support;

namespace AmazonFulfillment.SellingPartner.Client.Tests;

public sealed class PollerTests
{
    [Theory(Timeout = 90_000)]
    [InlineData(OrdersApiVersion.V20260101)]
    [InlineData(OrdersApiVersion.V0)]
    public async Task PollOnce_ReadsEveryPage_IntoTheRuntime_AndCheckpointsTheCursor(OrdersApiVersion api)
    {
        var store = new InMemoryOrderStore();
        await using var h = await Harness.StartAsync(fake: o => o.OrdersPageSize = 2, client: o => o.OrdersApi = api, store: store);
        var orders = Enumerable.Range(0, 5).Select(_ => h.Place("Unshipped", true, 1)).ToList();

        var result = await h.Poller.PollOnceAsync();

        Assert.Equal(new OrderPollResult(3, 5, 5, true, null), result);
        Assert.Equal(orders.Count, h.Commerce.Orders.Count);
        var cursor = await store.LoadCursorAsync(h.Poller.CursorName);
        Assert.NotNull(cursor);
        Assert.False(cursor.InWindow);
        Assert.NotNull(cursor.Watermark);
        Assert.True(h.Poller.Lag >= TimeSpan.FromMinutes(2));
        var searches = h.Amazon.Requests.Where(r => r.Operation is "searchOrders" or "getOrders").ToList();
        Assert.Equal(3, searches.Count);
        Assert.Equal(api == OrdersApiVersion.V0 ? 5 : 0, h.Amazon.Requests.Count(r => r.Operation == "getOrderItems")); // 2026-01-01 includes the items
    }

    [Fact(Timeout = 90_000)]
    public async Task Restart_InTheMiddleOfAWindow_ResumesAtTheSavedPage_AndAStaleTokenRestartsTheWindow()
    {
        var store = new InMemoryOrderStore();
        await using var h = await Harness.StartAsync(fake: o => o.OrdersPageSize = 2, store: store);
        h.Place();
        var now = DateTimeOffset.UtcNow;
        var after = now.AddMinutes(-30);
        var before = now.AddMinutes(-3);

        // A cursor saved mid-window whose token is too old: the window is read again from its first page.
        await store.SaveCursorAsync(h.Poller.CursorName, new PollingCursor(after, after, before, "stale-token", now.AddHours(-1)));
        var result = await h.Poller.PollOnceAsync();

        Assert.True(result.WindowCompleted, result.Failure);
        var first = h.Amazon.Requests.First(r => r.Operation == "searchOrders");
        Assert.False(first.Query.ContainsKey("paginationToken"));
        Assert.Equal(after.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), first.Query["lastUpdatedAfter"]);
        Assert.Equal(before.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), first.Query["lastUpdatedBefore"]);
        var cursor = await store.LoadCursorAsync(h.Poller.CursorName);
        Assert.Equal(new DateTimeOffset(before.UtcTicks - (before.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero), cursor!.Watermark);
    }

    [Fact(Timeout = 90_000)]
    public async Task Restart_WithAFreshPageToken_ContinuesFromThatPage_NeitherSkippingNorRereading()
    {
        var store = new InMemoryOrderStore();
        await using var h = await Harness.StartAsync(fake: o => o.OrdersPageSize = 2, store: store);
        var orders = Enumerable.Range(0, 4).Select(_ => h.Place()).ToList();
        var firstHost = h.Poller;

        // Read the first page only, as a host that stops after it would.
        var page = await h.Client.GetOrdersPageAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(-3), null);
        Assert.True(page.IsSuccess, page.Reason);
        await store.SaveCursorAsync(firstHost.CursorName, new PollingCursor(null, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(-3), page.Value!.NextToken, DateTimeOffset.UtcNow));

        var result = await firstHost.PollOnceAsync();

        Assert.True(result.WindowCompleted, result.Failure);
        Assert.Equal(2, result.Orders); // the two orders of the pages after the saved one, none read twice
        Assert.Equal(2, h.Commerce.Orders.Count);
    }

    [Fact(Timeout = 90_000)]
    public async Task OrderChangeNotification_FetchesThatOneOrder_AtOnce()
    {
        await using var h = await Harness.StartAsync();
        var order = h.Place();
        var json = $$$$"""
            {"NotificationVersion":"1.0","NotificationType":"ORDER_CHANGE","PayloadVersion":"1.0","EventTime":"2026-01-01T00:00:00.000Z",
             "Payload":{"OrderChangeNotification":{"NotificationLevel":"OrderLevel","SellerId":"A2FAKESELLER","AmazonOrderId":"{{{{order.AmazonOrderId}}}}",
             "OrderChangeType":"BuyerRequestedChange","OrderChangeTrigger":{"TimeOfOrderChange":"2026-01-01T00:00:00.000Z","ChangeReason":"Buyer Requested Cancel"},
             "Summary":{"MarketplaceId":"ATVPDKIKX0DER","OrderStatus":"Unshipped","FulfillmentType":"MFN"}}},
             "NotificationMetadata":{"ApplicationId":"app","SubscriptionId":"sub","PublishTime":"2026-01-01T00:00:00.000Z","NotificationId":"n-1"}}
            """;
        var notification = OrderChangeNotificationReader.Read(json);

        var result = await h.Poller.FetchOrderAsync(notification.AmazonOrderId);

        Assert.True(result.IsSuccess, result.Reason);
        Assert.NotNull(h.Commerce.Find(AmazonOrderId.Parse(order.AmazonOrderId)));
        Assert.Single(h.Amazon.Requests, r => r.Operation == "getOrder (2026-01-01)");
        Assert.DoesNotContain(h.Amazon.Requests, r => r.Operation == "searchOrders");
    }

    [Fact(Timeout = 90_000)]
    public async Task HostedPoller_PollsAtStart_AndANotificationFetchesItsOrderBeforeTheNextPoll()
    {
        await using var h = await Harness.StartAsync();
        var first = h.Place();
        var options = Microsoft.Extensions.Options.Options.Create(new SellingPartnerPollerOptions { Interval = TimeSpan.FromHours(1), LeaseDuration = TimeSpan.FromHours(2) });
        using var poller = new SellingPartnerOrderPoller(h.Client, h.Runtime, h.Store, options);
        await poller.StartAsync(default);
        try
        {
            await Until(() => h.Commerce.Find(AmazonOrderId.Parse(first.AmazonOrderId)) is not null);
            var late = h.Amazon.PlaceOrder(new Testing.SellingPartner.FakeOrder(Harness.NewOrderId(), "Unshipped", true, [new("12345678901299", "SKU-2", 1, 4m)]));
            poller.NotifyOrderChanged(new OrderChangeNotification(
                AmazonOrderId.Parse(late.AmazonOrderId), OrderChangeType.OrderStatusChange, "OrderStatusChange", DateTimeOffset.UtcNow, null, null, null, null, false, "n-1"));

            await Until(() => h.Commerce.Find(AmazonOrderId.Parse(late.AmazonOrderId)) is not null); // its LastUpdateDate is now: no window could have read it yet
            Assert.Single(h.Amazon.Requests, r => r.Operation == "searchOrders");
        }
        finally
        {
            await poller.StopAsync(default);
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task WithoutTheRestrictedRole_OrdersAreGuests_AndV0BlankBuyerFieldsAreAbsent()
    {
        await using var h = await Harness.StartAsync(client: o => o.OrdersApi = OrdersApiVersion.V0);
        var order = h.Amazon.PlaceOrder(new Testing.SellingPartner.FakeOrder(Harness.NewOrderId(), "Unshipped", true, [new("12345678901234", "SKU-1", 1, 3m)])
        {
            BuyerEmail = "buyer@marketplace.amazon.com",
            BuyerName = "Jane Doe",
        }, DateTimeOffset.UtcNow.AddMinutes(-10));

        var page = await h.Client.GetOrdersPageAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(-3), null);

        var snapshot = Assert.Single(page.Value!.Orders);
        Assert.Null(snapshot.Buyer);
        Assert.Null(snapshot.ShippingAddress);
        Assert.DoesNotContain(h.Amazon.Requests, r => r.Operation == "createRestrictedDataToken");
        _ = order;
    }

    [Fact(Timeout = 90_000)]
    public async Task WithTheRestrictedRole_OrdersCarryBuyerData_ReadWithARestrictedDataToken()
    {
        await using var h = await Harness.StartAsync(client: o => o.HasRestrictedDataRole = true);
        h.Amazon.PlaceOrder(new Testing.SellingPartner.FakeOrder(Harness.NewOrderId(), "Unshipped", true, [new("12345678901235", "SKU-1", 1, 3m)])
        {
            BuyerEmail = "buyer@marketplace.amazon.com",
            BuyerName = "Jane Doe",
        }, DateTimeOffset.UtcNow.AddMinutes(-10));

        var page = await h.Client.GetOrdersPageAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(-3), null);

        var snapshot = Assert.Single(page.Value!.Orders);
        Assert.Equal("buyer@marketplace.amazon.com", snapshot.Buyer?.Email);
        Assert.NotNull(snapshot.ShippingAddress);
        var search = Assert.Single(h.Amazon.Requests, r => r.Operation == "searchOrders");
        Assert.StartsWith("Atz.sprdt|", search.AccessToken, StringComparison.Ordinal);
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }
}
