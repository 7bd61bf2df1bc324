using System.Collections.Immutable;
using System.Text.Json;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Tests.Support;

/// <summary>What a generated step does; its numbers are read against the order at the time it runs.</summary>
public enum StepKind
{
    /// <summary>An Amazon observation: A = status, B = minutes after purchase (duplicates and stale ones on purpose), C = 0 flips the channel.</summary>
    Observe,

    /// <summary>A package from Commerce: A = reference id, B = variant (valid, invalid …), C = quantity.</summary>
    Ship,

    /// <summary>A merchant cancellation: A = 0 gives a blank reason.</summary>
    MerchantCancel,

    /// <summary>A merchant retry.</summary>
    Retry,

    /// <summary>A sync cycle ended.</summary>
    Sync,

    /// <summary>The outcome of a pending effect: A = which one, B = success, refusal or failure.</summary>
    Outcome,

    /// <summary>An outcome for an effect that is not pending (a late duplicate): A = which kind.</summary>
    LateOutcome,
}

/// <summary>One generated step.</summary>
/// <param name="Kind">What it does.</param>
/// <param name="A">First parameter.</param>
/// <param name="B">Second parameter.</param>
/// <param name="C">Third parameter.</param>
public sealed record Step(StepKind Kind, int A, int B, int C);

/// <summary>A generated run: one order of one channel, fixed settings, and a sequence of steps.</summary>
/// <param name="Channel">The order's channel.</param>
/// <param name="Settings">The settings.</param>
/// <param name="Steps">The steps.</param>
public sealed record Scenario(FulfillmentChannel Channel, OrderSettings Settings, ImmutableArray<Step> Steps)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Gets the clock of every decision.</summary>
    public static DateTimeOffset Now { get; } = OrderBuilder.PurchaseDate.AddHours(2);

    /// <summary>Gets the order id.</summary>
    public AmazonOrderId Id => AmazonOrderId.Parse(Channel == FulfillmentChannel.Amazon ? SpApi.FbaOrderId : SpApi.MfnOrderId);

    /// <summary>Describes a decided step for a failure message.</summary>
    /// <param name="step">The step.</param>
    /// <returns>A one-line description.</returns>
    public static string Describe(Applied step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var input = step.Input is AmazonOrderObserved o ? $"Observed {o.Snapshot.Status} {o.Snapshot.Channel} at {o.Snapshot.LastUpdateDate:HH:mm}" : step.Input.ToString();
        return $"{step.Before?.State.ToString() ?? "none"}/{step.Before?.AmazonStatus} + {input} -> {step.Decision.Kind} {step.Decision.Order?.State}/{step.Decision.Order?.AmazonStatus} {step.Decision.Note}{step.Decision.Refusal}";
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Channel} (ImportOrders={Settings.ImportOrders}, ImportFbaOrders={Settings.ImportFbaOrders}, ReadOnly={Settings.ReadOnly}, MaxImportAttempts={Settings.MaxImportAttempts}, {Settings.CustomerCreation}) "
        + string.Join("; ", Steps.Select(s => $"{s.Kind}({s.A},{s.B},{s.C})"));

    /// <summary>Serializes a value to compare by content (immutable arrays compare by reference otherwise).</summary>
    /// <param name="value">The value.</param>
    /// <returns>Its JSON.</returns>
    public static string Canonical(object? value) => JsonSerializer.Serialize(value, Json);

    /// <summary>Runs every step through <see cref="OrderWorkflow.Decide"/>.</summary>
    /// <returns>Each step's order before, input and decision.</returns>
    public IReadOnlyList<Applied> Run()
    {
        var results = new List<Applied>();
        FulfillmentOrder? order = null;
        foreach (var step in Steps)
        {
            var input = InputFor(step, order);
            var decision = OrderWorkflow.Decide(order, input, Settings, Now);
            results.Add(new Applied(order, input, decision));
            order = decision.Order;
        }

        return results;
    }

    /// <summary>Turns a step into an input for the order as it is now.</summary>
    /// <param name="step">The step.</param>
    /// <param name="order">The order now.</param>
    /// <returns>The input.</returns>
    public OrderInput InputFor(Step step, FulfillmentOrder? order)
    {
        var id = Id;
        switch (step.Kind)
        {
            case StepKind.Observe:
                var status = (AmazonOrderStatus)(step.A % 8);
                var channel = order is not null && step.C == 0
                    ? (Channel == FulfillmentChannel.Amazon ? FulfillmentChannel.Merchant : FulfillmentChannel.Amazon)
                    : Channel;
                var pending = status.IsPending();
                return new AmazonOrderObserved(new AmazonOrderSnapshot(
                    id,
                    status,
                    channel,
                    OrderBuilder.PurchaseDate,
                    OrderBuilder.PurchaseDate.AddMinutes(step.B),
                    marketplaceId: MarketplaceId.Parse(SpApi.MarketplaceUs),
                    orderTotal: pending ? null : SpApi.Money("29.99"),
                    buyer: pending || step.C == 1 ? null : new BuyerInfo(SpApi.BuyerEmail, SpApi.BuyerName),
                    shippingAddress: pending ? null : SpApi.Address));
            case StepKind.Ship:
                return new ShipmentRecorded(PackageFor(step, order));
            case StepKind.MerchantCancel:
                return new MerchantCancelRequested(id, step.A == 0 ? " " : "NoInventory");
            case StepKind.Retry:
                return new RetryRequested(id);
            case StepKind.Sync:
                return new SyncCycleEnded(id);
            case StepKind.Outcome when order is { Outbox.IsEmpty: false }:
                return OutcomeOf(order.Outbox[step.A % order.Outbox.Length].Effect, step.B);
            default:
                return (step.A % 5) switch
                {
                    0 => new CommerceOrderCreated(id, "1001", "000000123", CommerceStatuses.Pending),
                    1 => new CommerceOrderRefused(id, "Product is out of stock."),
                    2 => new OrderItemsFetched(id, (AmazonOrderStatus)(step.B % 8), Items((AmazonOrderStatus)(step.B % 8))),
                    3 => new CustomerResolved(id, "42"),
                    _ => new EffectCompleted(id, $"{id}:package:{1 + (step.B % 4)}"),
                };
        }
    }

    private OrderInput OutcomeOf(OrderEffect effect, int variant)
    {
        var id = Id;
        if (variant % 7 == 6)
        {
            return new EffectFailed(id, effect.IdempotencyKey, "Invalid Input");
        }

        return effect switch
        {
            FetchOrderItems f => new OrderItemsFetched(id, f.ForStatus, Items(f.ForStatus)),
            ResolveCustomer => new CustomerResolved(id, "42"),
            CreateCommerceOrder when variant % 7 is 4 or 5 => new CommerceOrderRefused(id, "Product NABetaASINB00551Q3CS is out of stock."),
            CreateCommerceOrder c => new CommerceOrderCreated(id, "1001", c.Request.OrderNumber ?? "000000123", c.Request.InitialStatus ?? CommerceStatuses.Pending),
            _ => new EffectCompleted(id, effect.IdempotencyKey),
        };
    }

    private ImmutableArray<AmazonOrderItem> Items(AmazonOrderStatus status)
    {
        var all = status.IsShipped() || Channel == FulfillmentChannel.Amazon;
        return
        [
            new(OrderItemId.Parse(SpApi.ItemId), Sku.Parse(SpApi.Sku), 2, all ? 2 : status == AmazonOrderStatus.PartiallyShipped ? 1 : 0, SpApi.Money("20.00")),
            new(OrderItemId.Parse(SpApi.SecondItemId), Sku.Parse(SpApi.SecondSku), 1, all ? 1 : 0, SpApi.Money("9.99")),
        ];
    }

    private ShipmentPackage PackageFor(Step step, FulfillmentOrder? order)
    {
        var reference = PackageReferenceId.From(1 + (step.A % 4));
        var quantity = 1 + (step.C % 3);
        var remaining = order?.Items.Where(i => i.Remaining > 0).Select(i => new PackageItem(i.OrderItemId, i.Remaining)).ToList() ?? [];
        var first = new PackageItem(OrderItemId.Parse(step.C % 2 == 0 ? SpApi.ItemId : SpApi.SecondItemId), quantity);
        var (items, shipDate, carrier, carrierName) = (step.B % 6) switch
        {
            0 => (remaining.Count > 0 ? [remaining[0] with { Quantity = 1 }] : new List<PackageItem> { first }, Now.AddMinutes(-1), "UPS", (string?)null),
            1 => (remaining.Count > 0 ? remaining : [first], Now.AddMinutes(-1), "UPS", null),
            2 => ([new PackageItem(OrderItemId.Parse(SpApi.ConfirmShipmentItemId), 1)], Now, "UPS", null),
            3 => ([first with { Quantity = 5 }], Now, "UPS", null),
            4 => ([first], Now.AddHours(1), "UPS", null),
            _ => ([first], Now, ShipmentPackage.OtherCarrier, "Hermes"),
        };
        return ShipmentPackage.Create(Id, reference, carrier, carrierName, null, $"1Z999AA1{reference.Value:D10}", shipDate, items);
    }
}

/// <summary>One decided step.</summary>
/// <param name="Before">The order before.</param>
/// <param name="Input">The input.</param>
/// <param name="Decision">The decision.</param>
public sealed record Applied(FulfillmentOrder? Before, OrderInput Input, Decision Decision);
