using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Verification.Histories;
using FsCheck;
using FsCheck.Fluent;

namespace AmazonFulfillment.Verification.Generators;

/// <summary>
/// FsCheck generators of whole histories: 1-3 Amazon orders (MFN and FBA, any status path, shared buyer emails
/// in different letter cases, products in every catalog state) and 5-40 commands over them — duplicated,
/// reordered and stale observations, valid and invalid shipments, merchant cancels, retries, syncs, faults of
/// every mode on every port operation, restarts and concurrent workers — and a shrinker that removes commands.
/// </summary>
public static class HistoryGenerators
{
    /// <summary>Every port operation the in-memory fakes can fail, as (port, operation).</summary>
    public static ImmutableArray<(string Port, string Operation)> FaultableOperations { get; } =
    [
        ("amazon", "GetOrderItems"), ("amazon", "ConfirmShipment"), ("amazon", "CancelOrder"),
        ("commerce", "CreateOrder"), ("commerce", "CompleteOrder"), ("commerce", "CancelOrder"),
        ("customers", "FindCustomer"), ("customers", "CreateCustomer"),
        ("store", "Load"), ("store", "Save"),
    ];

    private static readonly string?[] Emails = ["ana.buyer@example.com", "ANA.Buyer@Example.com", "bo@example.org", null];

    /// <summary>Gets the status paths of merchant-fulfilled orders: pending, unshipped, partially shipped, then shipped, cancelled, unfulfillable or still open; statuses may repeat.</summary>
    public static Gen<ImmutableArray<AmazonOrderStatus>> MerchantTimelines { get; } =
        from pending in Gen.Frequency((3, Gen.Constant(0)), (4, Gen.Constant(1)), (1, Gen.Constant(2)))
        from preorder in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from unshipped in Gen.Frequency((1, Gen.Constant(0)), (5, Gen.Constant(1)), (2, Gen.Constant(2)))
        from partial in Gen.Frequency((4, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)))
        from end in Gen.Frequency(
            (5, Gen.Constant<AmazonOrderStatus?>(AmazonOrderStatus.Shipped)),
            (1, Gen.Constant<AmazonOrderStatus?>(AmazonOrderStatus.InvoiceUnconfirmed)),
            (3, Gen.Constant<AmazonOrderStatus?>(AmazonOrderStatus.Canceled)),
            (1, Gen.Constant<AmazonOrderStatus?>(AmazonOrderStatus.Unfulfillable)),
            (3, Gen.Constant<AmazonOrderStatus?>(null)))
        let statuses = Enumerable.Repeat(preorder ? AmazonOrderStatus.PendingAvailability : AmazonOrderStatus.Pending, pending)
            .Concat(Enumerable.Repeat(AmazonOrderStatus.Unshipped, unshipped))
            .Concat(end == AmazonOrderStatus.Canceled ? [] : Enumerable.Repeat(AmazonOrderStatus.PartiallyShipped, partial))
            .Concat(end is { } e ? [e] : [])
            .ToImmutableArray()
        select statuses.IsEmpty ? [AmazonOrderStatus.Unshipped] : statuses;

    /// <summary>Gets the status paths of FBA orders: anything before Shipped, then Shipped (or InvoiceUnconfirmed) or Canceled.</summary>
    public static Gen<ImmutableArray<AmazonOrderStatus>> AmazonFulfilledTimelines { get; } =
        from pending in Gen.Choose(0, 1)
        from unshipped in Gen.Choose(0, 1)
        from end in Gen.Frequency(
            (4, Gen.Constant(ImmutableArray.Create(AmazonOrderStatus.Shipped))),
            (1, Gen.Constant(ImmutableArray.Create(AmazonOrderStatus.InvoiceUnconfirmed, AmazonOrderStatus.Shipped))),
            (1, Gen.Constant(ImmutableArray.Create(AmazonOrderStatus.Shipped, AmazonOrderStatus.Shipped))),
            (1, Gen.Constant(ImmutableArray.Create(AmazonOrderStatus.Canceled))))
        select Enumerable.Repeat(AmazonOrderStatus.Pending, pending)
            .Concat(Enumerable.Repeat(AmazonOrderStatus.Unshipped, unshipped))
            .Concat(end)
            .ToImmutableArray();

    /// <summary>Gets how a product stands in Commerce: mostly sellable, sometimes blocking.</summary>
    public static Gen<ProductAvailability> Availabilities { get; } = Gen.Frequency(
        (10, Gen.Constant(ProductAvailability.InStock)),
        (2, Gen.Constant(ProductAvailability.NotManaged)),
        (1, Gen.Constant(ProductAvailability.OutOfStock)),
        (1, Gen.Constant(ProductAvailability.Disabled)),
        (1, Gen.Constant(ProductAvailability.Unknown)));

    /// <summary>Gets planned orders of either channel.</summary>
    public static Gen<OrderPlan> OrderPlans { get; } =
        from channel in AmazonGenerators.Channels
        from timeline in channel == FulfillmentChannel.Amazon ? AmazonFulfilledTimelines : MerchantTimelines
        from id in AmazonGenerators.OrderIds
        from items in AmazonGenerators.Items
        from products in Gen.ArrayOf(Availabilities, items.Length)
        from email in Gen.Elements(Emails)
        from placed in AmazonGenerators.PurchaseDates
        select new OrderPlan(
            id,
            channel,
            timeline,
            items.Select((i, n) => new PlannedLine(i.OrderItemId, i.Sku, i.QuantityOrdered, i.ItemPrice, products[n])).ToImmutableArray(),
            channel == FulfillmentChannel.Merchant ? email : null,
            placed);

    /// <summary>Gets faults of every mode on every port operation, 1-3 calls each.</summary>
    public static Gen<HistoryStep> Faults { get; } =
        from op in Gen.Elements(FaultableOperations.ToArray())
        from mode in Gen.Frequency(
            (3, Gen.Constant(FaultMode.Transient)),
            (4, Gen.Constant(FaultMode.LostResponse)),
            (2, Gen.Constant(FaultMode.Throttled)),
            (1, Gen.Constant(FaultMode.Permanent)))
        from count in Gen.Frequency((4, Gen.Constant(1)), (2, Gen.Constant(2)), (1, Gen.Constant(3)))
        select (HistoryStep)new FaultStep(op.Port, op.Operation, mode, count);

    /// <summary>Gets histories of 5-40 commands over 1-3 orders.</summary>
    public static Gen<History> Histories { get; } =
        from orderCount in Gen.Frequency((2, Gen.Constant(1)), (2, Gen.Constant(2)), (1, Gen.Constant(3)))
        from orders in Gen.ArrayOf(OrderPlans, orderCount)
        where orders.Select(o => o.Id).Distinct().Count() == orderCount
        from customers in Gen.Elements(CustomerCreation.Guest, CustomerCreation.CreateAccount)
        from importFba in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        from numbers in Gen.Elements(OrderNumberSource.Commerce, OrderNumberSource.Amazon)
        from attempts in Gen.Choose(1, 4)
        from length in Gen.Choose(5, 40)
        from steps in Gen.ArrayOf(Steps(orders.ToImmutableArray()), length)
        select new History(orders.ToImmutableArray(), customers, importFba, numbers, attempts, steps.ToImmutableArray());

    /// <summary>Gets the commands over given orders.</summary>
    /// <param name="orders">The orders the commands refer to.</param>
    /// <returns>The generator.</returns>
    public static Gen<HistoryStep> Steps(ImmutableArray<OrderPlan> orders)
    {
        var single = SingleSteps(orders);
        var concurrent =
            from n in Gen.Choose(2, 4)
            from steps in Gen.ArrayOf(WorkerSteps(orders), n)
            select (HistoryStep)new ConcurrentStep(steps.ToImmutableArray());
        return Gen.Frequency(
            (20, single),
            (4, Faults),
            (1, Gen.Constant<HistoryStep>(new RestartStep())),
            (3, concurrent));
    }

    private static Gen<HistoryStep> SingleSteps(ImmutableArray<OrderPlan> orders) => Gen.Frequency(
        (10, WorkerSteps(orders)),
        (1, Gen.Choose(0, orders.Length - 1).Select(o => (HistoryStep)new RestockStep(o))));

    /// <summary>Gets the commands a worker can run: observations, shipments, cancels, retries, syncs.</summary>
    /// <param name="orders">The orders.</param>
    /// <returns>The generator.</returns>
    public static Gen<HistoryStep> WorkerSteps(ImmutableArray<OrderPlan> orders)
    {
        var order = Gen.Choose(0, orders.Length - 1);
        var observe =
            from o in order
            from tick in Gen.Choose(0, orders[o].Timeline.Length - 1)
            from withItems in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
            select (HistoryStep)new ObserveStep(o, tick, withItems);
        var ship =
            from o in order
            from reference in Gen.Frequency((6, Gen.Choose(1, 3)), (1, Gen.Elements(0, -1)))
            from line in Gen.Frequency((8, Gen.Choose(0, orders[o].Lines.Length - 1)), (1, Gen.Constant(orders[o].Lines.Length)))
            from quantity in Gen.Frequency((6, Gen.Constant(1)), (2, Gen.Choose(2, 4)), (1, Gen.Constant(0)))
            from variant in Gen.Frequency(
                (10, Gen.Constant(ShipmentVariant.Valid)),
                (2, Gen.Constant(ShipmentVariant.OtherTracking)),
                (1, Gen.Constant(ShipmentVariant.FutureShipDate)),
                (1, Gen.Constant(ShipmentVariant.BlankTracking)),
                (1, Gen.Constant(ShipmentVariant.OtherCarrierWithoutName)))
            select (HistoryStep)new ShipStep(o, reference, line, quantity, variant);
        return Gen.Frequency(
            (10, observe),
            (5, ship),
            (1, order.Select(o => (HistoryStep)new MerchantCancelStep(o))),
            (1, order.Select(o => (HistoryStep)new RetryStep(o))),
            (2, Gen.Constant<HistoryStep>(new SyncStep())));
    }

    /// <summary>Shrinks a history: drops halves, then single commands, then runs concurrent commands one after another.</summary>
    /// <param name="history">The failing history.</param>
    /// <returns>Smaller candidates, most aggressive first.</returns>
    public static IEnumerable<History> Shrink(History history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var steps = history.Steps;
        if (steps.Length > 1)
        {
            var half = steps.Length / 2;
            yield return history with { Steps = steps.RemoveRange(0, half) };
            yield return history with { Steps = steps.RemoveRange(half, steps.Length - half) };
        }

        for (var i = steps.Length - 1; i >= 0; i--)
        {
            yield return history with { Steps = steps.RemoveAt(i) };
        }

        for (var i = 0; i < steps.Length; i++)
        {
            if (steps[i] is ConcurrentStep c)
            {
                yield return history with { Steps = steps.RemoveAt(i).InsertRange(i, c.Steps) };
                for (var j = 0; j < c.Steps.Length && c.Steps.Length > 1; j++)
                {
                    yield return history with { Steps = steps.SetItem(i, new ConcurrentStep(c.Steps.RemoveAt(j))) };
                }
            }
        }
    }
}

/// <summary>
/// The kit's arbitraries, for <c>[Property(Arbitrary = new[] { typeof(VerificationArbitraries) })]</c> or
/// <see cref="FulfillmentPropertyAttribute"/>: parameters of these types are generated realistically.
/// </summary>
public static class VerificationArbitraries
{
    /// <summary>Gets Amazon order ids (3-7-7 digits).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<AmazonOrderId> AmazonOrderId() => AmazonGenerators.OrderIds.ToArbitrary();

    /// <summary>Gets seller SKUs.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Sku> Sku() => AmazonGenerators.Skus.ToArbitrary();

    /// <summary>Gets order item ids.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<OrderItemId> OrderItemId() => AmazonGenerators.OrderItemIds.ToArbitrary();

    /// <summary>Gets money values from SP-API decimal strings.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Money> Money() => AmazonGenerators.Money.ToArbitrary();

    /// <summary>Gets order snapshots of any status and channel.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<AmazonOrderSnapshot> AmazonOrderSnapshot() => AmazonGenerators.Snapshots.ToArbitrary();

    /// <summary>Gets planned orders.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<OrderPlan> OrderPlan() => HistoryGenerators.OrderPlans.ToArbitrary();

    /// <summary>Gets histories, shrinking by removing commands.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<History> History() => Arb.From(HistoryGenerators.Histories, HistoryGenerators.Shrink);
}
