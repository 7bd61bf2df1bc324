using AmazonFulfillment.Domain;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;
using static AmazonFulfillment.Domain.AmazonOrderStatus;

namespace AmazonFulfillment.Tests.Workflows;

/// <summary>
/// Every refusal carries a stable code from the catalog beside its message, and the order's error carries one beside its text:
/// one example of each code a decision gives, named by the code it must give.
/// </summary>
public class RefusalCodeTests
{
    [Theory]
    [InlineData(ProblemCodes.ShipmentFbaOrder, "amazonOrderId")]
    [InlineData(ProblemCodes.ShipmentImportOff, null)]
    [InlineData(ProblemCodes.ShipmentCancellationPending, "amazonOrderId")]
    [InlineData(ProblemCodes.ShipmentCorrectionChangesItems, "items")]
    [InlineData(ProblemCodes.CarrierCodeUnknown, "carrierCode")]
    [InlineData(ProblemCodes.CarrierTrackingNumberInvalid, "trackingNumber")]
    [InlineData(ProblemCodes.CancelFbaOrder, "amazonOrderId")]
    [InlineData(ProblemCodes.CancelImportOff, null)]
    [InlineData(ProblemCodes.CancelBuyerCanceledWithoutRequest, "reason")]
    [InlineData(ProblemCodes.RetryImportOff, null)]
    [InlineData(ProblemCodes.RetryConfirmationImportOff, null)]
    [InlineData(ProblemCodes.ObservationChannelChanged, "FulfillmentChannel")]
    [InlineData(ProblemCodes.AmazonStoreChanged, "AmazonStore")]
    [InlineData(ProblemCodes.WorkflowGuardUnmet, null)]
    [InlineData(ProblemCodes.PortItemsLackShippedUnits, "Items.OrderItemId")]
    public void Decide_RefusedInput_CarriesTheCodeOfWhatWasRefused(string code, string? field)
    {
        var b = Refused(code);

        Assert.Equal(DecisionKind.Refused, b.Last.Kind);
        var refusal = b.Last.Refusal!;
        Assert.Equal(code, refusal.Code);
        Assert.Equal(field, refusal.Field);
        Assert.NotNull(ProblemCodes.Describe(refusal.Code));
        Assert.DoesNotContain(SpApi.BuyerEmail, refusal.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(SpApi.BuyerName, refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CarrierCheck_OtherWithoutName_ProblemCarriesItsCode()
    {
        // A package refuses Other without a name itself (ShipmentPackage.TryCreate); the catalog's check says why on its own.
        var check = CarrierCatalog.Default.Check(null, "Other", null, "1Z999AA10123456784");

        Assert.Equal(ProblemCodes.CarrierNameRequired, check.Problem!.Code);
        Assert.Equal("carrierName", check.Problem.Field);
    }

    [Fact]
    public void Decide_UnknownOrderItem_RefusalListsTheOrdersItems()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(1, ("99999999999999", 1));

        Assert.Equal(ProblemCodes.ShipmentItemNotInOrder, b.Last.Refusal!.Code);
        Assert.Contains(SpApi.ItemId, b.Last.Refusal.Reason, StringComparison.Ordinal);
        Assert.Contains("nothing was recorded", b.Last.Refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_NoTransitionFromTheState_NotAllowedNamingTheState()
    {
        // A state the inputs cannot reach with this outcome pending: the graph has no ItemsFetched from Pending.
        var b = OrderBuilder.Mfn().Observe(Unshipped);
        b.With(b.Order! with { State = OrderState.Pending });

        b.Apply(b.OutcomeOf(b.Pending<FetchOrderItems>().Single()));

        Assert.Equal(ProblemCodes.WorkflowNotAllowed, b.Last.Refusal!.Code);
        Assert.Equal(OrderState.Pending, b.Last.Refusal.State);
        Assert.Contains("not allowed while the order is Pending", b.Last.Refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_CommerceRefusesTheOrder_ErrorCarriesItsCodeUntilTheImportSucceeds()
    {
        var b = OrderBuilder.Mfn().In(OrderState.Blocked);
        Assert.Equal(ProblemCodes.ImportRefusedByCommerce, b.Order!.ErrorCode);
        Assert.NotNull(b.Order.Error);

        b.Apply(new RetryRequested(b.Id)).RunEffects();

        Assert.Equal(OrderState.Unshipped, b.Order!.State);
        Assert.Null(b.Order.Error);
        Assert.Null(b.Order.ErrorCode);
    }

    [Theory]
    [InlineData(nameof(ConfirmShipment), ProblemCodes.ConfirmationRefusedByAmazon)]
    [InlineData(nameof(CancelOnAmazon), ProblemCodes.CancelRefusedByAmazon)]
    [InlineData(nameof(FetchOrderItems), ProblemCodes.ImportStepRejected)]
    [InlineData(nameof(CompleteCommerceOrder), ProblemCodes.EffectRejected)]
    public void Decide_EffectRejected_FailureAndErrorCarryTheCodeOfTheEffectsKind(string effect, string code)
    {
        var b = effect switch
        {
            nameof(ConfirmShipment) => OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(1, (SpApi.ItemId, 1)),
            nameof(CancelOnAmazon) => OrderBuilder.Mfn().In(OrderState.Unshipped).Apply(new MerchantCancelRequested(OrderBuilder.Mfn().Id, "NoInventory")),
            nameof(FetchOrderItems) => OrderBuilder.Mfn().Observe(Unshipped),
            _ => OrderBuilder.Mfn().In(OrderState.Unshipped).Observe(Shipped),
        };
        var pending = b.Order!.Outbox.Select(e => e.Effect).First(e => e.GetType().Name == effect);

        b.Apply(new EffectFailed(b.Id, pending.IdempotencyKey, "Refused by the other side."));

        Assert.Equal(code, b.Order!.Failures[^1].Code);
        if (effect != nameof(CompleteCommerceOrder))
        {
            Assert.Equal(code, b.Order.ErrorCode);
            Assert.NotNull(b.Order.Error);
        }
    }

    [Fact]
    public void Decide_EffectFailedWithItsOwnCode_KeepsThatCode()
    {
        var b = OrderBuilder.Mfn().Observe(Unshipped);
        var fetch = b.Pending<FetchOrderItems>().Single();

        b.Apply(new EffectFailed(b.Id, fetch.IdempotencyKey, "The amazon port's call answered status 99.") { Code = ProblemCodes.PortContractBroken });

        Assert.Equal(OrderState.Blocked, b.Order!.State);
        Assert.Equal(ProblemCodes.PortContractBroken, b.Order.ErrorCode);
        Assert.Equal(ProblemCodes.PortContractBroken, b.Order.Failures[^1].Code);
    }

    [Fact]
    public void Decide_OrderErrorsOfObservations_CarryTheirCodes()
    {
        Assert.Equal(ProblemCodes.OrderUnfulfillable, OrderBuilder.Mfn().In(OrderState.Unfulfillable).Order!.ErrorCode);

        var shipped = OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(1, (SpApi.ItemId, 1)).Observe(Canceled);
        Assert.Equal(ProblemCodes.OrderCanceledAfterShipment, shipped.Order!.ErrorCode);

        var overtaken = OrderBuilder.Mfn(s => s.ReadOnly = true).In(OrderState.Unshipped);
        overtaken.Apply(new MerchantCancelRequested(overtaken.Id, "NoInventory")).Observe(PartiallyShipped);
        Assert.Equal(ProblemCodes.CancelOvertakenByShipment, overtaken.Order!.ErrorCode);

        var held = OrderBuilder.Mfn().Observe(Unshipped);
        held.Apply(held.OutcomeOf(held.Pending<FetchOrderItems>().Single())); // the Commerce order's creation is queued
        held.Settings.ImportOrders = false;
        held.Apply(new SyncCycleEnded(held.Id));
        Assert.Equal(ProblemCodes.ImportHeld, held.Order!.ErrorCode);
        held.Settings.ImportOrders = true;
        held.Apply(new SyncCycleEnded(held.Id));
        Assert.Null(held.Order!.ErrorCode);
    }

    /// <summary>Brings an order where the input named by <paramref name="code"/> is refused, and applies it.</summary>
    private static OrderBuilder Refused(string code)
    {
        switch (code)
        {
            case ProblemCodes.ShipmentFbaOrder:
                return OrderBuilder.Fba().In(OrderState.Shipped).Ship(1, (SpApi.ItemId, 1));
            case ProblemCodes.ShipmentImportOff:
            {
                var b = OrderBuilder.Mfn().In(OrderState.Unshipped);
                b.Settings.ImportOrders = false;
                return b.Ship(1, (SpApi.ItemId, 1));
            }

            case ProblemCodes.ShipmentCancellationPending:
            {
                var b = OrderBuilder.Mfn(s => s.ReadOnly = true).In(OrderState.Unshipped);
                return b.Apply(new MerchantCancelRequested(b.Id, "NoInventory")).Ship(1, (SpApi.ItemId, 1));
            }

            case ProblemCodes.ShipmentCorrectionChangesItems:
            {
                var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(1, (SpApi.ItemId, 1));
                b.Apply(new EffectFailed(b.Id, b.Pending<ConfirmShipment>().Single().IdempotencyKey, "Invalid tracking number."));
                return b.Ship(1, (SpApi.ItemId, 2));
            }

            case ProblemCodes.CarrierCodeUnknown:
                return ShippedWith("NotACarrier", null, "1Z999AA10123456784");
            case ProblemCodes.CarrierTrackingNumberInvalid:
                return ShippedWith("UPS", null, "12");
            case ProblemCodes.CancelFbaOrder:
            {
                var b = OrderBuilder.Fba().In(OrderState.Shipped);
                return b.Apply(new MerchantCancelRequested(b.Id, "NoInventory"));
            }

            case ProblemCodes.CancelImportOff:
            {
                var b = OrderBuilder.Mfn().In(OrderState.Unshipped);
                b.Settings.ImportOrders = false;
                return b.Apply(new MerchantCancelRequested(b.Id, "NoInventory"));
            }

            case ProblemCodes.CancelBuyerCanceledWithoutRequest:
            {
                var b = OrderBuilder.Mfn().In(OrderState.Unshipped);
                return b.Apply(new MerchantCancelRequested(b.Id, CancelReasons.BuyerCanceled));
            }

            case ProblemCodes.RetryImportOff:
            {
                var b = OrderBuilder.Mfn().In(OrderState.Blocked);
                b.Settings.ImportOrders = false;
                return b.Apply(new RetryRequested(b.Id));
            }

            case ProblemCodes.RetryConfirmationImportOff:
            {
                var b = OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(1, (SpApi.ItemId, 1));
                b.Apply(new EffectFailed(b.Id, b.Pending<ConfirmShipment>().Single().IdempotencyKey, "Invalid tracking number."));
                b.Settings.ImportOrders = false;
                return b.Apply(new RetryRequested(b.Id));
            }

            case ProblemCodes.ObservationChannelChanged:
            {
                var b = OrderBuilder.Mfn().In(OrderState.Unshipped);
                return b.Apply(new AmazonOrderObserved(new AmazonOrderSnapshot(b.Id, Shipped, FulfillmentChannel.Amazon, OrderBuilder.PurchaseDate, OrderBuilder.PurchaseDate.AddDays(1))));
            }

            case ProblemCodes.AmazonStoreChanged:
            {
                var b = OrderBuilder.Mfn().In(OrderState.Unshipped);
                return b.Apply(new AmazonOrderObserved(b.Snapshot(Unshipped) with { AmazonStore = "another-store" }));
            }

            case ProblemCodes.WorkflowGuardUnmet:
            {
                var b = OrderBuilder.Mfn(s => s.ImportOrders = false).Observe(Unshipped);
                b.Settings.ImportOrders = true;
                return b.Apply(new MerchantCancelRequested(b.Id, "NoInventory"));
            }

            case ProblemCodes.PortItemsLackShippedUnits:
            {
                // Lines Commerce shipped, and a fetch of the items pending: an answer without them would lose the shipped units.
                var shipped = OrderBuilder.Mfn().In(OrderState.Unshipped).Ship(1, (SpApi.ItemId, 1)).Order!.Items;
                var b = OrderBuilder.Mfn().Observe(Unshipped);
                b.With(b.Order! with { Items = shipped });
                var fetch = b.Pending<FetchOrderItems>().Single();
                return b.Apply(new OrderItemsFetched(b.Id, fetch.ForStatus, []));
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(code), code, "No example of this refusal.");
        }
    }

    private static OrderBuilder ShippedWith(string carrierCode, string? carrierName, string trackingNumber)
    {
        var b = OrderBuilder.Mfn().In(OrderState.Unshipped);
        var package = ShipmentPackage.Create(b.Id, PackageReferenceId.From(1), carrierCode, carrierName, null, trackingNumber, b.Now.AddMinutes(-5), [new PackageItem(OrderItemId.Parse(SpApi.ItemId), 1)]);
        return b.Apply(new ShipmentRecorded(package));
    }
}
