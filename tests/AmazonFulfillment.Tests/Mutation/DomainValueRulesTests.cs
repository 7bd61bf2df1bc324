using AmazonFulfillment.Domain;
using AmazonFulfillment.Tests.Support;

namespace AmazonFulfillment.Tests.Mutation;

/// <summary>
/// The domain values at their edges: money as SP-API writes it (docs/rules.md section 3: decimal strings, ItemPrice is the line total),
/// buyer data, order lines, snapshots and packages refused with the field at fault (guarantees 12 and 18), and the
/// settings validated at start-up (docs/rules.md section 5).
/// </summary>
public class DomainValueRulesTests
{
    private static readonly DateTimeOffset Placed = OrderBuilder.PurchaseDate;

    [Theory]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("CLP", 0)]
    [InlineData("VND", 0)]
    [InlineData("ISK", 0)]
    [InlineData("HUF", 0)]
    [InlineData("BHD", 3)]
    [InlineData("KWD", 3)]
    [InlineData("OMR", 3)]
    [InlineData("JOD", 3)]
    [InlineData("TND", 3)]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    public void Money_DecimalsOfTheCurrency(string currency, int decimals)
    {
        Assert.Equal(decimals, Money.Of(1m, currency).Decimals);
    }

    [Fact]
    public void Money_PerUnit_RoundsHalfAwayFromZeroInTheCurrencysDecimals()
    {
        Assert.Equal("0.03", Money.Of(0.05m, "USD").PerUnit(2).FormatAmount()); // 0.025
        Assert.Equal(0.015m, Money.Of(0.03m, "KWD").PerUnit(2).Amount);
        Assert.Equal(5m, Money.Of(9m, "JPY").PerUnit(2).Amount); // 4.5
        Assert.Equal("USD", Money.Of(9m, "USD").PerUnit(2).Currency);
    }

    [Fact]
    public void Money_PerUnit_QuantityBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.Of(9m, "USD").PerUnit(0));
        Assert.Equal(9m, Money.Of(9m, "USD").PerUnit(1).Amount);
    }

    [Fact]
    public void Money_Add_SameCurrencyOnly()
    {
        var sum = SpApi.Money("20.00").Add(SpApi.Money("9.99"));

        Assert.Equal(29.99m, sum.Amount);
        Assert.Equal("USD", sum.Currency);
        Assert.Throws<InvalidOperationException>(() => SpApi.Money("1.00").Add(SpApi.Money("1.00", "EUR")));
    }

    [Fact]
    public void Money_Of_RefusesNegativeAndBadCurrency()
    {
        Assert.Equal(0m, Money.Of(0m, "USD").Amount);
        Assert.Equal("amount", Assert.Throws<ArgumentException>(() => Money.Of(-0.01m, "USD")).ParamName);
        Assert.Equal("currency", Assert.Throws<ArgumentException>(() => Money.Of(1m, "usd")).ParamName);
        Assert.Equal("currency", Assert.Throws<ArgumentException>(() => Money.Of(1m, "USDX")).ParamName);
    }

    [Fact]
    public void Money_TryParse_ReasonsNameTheText()
    {
        Assert.Equal("'ten' is not a decimal amount.", Money.TryParse("ten", "USD").Error);
        Assert.Equal("'-1.00' must not be negative.", Money.TryParse("-1.00", "USD").Error);
        Assert.Equal("is required.", Money.TryParse(" ", "USD").Error);
        Assert.Equal("'US1' is not an ISO 4217 currency code.", Money.TryParse("1.00", "US1").Error);
        Assert.Equal("Amount.CurrencyCode", Money.TryParse("1.00", "US1").Field);
        Assert.Equal(1.5m, Money.TryParse("+1.50", "USD").Value.Amount);
    }

    [Fact]
    public void Money_ToString_AmountAndCurrency()
    {
        Assert.Equal("11.01 USD", SpApi.Money("11.01").ToString());
        Assert.Equal("1.500 KWD", Money.Of(1.5m, "KWD").ToString());
    }

    [Fact]
    public void Validated_ValueOfARefusal_Throws()
    {
        var refused = Sku.TryCreate(null);

        var ex = Assert.Throws<InvalidOperationException>(() => refused.Value);
        Assert.Equal("Invalid SellerSKU: is required.", ex.Message);
        Assert.Equal("Invalid SellerSKU: is required.", refused.ToString());
        Assert.Null(Sku.TryCreate("A").Field);
        Assert.Null(Sku.TryCreate("A").Error);
        Assert.Equal("Valid(A)", Sku.TryCreate("A").ToString());
    }

    [Fact]
    public void Validated_AsAnotherType_CarriesTheFailureOnly()
    {
        var refused = Sku.TryCreate("").As<Money>();

        Assert.False(refused.IsValid);
        Assert.Equal("SellerSKU", refused.Field);
        Assert.Equal("is required.", refused.Error);
        Assert.Throws<InvalidOperationException>(() => Sku.TryCreate("A").As<Money>());
    }

    [Fact]
    public void BuyerInfo_EmailUpTo320CharactersWithAnAt()
    {
        var longest = new string('b', 308) + "@example.com";

        Assert.Equal(longest, new BuyerInfo(longest, null).Email);
        Assert.Throws<ArgumentException>(() => new BuyerInfo("b" + longest, null));
        Assert.True(BuyerInfo.TryCreate(longest, null).IsValid);
        Assert.False(BuyerInfo.TryCreate("b" + longest, null).IsValid);
        Assert.Equal("BuyerEmail", BuyerInfo.TryCreate("no-at-sign", null).Field);
        Assert.True(BuyerInfo.TryCreate(null, "Name").IsValid);
    }

    [Fact]
    public void BuyerInfo_ValuesAreTrimmed()
    {
        var buyer = new BuyerInfo($" {SpApi.BuyerEmail} ", $" {SpApi.BuyerName} ");

        Assert.Equal(SpApi.BuyerEmail, buyer.Email);
        Assert.Equal(SpApi.BuyerName, buyer.Name);
        Assert.Equal("BuyerInfo { Email = [redacted], Name = [redacted] }", buyer.ToString());
        Assert.Equal("BuyerInfo { Email = none, Name = none }", new BuyerInfo(null, " ").ToString());
        Assert.Equal("ShippingAddress { CountryCode = none, [redacted] }", (SpApi.Address with { CountryCode = null }).ToString());
    }

    [Fact]
    public void AmazonOrderItem_TryCreate_NamesTheFieldAtFault()
    {
        Assert.Equal("OrderItemId", AmazonOrderItem.TryCreate("", SpApi.Sku, 1, 0, null).Field);
        Assert.Equal("SellerSKU", AmazonOrderItem.TryCreate(SpApi.ItemId, "", 1, 0, null).Field);
        Assert.Equal("QuantityOrdered", AmazonOrderItem.TryCreate(SpApi.ItemId, SpApi.Sku, -1, 0, null).Field);
        Assert.Equal("-1 must not be negative.", AmazonOrderItem.TryCreate(SpApi.ItemId, SpApi.Sku, -1, 0, null).Error);
        Assert.Equal("QuantityShipped", AmazonOrderItem.TryCreate(SpApi.ItemId, SpApi.Sku, 1, -1, null).Field);
        Assert.Equal("2 must be between 0 and QuantityOrdered (1).", AmazonOrderItem.TryCreate(SpApi.ItemId, SpApi.Sku, 1, 2, null).Error);
    }

    [Fact]
    public void AmazonOrderItem_TryCreate_ValidLineKeepsEveryValue()
    {
        var line = AmazonOrderItem.TryCreate(SpApi.ItemId, SpApi.Sku, 2, 2, SpApi.Money("20.00"), buyerRequestedCancel: true).Value;

        Assert.Equal(SpApi.ItemId, line.OrderItemId.Value);
        Assert.Equal(SpApi.Sku, line.Sku.Value);
        Assert.Equal(2, line.QuantityOrdered);
        Assert.Equal(2, line.QuantityShipped);
        Assert.Equal(20m, line.ItemPrice!.Value.Amount);
        Assert.True(line.BuyerRequestedCancel);
        Assert.True(AmazonOrderItem.TryCreate(SpApi.ItemId, SpApi.Sku, 0, 0, null).IsValid);
    }

    [Fact]
    public void AmazonOrderItem_Constructor_RefusesDefaultsAndBadQuantities()
    {
        var id = OrderItemId.Parse(SpApi.ItemId);
        var sku = Sku.Parse(SpApi.Sku);

        Assert.Equal("orderItemId", Assert.Throws<ArgumentException>(() => new AmazonOrderItem(default, sku, 1, 0, null)).ParamName);
        Assert.Equal("sku", Assert.Throws<ArgumentException>(() => new AmazonOrderItem(id, default, 1, 0, null)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AmazonOrderItem(id, sku, -1, 0, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AmazonOrderItem(id, sku, 1, -1, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AmazonOrderItem(id, sku, 1, 2, null));
        Assert.Equal(1, new AmazonOrderItem(id, sku, 1, 1, null).QuantityShipped);
    }

    [Fact]
    public void Snapshot_TryCreate_NamesTheFieldAtFault()
    {
        var line = new AmazonOrderItem(OrderItemId.Parse(SpApi.ItemId), Sku.Parse(SpApi.Sku), 1, 0, null);

        Assert.Equal("AmazonOrderId", Snapshot("902-1").Field);
        Assert.Equal("OrderStatus", Snapshot(status: (AmazonOrderStatus)99).Field);
        Assert.Equal("99 is not an Amazon order status.", Snapshot(status: (AmazonOrderStatus)99).Error);
        Assert.Equal("FulfillmentChannel", Snapshot(channel: (FulfillmentChannel)7).Field);
        Assert.Equal("LastUpdateDate", Snapshot(lastUpdate: Placed.AddTicks(-1)).Field);
        Assert.True(Snapshot(lastUpdate: Placed).IsValid);
        Assert.Equal("contains a null item.", Snapshot(items: [line, null!]).Error);
        Assert.Equal($"OrderItemId {SpApi.ItemId} appears twice.", Snapshot(items: [line, line]).Error);
        Assert.Equal("OrderItems", Snapshot(items: [line, line]).Field);
    }

    [Fact]
    public void Snapshot_Valid_KeepsWhatAmazonReported()
    {
        var line = new AmazonOrderItem(OrderItemId.Parse(SpApi.ItemId), Sku.Parse(SpApi.Sku), 1, 0, null);

        var snapshot = Snapshot(items: [line]).Value;

        Assert.Equal(SpApi.MfnOrderId, snapshot.Id.Value);
        Assert.Equal(AmazonOrderStatus.Unshipped, snapshot.Status);
        Assert.Equal(FulfillmentChannel.Merchant, snapshot.Channel);
        Assert.Equal(Placed, snapshot.PurchaseDate);
        Assert.Equal(Placed.AddMinutes(1), snapshot.LastUpdateDate);
        Assert.Equal(SpApi.MarketplaceUs, snapshot.MarketplaceId!.Value.Value);
        Assert.Single(snapshot.Items!.Value);
    }

    [Fact]
    public void Snapshot_Constructor_RefusesDefaultIdAndTimeTravel()
    {
        Assert.Equal("id", Assert.Throws<ArgumentException>(() => new AmazonOrderSnapshot(default, AmazonOrderStatus.Pending, FulfillmentChannel.Merchant, Placed, Placed)).ParamName);
        Assert.Equal("lastUpdateDate", Assert.Throws<ArgumentException>(() => new AmazonOrderSnapshot(AmazonOrderId.Parse(SpApi.MfnOrderId), AmazonOrderStatus.Pending, FulfillmentChannel.Merchant, Placed, Placed.AddSeconds(-1))).ParamName);
    }

    [Theory]
    [InlineData(AmazonOrderStatus.PendingAvailability, 0, false, true)]
    [InlineData(AmazonOrderStatus.Pending, 0, false, true)]
    [InlineData(AmazonOrderStatus.Unshipped, 1, false, false)]
    [InlineData(AmazonOrderStatus.PartiallyShipped, 2, false, false)]
    [InlineData(AmazonOrderStatus.Shipped, 3, true, false)]
    [InlineData(AmazonOrderStatus.InvoiceUnconfirmed, 3, true, false)]
    [InlineData(AmazonOrderStatus.Canceled, 3, false, false)]
    [InlineData(AmazonOrderStatus.Unfulfillable, 3, false, false)]
    public void AmazonStatus_RankShippedAndPending(AmazonOrderStatus status, int rank, bool shipped, bool pending)
    {
        Assert.Equal(rank, status.Rank());
        Assert.Equal(shipped, status.IsShipped());
        Assert.Equal(pending, status.IsPending());
    }

    [Fact]
    public void Package_CarrierOtherIsCaseInsensitiveAndNormalised()
    {
        var package = PackageWith(carrierCode: " other ", carrierName: " Parcel Co ");

        Assert.Equal(ShipmentPackage.OtherCarrier, package.Value.CarrierCode);
        Assert.Equal("Parcel Co", package.Value.CarrierName);
        Assert.Equal("carrierName", PackageWith(carrierCode: "OTHER", carrierName: null).Field);
        Assert.Equal("is required when carrierCode is Other.", PackageWith(carrierCode: "OTHER", carrierName: null).Error);
        Assert.Equal("must not be blank.", PackageWith(trackingNumber: " ").Error);
    }

    [Fact]
    public void Package_TextsAreTrimmedAndBlankOptionalsAbsent()
    {
        var package = PackageWith(carrierCode: " UPS ", carrierName: " ", shippingMethod: "  ", trackingNumber: " 1Z999 ").Value;

        Assert.Equal("UPS", package.CarrierCode);
        Assert.Null(package.CarrierName);
        Assert.Null(package.ShippingMethod);
        Assert.Equal("1Z999", package.TrackingNumber);
        Assert.Equal("Ground", PackageWith(shippingMethod: " Ground").Value.ShippingMethod);
    }

    [Theory]
    [InlineData("carrierCode")]
    [InlineData("carrierName")]
    [InlineData("shippingMethod")]
    [InlineData("trackingNumber")]
    public void Package_TextsUpToOneHundredPrintableCharacters(string field)
    {
        string? Value(string name, string text) => name == field ? text : null;
        Validated<ShipmentPackage> With(string text) => PackageWith(
            carrierCode: Value("carrierCode", text) ?? "UPS",
            carrierName: Value("carrierName", text),
            shippingMethod: Value("shippingMethod", text),
            trackingNumber: Value("trackingNumber", text) ?? "1Z999AA10000000999");

        Assert.True(With(new string('x', 100)).IsValid);
        Assert.Equal(field, With(new string('x', 101)).Field);
        Assert.Equal("is longer than 100 characters.", With(new string('x', 101)).Error);
        Assert.Equal(field, With("x\u0007y").Field);
        Assert.Equal("must not contain control characters.", With("x\u0007y").Error);
    }

    [Fact]
    public void Package_ItemsAreRequiredAndNamed()
    {
        var none = ShipmentPackage.TryCreate(SpApi.MfnOrderId, "1", "UPS", null, null, "1Z999AA10123456784", Placed, null);
        Assert.Equal("is required.", none.Error);
        Assert.Equal("items", none.Field);
        Assert.Equal("items.orderItemId", PackageWith(items: [new PackageItem(default, 1)]).Field);
        Assert.Equal($"0 for order item {SpApi.ItemId} must be at least 1.", PackageWith(items: [new PackageItem(OrderItemId.Parse(SpApi.ItemId), 0)]).Error);
        Assert.Equal($"{SpApi.ItemId} appears twice in the package.", PackageWith(items: [new PackageItem(OrderItemId.Parse(SpApi.ItemId), 1), new PackageItem(OrderItemId.Parse(SpApi.ItemId), 1)]).Error);
    }

    [Fact]
    public void Package_Create_ThrowsNamingTheField()
    {
        var ex = Assert.Throws<ArgumentException>(() => ShipmentPackage.Create(
            AmazonOrderId.Parse(SpApi.MfnOrderId), PackageReferenceId.From(1), "UPS", null, null, " ", Placed, [new PackageItem(OrderItemId.Parse(SpApi.ItemId), 1)]));

        Assert.Equal("trackingNumber", ex.ParamName);
        Assert.Equal("packageReferenceId", Assert.Throws<ArgumentException>(() => ShipmentPackage.Create(
            AmazonOrderId.Parse(SpApi.MfnOrderId), default, "UPS", null, null, "1Z999AA10123456784", Placed, [new PackageItem(OrderItemId.Parse(SpApi.ItemId), 1)])).ParamName);
    }

    [Fact]
    public void Package_SameContentAs_EveryFieldCounts()
    {
        var item = new PackageItem(OrderItemId.Parse(SpApi.ItemId), 1);
        var baseline = PackageWith().Value;

        Assert.True(baseline.SameContentAs(PackageWith().Value));
        Assert.False(baseline.SameContentAs(PackageWith(orderId: SpApi.FbaOrderId).Value));
        Assert.False(baseline.SameContentAs(PackageWith(reference: "2").Value));
        Assert.False(baseline.SameContentAs(PackageWith(carrierCode: "FedEx").Value));
        Assert.False(baseline.SameContentAs(PackageWith(carrierName: "United Parcel").Value));
        Assert.False(baseline.SameContentAs(PackageWith(shippingMethod: "Next Day").Value));
        Assert.False(baseline.SameContentAs(PackageWith(trackingNumber: "1Z000").Value));
        Assert.False(baseline.SameContentAs(PackageWith(shipDate: Placed.AddMinutes(1)).Value));
        Assert.False(baseline.SameContentAs(PackageWith(items: [item with { Quantity = 2 }]).Value));
        Assert.Throws<ArgumentNullException>(() => baseline.SameContentAs(null!));
    }

    [Theory]
    [InlineData("default", true)]
    [InlineData("store_view_2", true)]
    [InlineData("store-view", false)]
    [InlineData("store view", false)]
    public void Settings_StoreViewIsACode(string storeView, bool valid)
    {
        Assert.Equal(valid, new OrderSettings { StoreView = storeView }.Validate().Count == 0);
    }

    [Fact]
    public void Settings_StoreViewUpTo64Characters()
    {
        Assert.Empty(new OrderSettings { StoreView = new string('s', 64) }.Validate());
        Assert.Contains("StoreView", Assert.Single(new OrderSettings { StoreView = new string('s', 65) }.Validate()), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_NewOrderStatusUpTo32CharactersWithoutSpaces()
    {
        Assert.Empty(new OrderSettings { StoreView = "default", NewOrderStatus = new string('p', 32) }.Validate());
        Assert.Empty(new OrderSettings { StoreView = "default", NewOrderStatus = "processing" }.Validate());
        Assert.Contains("NewOrderStatus", Assert.Single(new OrderSettings { StoreView = "default", NewOrderStatus = new string('p', 33) }.Validate()), StringComparison.Ordinal);
        Assert.Single(new OrderSettings { StoreView = "default", NewOrderStatus = "\t" }.Validate());
    }

    [Fact]
    public void Settings_UndefinedEnumsAreProblems()
    {
        var settings = new OrderSettings { StoreView = "default", CustomerCreation = (CustomerCreation)5, OrderNumberSource = (OrderNumberSource)9 };

        var problems = settings.Validate();

        Assert.Equal(2, problems.Count);
        Assert.Equal("CustomerCreation 5 must be Guest or CreateAccount.", problems[0]);
        Assert.Equal("OrderNumberSource 9 must be Commerce or Amazon.", problems[1]);
    }

    [Fact]
    public void Settings_MaxImportAttemptsOfOne_Valid()
    {
        Assert.Empty(new OrderSettings { StoreView = "default", MaxImportAttempts = 1 }.Validate());
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1440, true)]
    [InlineData(1441, false)]
    [InlineData(-1, false)]
    public void Settings_ShipDateClockSkewFromZeroToOneDay(int minutes, bool valid)
    {
        var settings = new OrderSettings { StoreView = "default", ShipDateClockSkew = TimeSpan.FromMinutes(minutes) };

        Assert.Equal(valid, settings.Validate().Count == 0);
    }

    [Fact]
    public void Settings_EnsureValid_ThrowsListingEveryProblem()
    {
        new OrderSettings { StoreView = "default" }.EnsureValid();

        var ex = Assert.Throws<ArgumentException>(() => new OrderSettings { MaxImportAttempts = 0 }.EnsureValid());
        Assert.Equal("settings", ex.ParamName);
        Assert.StartsWith("Invalid Amazon order settings: StoreView is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains(" MaxImportAttempts 0 must be at least 1.", ex.Message, StringComparison.Ordinal);
    }

    private static Validated<AmazonOrderSnapshot> Snapshot(
        string id = SpApi.MfnOrderId,
        AmazonOrderStatus status = AmazonOrderStatus.Unshipped,
        FulfillmentChannel channel = FulfillmentChannel.Merchant,
        DateTimeOffset? lastUpdate = null,
        AmazonOrderItem[]? items = null) =>
        AmazonOrderSnapshot.TryCreate(id, status, channel, Placed, lastUpdate ?? Placed.AddMinutes(1), MarketplaceId.Parse(SpApi.MarketplaceUs), items: items);

    private static Validated<ShipmentPackage> PackageWith(
        string orderId = SpApi.MfnOrderId,
        string reference = "1",
        string carrierCode = "UPS",
        string? carrierName = "UPS",
        string? shippingMethod = "UPS Ground",
        string trackingNumber = "1Z9999999999999999",
        DateTimeOffset? shipDate = null,
        PackageItem[]? items = null) =>
        ShipmentPackage.TryCreate(orderId, reference, carrierCode, carrierName, shippingMethod, trackingNumber, shipDate ?? Placed, items ?? [new PackageItem(OrderItemId.Parse(SpApi.ItemId), 1)]);
}
