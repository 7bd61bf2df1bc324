using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Tests.Domain;

public class OrderSettingsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var settings = new OrderSettings();

        Assert.True(settings.ImportOrders);
        Assert.Null(settings.StoreView);
        Assert.Equal(CustomerCreation.Guest, settings.CustomerCreation);
        Assert.Equal(OrderNumberSource.Commerce, settings.OrderNumberSource);
        Assert.True(settings.ReserveInventory);
        Assert.Null(settings.NewOrderStatus);
        Assert.True(settings.ImportFbaOrders);
        Assert.False(settings.ReadOnly);
        Assert.Equal(3, settings.MaxImportAttempts);
    }

    [Fact]
    public void Validate_DefaultsWithoutStoreView_StoreViewRequired()
    {
        var problem = Assert.Single(new OrderSettings().Validate());

        Assert.Contains("StoreView", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_StoreViewSet_Valid()
    {
        Assert.Empty(new OrderSettings { StoreView = "default" }.Validate());
    }

    [Fact]
    public void Validate_EveryProblem_ListedInOneMessage()
    {
        var settings = new OrderSettings
        {
            StoreView = "bad view!",
            CustomerCreation = (CustomerCreation)7,
            OrderNumberSource = (OrderNumberSource)9,
            NewOrderStatus = "in progress",
            MaxImportAttempts = 0,
            ShipDateClockSkew = TimeSpan.FromDays(2),
        };

        var problems = settings.Validate();
        var thrown = Assert.Throws<ArgumentException>(settings.EnsureValid);

        Assert.Equal(6, problems.Count);
        foreach (var name in new[] { "StoreView", "CustomerCreation", "OrderNumberSource", "NewOrderStatus", "MaxImportAttempts", "ShipDateClockSkew" })
        {
            Assert.Contains(problems, p => p.StartsWith(name, StringComparison.Ordinal));
            Assert.Contains(name, thrown.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Validate_MaxImportAttemptsBelowOne_Problem(int attempts)
    {
        Assert.Contains(new OrderSettings { StoreView = "default", MaxImportAttempts = attempts }.Validate(), p => p.StartsWith("MaxImportAttempts", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    public void Validate_NewOrderStatusNotAStatusCode_Problem(string status)
    {
        Assert.Contains(new OrderSettings { StoreView = "default", NewOrderStatus = status }.Validate(), p => p.StartsWith("NewOrderStatus", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(CommerceStatuses.Complete)]
    [InlineData(CommerceStatuses.Canceled)]
    public void Validate_NewOrderStatusCompleteOrCanceled_Problem(string status)
    {
        // A new MFN order has nothing shipped: starting it complete would break "complete only when complete".
        Assert.Contains(new OrderSettings { StoreView = "default", NewOrderStatus = status }.Validate(), p => p.StartsWith("NewOrderStatus", StringComparison.Ordinal));
    }

    [Fact]
    public void Clone_IsIndependent()
    {
        var settings = new OrderSettings { StoreView = "default" };
        var copy = settings.Clone();

        copy.ReadOnly = true;

        Assert.False(settings.ReadOnly);
    }
}
