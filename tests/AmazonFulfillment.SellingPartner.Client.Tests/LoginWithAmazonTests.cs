using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.SellingPartner.Client.Tests.Support;
using AmazonFulfillment.Testing.SellingPartner;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AmazonFulfillment.SellingPartner.Client.Tests;

public sealed class LoginWithAmazonTests
{
    [Fact(Timeout = 90_000)]
    public async Task AccessToken_ConcurrentCallers_FetchedOnce_AndRefreshedOnceWhenItExpiresMidRun()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var h = await Harness.StartAsync(time: clock);
        var orders = Enumerable.Range(0, 10).Select(_ => h.Amazon.PlaceOrder(new(Harness.NewOrderId(), "Unshipped", true, [new("10000000000001", "SKU-1", 1, 5m)]), clock.GetUtcNow().AddMinutes(-10))).ToList();

        var first = await Task.WhenAll(orders.Select(o => h.Client.GetOrderItemsAsync(AmazonOrderId.Parse(o.AmazonOrderId))));
        Assert.All(first, r => Assert.True(r.IsSuccess, r.Reason));
        Assert.Equal(1, h.Amazon.AccessTokensGranted);

        clock.Advance(TimeSpan.FromMinutes(59) + TimeSpan.FromSeconds(30)); // inside the refresh margin: the token expires mid-run
        var second = await Task.WhenAll(orders.Select(o => h.Client.GetOrderItemsAsync(AmazonOrderId.Parse(o.AmazonOrderId))));
        Assert.All(second, r => Assert.True(r.IsSuccess, r.Reason));
        Assert.Equal(2, h.Amazon.AccessTokensGranted);
        Assert.Equal(2, h.Client.AccessTokenRefreshes);
    }

    [Fact(Timeout = 90_000)]
    public async Task AccessToken_RefusedByAmazon_IsTransient_DroppedOnce_AndTheNextCallsSucceed()
    {
        await using var h = await Harness.StartAsync();
        var orders = Enumerable.Range(0, 8).Select(_ => h.Place()).ToList();
        Assert.True((await h.Client.GetOrderItemsAsync(AmazonOrderId.Parse(orders[0].AmazonOrderId))).IsSuccess);

        h.Amazon.ExpireAccessTokens();
        var refused = await Task.WhenAll(orders.Select(o => h.Client.GetOrderItemsAsync(AmazonOrderId.Parse(o.AmazonOrderId))));
        Assert.Contains(refused, r => r.Status == PortStatus.Transient);
        Assert.DoesNotContain(refused, r => r.Status == PortStatus.Rejected); // an expired token never rejects the order's work

        var retried = await Task.WhenAll(orders.Select(o => h.Client.GetOrderItemsAsync(AmazonOrderId.Parse(o.AmazonOrderId))));
        Assert.All(retried, r => Assert.True(r.IsSuccess, r.Reason));
        Assert.Equal(2, h.Amazon.AccessTokensGranted);
    }

    [Fact(Timeout = 90_000)]
    public async Task BadSecret_IsTransient_AndNoCredentialAppearsInLogsOrReasons()
    {
        const string secret = "s3cr3t-that-must-never-be-logged";
        await using var h = await Harness.StartAsync(client: o => o.ClientSecret = secret);
        var order = h.Place();

        var result = await h.Client.GetOrderItemsAsync(AmazonOrderId.Parse(order.AmazonOrderId));

        Assert.Equal(PortStatus.Transient, result.Status);
        Assert.Contains("invalid_client", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, result.Reason, StringComparison.Ordinal);
        Assert.Contains(h.Logs.Lines, l => l.Contains("invalid_client", StringComparison.Ordinal));
        AssertNoCredential(h, secret);
    }

    [Fact(Timeout = 90_000)]
    public async Task Credentials_NeverAppearInLogs_OverAWholeRun()
    {
        await using var h = await Harness.StartAsync(client: o => o.HasRestrictedDataRole = true);
        var order = h.Place();
        h.Amazon.FailNext("getOrderItems", FakeFault.ServerError);
        await h.Client.GetOrderItemsAsync(AmazonOrderId.Parse(order.AmazonOrderId));
        await h.Client.GetOrderItemsAsync(AmazonOrderId.Parse(order.AmazonOrderId));
        await h.Client.GetOrderAsync(AmazonOrderId.Parse(order.AmazonOrderId));
        h.Amazon.ExpireAccessTokens();
        await h.Client.GetOrderItemsAsync(AmazonOrderId.Parse(order.AmazonOrderId));
        await h.Poller.PollOnceAsync();

        Assert.NotEmpty(h.Logs.Lines);
        AssertNoCredential(h, h.Amazon.Options.ClientSecret);
        var tokens = h.Amazon.Requests.Select(r => r.AccessToken).OfType<string>().Distinct().ToList();
        Assert.NotEmpty(tokens);
        Assert.All(tokens, token => Assert.DoesNotContain(h.Logs.Lines, l => l.Contains(token, StringComparison.Ordinal)));
    }

    [Fact]
    public void Options_Invalid_OneMessageListsEveryProblem_WithoutACredential()
    {
        var services = new ServiceCollection();
        services.AddSellingPartnerClient(o =>
        {
            o.ClientSecret = "visible-secret";
            o.RefreshToken = "Atzr|visible-refresh";
            o.RequestTimeout = TimeSpan.Zero;
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SellingPartnerClientOptions>>().Value);

        Assert.Contains("SellerId", error.Message, StringComparison.Ordinal);
        Assert.Contains("ClientId", error.Message, StringComparison.Ordinal);
        Assert.Contains("MarketplaceIds", error.Message, StringComparison.Ordinal);
        Assert.Contains("RequestTimeout", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("visible-secret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("visible-refresh", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SellingPartnerRegion.NorthAmerica, false, "https://sellingpartnerapi-na.amazon.com/")]
    [InlineData(SellingPartnerRegion.Europe, false, "https://sellingpartnerapi-eu.amazon.com/")]
    [InlineData(SellingPartnerRegion.FarEast, true, "https://sandbox.sellingpartnerapi-fe.amazon.com/")]
    public void Endpoint_ChosenByRegionAndSandbox(SellingPartnerRegion region, bool sandbox, string expected)
    {
        var options = new SellingPartnerClientOptions { Region = region, UseSandbox = sandbox };
        Assert.Equal(expected, options.EffectiveEndpoint.ToString());
        Assert.DoesNotContain("secret", options.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    private static void AssertNoCredential(Harness h, string secret)
    {
        foreach (var line in h.Logs.Lines)
        {
            Assert.DoesNotContain(secret, line, StringComparison.Ordinal);
            Assert.DoesNotContain(h.Amazon.Options.RefreshToken, line, StringComparison.Ordinal);
            Assert.DoesNotContain("Atza|", line, StringComparison.Ordinal);
            Assert.DoesNotContain("Atz.sprdt|", line, StringComparison.Ordinal);
        }
    }
}
