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
/// reordered and stale observations (one by one or a page at a time), valid and invalid shipments, merchant cancels,
/// retries, syncs, faults of every mode on every port operation (Amazon and Commerce refusing each kind of call,
/// malformed answers, thrown exceptions), settings switched on and off mid-history, Amazon moving on (cancelling,
/// shipping) while work is queued, poisoned store documents, restarts and concurrent workers — and a shrinker that
/// removes commands.
/// </summary>
public static class HistoryGenerators
{
    /// <summary>Every port operation the in-memory fakes can fail, as (port, operation).</summary>
    public static ImmutableArray<(string Port, string Operation)> FaultableOperations { get; } =
    [
        ("amazon", "GetOrderItems"), ("amazon", "ConfirmShipment"), ("amazon", "CancelOrder"),
        ("commerce", "CreateOrder"), ("commerce", "CompleteOrder"), ("commerce", "CancelOrder"), ("commerce", "MarkProcessing"),
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

    /// <summary>Gets faults of every mode on every port operation, 1-3 calls each, sometimes 5 (an outage: the work stays queued after its retries).</summary>
    public static Gen<HistoryStep> Faults { get; } =
        from op in Gen.Elements(FaultableOperations.ToArray())
        from mode in Gen.Frequency(
            (3, Gen.Constant(FaultMode.Transient)),
            (4, Gen.Constant(FaultMode.LostResponse)),
            (2, Gen.Constant(FaultMode.Throttled)),
            (2, Gen.Constant(FaultMode.Permanent)),
            (1, Gen.Constant(FaultMode.Malformed)),
            (1, Gen.Constant(FaultMode.Throw)))
        from count in Gen.Frequency((8, Gen.Constant(1)), (4, Gen.Constant(2)), (2, Gen.Constant(3)), (1, Gen.Constant(5)))
        select (HistoryStep)new FaultStep(op.Port, op.Operation, mode, count);

    /// <summary>Gets the other side saying no: a permanent refusal of one Amazon or Commerce call.</summary>
    public static Gen<HistoryStep> Refusals { get; } =
        from op in Gen.Elements(FaultableOperations.Where(o => o.Port is "amazon" or "commerce" or "customers").ToArray())
        from count in Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Constant(2)))
        select (HistoryStep)new FaultStep(op.Port, op.Operation, FaultMode.Permanent, count);

    /// <summary>Gets untrusted answers: a malformed result or a thrown exception from any port operation but the store's.</summary>
    public static Gen<HistoryStep> UntrustedAnswers { get; } =
        from op in Gen.Elements(FaultableOperations.Where(o => o.Port != "store").ToArray())
        from mode in Gen.Elements(FaultMode.Malformed, FaultMode.Throw)
        from count in Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Constant(2)))
        select (HistoryStep)new FaultStep(op.Port, op.Operation, mode, count);

    /// <summary>Gets the merchant switching ReadOnly, ImportOrders or ImportFbaOrders on or off (ReadOnly and import off more often).</summary>
    public static Gen<HistoryStep> SettingsSwitches { get; } =
        from setting in Gen.Frequency(
            (3, Gen.Constant(SwitchableSetting.ReadOnly)),
            (2, Gen.Constant(SwitchableSetting.ImportOrders)),
            (1, Gen.Constant(SwitchableSetting.ImportFbaOrders)))
        from value in Gen.Frequency((1, Gen.Constant(true)), (1, Gen.Constant(false)))
        select (HistoryStep)new SettingsStep(setting, setting == SwitchableSetting.ReadOnly ? value : !value);

    /// <summary>Gets histories of 5-40 commands over 1-3 orders, with up to two episodes of settings switched or the other side saying no among them.</summary>
    public static Gen<History> Histories { get; } = With(
        HistoriesOf(5, 40),
        orders => Gen.OneOf(SettingsEpisodes(orders), RefusalEpisodes(orders)),
        0,
        2);

    /// <summary>Gets histories of <paramref name="min"/> to <paramref name="max"/> commands over 1-3 orders.</summary>
    /// <param name="min">The fewest commands.</param>
    /// <param name="max">The most commands.</param>
    /// <returns>The generator.</returns>
    public static Gen<History> HistoriesOf(int min, int max) => HistoriesOf(min, max, OrderPlans);

    /// <summary>Gets histories of <paramref name="min"/> to <paramref name="max"/> commands over 1-3 orders drawn from <paramref name="plans"/>.</summary>
    /// <param name="min">The fewest commands.</param>
    /// <param name="max">The most commands.</param>
    /// <param name="plans">The orders.</param>
    /// <returns>The generator.</returns>
    public static Gen<History> HistoriesOf(int min, int max, Gen<OrderPlan> plans) =>
        from orderCount in Gen.Frequency((2, Gen.Constant(1)), (2, Gen.Constant(2)), (1, Gen.Constant(3)))
        from orders in Gen.ArrayOf(plans, orderCount)
        where orders.Select(o => o.Id).Distinct().Count() == orderCount
        from customers in Gen.Elements(CustomerCreation.Guest, CustomerCreation.CreateAccount)
        from importFba in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        from numbers in Gen.Elements(OrderNumberSource.Commerce, OrderNumberSource.Amazon)
        from attempts in Gen.Choose(1, 4)
        from length in Gen.Choose(min, max)
        from steps in Gen.ArrayOf(Steps(orders.ToImmutableArray()), length)
        select new History(orders.ToImmutableArray(), customers, importFba, numbers, attempts, steps.ToImmutableArray());

    /// <summary>
    /// Gets histories in which settings are switched while work is queued (guarantee 15): 2-4 episodes in which ReadOnly, ImportOrders or
    /// ImportFbaOrders goes off (or on) while orders are observed, shipped and cancelled, then usually back.
    /// </summary>
    public static Gen<History> SettingsHistories { get; } = With(HistoriesOf(2, 20), SettingsEpisodes, 2, 4);

    /// <summary>
    /// Gets histories in which the other side says no (guarantee 16): 2-4 episodes of Amazon refusing a confirmation or a cancellation,
    /// Amazon cancelling or shipping while a confirmation or a merchant cancellation is queued, Commerce refusing to cancel.
    /// </summary>
    public static Gen<History> RefusalHistories { get; } = With(
        HistoriesOf(2, 20, Gen.Frequency((1, OrderPlans), (1, OrderPlans.Where(p => p.Channel == FulfillmentChannel.Merchant && p.Timeline[^1] == AmazonOrderStatus.Canceled)))),
        RefusalEpisodes,
        2,
        4);

    /// <summary>Gets histories with a poisoned store document and the sweeps, pages and resumes it must not stop (guarantee 17).</summary>
    public static Gen<History> PoisonHistories { get; } = With(
        HistoriesOf(2, 20),
        orders => Gen.Frequency(
            (2, Poisons(orders)),
            (2, Gen.Constant<HistoryStep>(new SyncStep())),
            (2, Pages(orders)),
            (1, Gen.Constant<HistoryStep>(new RestartStep()))).Select(step => ImmutableArray.Create(step)),
        3,
        6);

    /// <summary>Gets histories in which ports answer malformed results or throw (guarantee 18): 2-5 such faults, each before some work.</summary>
    public static Gen<History> UntrustedPortHistories { get; } = With(
        HistoriesOf(2, 20),
        orders =>
            from fault in UntrustedAnswers
            from work in Gen.ArrayOf(WorkerSteps(orders), 2)
            select ImmutableArray.Create(fault).AddRange(work),
        2,
        5);

    /// <summary>Gets histories with <paramref name="min"/> to <paramref name="max"/> episodes (short runs of commands) inserted anywhere among their commands, so that what the episodes exercise occurs.</summary>
    /// <param name="histories">The histories to insert into.</param>
    /// <param name="episode">The episodes, over the history's orders.</param>
    /// <param name="min">At least this many.</param>
    /// <param name="max">At most this many.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="histories"/> or <paramref name="episode"/> is null.</exception>
    public static Gen<History> With(Gen<History> histories, Func<ImmutableArray<OrderPlan>, Gen<ImmutableArray<HistoryStep>>> episode, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentNullException.ThrowIfNull(episode);
        return from history in histories
               from count in Gen.Choose(min, max)
               from extra in Gen.ArrayOf(episode(history.Orders), count)
               from positions in Gen.ArrayOf(Gen.Choose(0, history.Steps.Length), count)
               select history with { Steps = Insert(history.Steps, extra, positions) };

        static ImmutableArray<HistoryStep> Insert(ImmutableArray<HistoryStep> steps, ImmutableArray<HistoryStep>[] extra, int[] positions)
        {
            var list = steps.ToList();
            foreach (var (run, at) in extra.Zip(positions).OrderByDescending(x => x.Second))
            {
                list.InsertRange(Math.Min(at, list.Count), run);
            }

            return [.. list];
        }
    }

    /// <summary>
    /// Gets episodes of a setting switched while work is queued: an order reaches Amazon's verification, often while the call the setting
    /// governs is out (it fails five times in a row, so the confirmation, cancellation, customer or Commerce order it carries stays queued),
    /// more work, the switch, a sync, more work, and mostly the switch back and a sync.
    /// </summary>
    /// <param name="orders">The orders.</param>
    /// <returns>The generator.</returns>
    public static Gen<ImmutableArray<HistoryStep>> SettingsEpisodes(ImmutableArray<OrderPlan> orders) =>
        from o in Gen.Choose(0, orders.Length - 1)
        from setting in Gen.Frequency(
            (3, Gen.Constant(SwitchableSetting.ReadOnly)),
            (2, Gen.Constant(SwitchableSetting.ImportOrders)),
            (1, Gen.Constant(SwitchableSetting.ImportFbaOrders)))
        from ship in Ships(orders, o)
        from queued in Gen.Frequency(
            (2, Gen.Constant<HistoryStep[]>([Verified(orders, o)])),
            (3, setting == SwitchableSetting.ReadOnly
                ? Gen.Elements<HistoryStep[]>(
                    [Verified(orders, o), Outage("amazon", "ConfirmShipment"), ship],
                    [Verified(orders, o), Outage("amazon", "CancelOrder"), new MerchantCancelStep(o)])
                : Gen.Elements<HistoryStep[]>(
                    [Outage("commerce", "CreateOrder"), Verified(orders, o)],
                    [Outage("customers", "FindCustomer"), Verified(orders, o)])))
        from b in Gen.Choose(0, 2)
        from before in Gen.ArrayOf(MerchantWork(orders, o), b)
        from d in Gen.Choose(1, 3)
        from during in Gen.ArrayOf(MerchantWork(orders, o), d)
        from back in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        let off = setting != SwitchableSetting.ReadOnly
        select ImmutableArray.Create(queued)
            .AddRange(before)
            .Add(new SettingsStep(setting, !off))
            .Add(new SyncStep())
            .AddRange(during)
            .AddRange(back ? new HistoryStep[] { new SettingsStep(setting, off), new SyncStep() } : []);

    /// <summary>Gets episodes of the other side saying no, on an order that has reached Amazon's verification.</summary>
    /// <param name="orders">The orders.</param>
    /// <returns>The generator.</returns>
    public static Gen<ImmutableArray<HistoryStep>> RefusalEpisodes(ImmutableArray<OrderPlan> orders) =>
        from kind in Gen.Choose(0, 7)
        from o in OneOf(orders, kind is 3 or 5 or 7
            ? p => p.Channel == FulfillmentChannel.Merchant && p.Timeline[^1] == AmazonOrderStatus.Canceled
            : p => p.Channel == FulfillmentChannel.Merchant)
        from ship in Ships(orders, o)
        let plan = orders[o]
        let last = plan.Timeline.Length - 1
        let verified = Verified(orders, o)
        select kind switch
        {
            // Amazon refuses the confirmation (carrier or tracking rejected).
            0 => ImmutableArray.Create<HistoryStep>(verified, new FaultStep("amazon", "ConfirmShipment", FaultMode.Permanent, 1), ship),
            // Amazon refuses the merchant's cancellation; the merchant may then ship.
            1 => [verified, new FaultStep("amazon", "CancelOrder", FaultMode.Permanent, 1), new MerchantCancelStep(o), ship],
            // Amazon moves on (cancels, ships in Seller Central) before it hears of the shipment or the cancellation.
            2 => [verified, new AmazonMovesStep(o, last), ship, new MerchantCancelStep(o)],
            // Amazon cancels while the confirmation is held by ReadOnly.
            3 => [verified, new SettingsStep(SwitchableSetting.ReadOnly, true), ship, new ObserveStep(o, last, false), new SettingsStep(SwitchableSetting.ReadOnly, false), new SyncStep()],
            // The merchant's cancellation is held while Amazon moves on.
            4 => [verified, new SettingsStep(SwitchableSetting.ReadOnly, true), new MerchantCancelStep(o), new AmazonMovesStep(o, last), new ObserveStep(o, last, false), new SettingsStep(SwitchableSetting.ReadOnly, false), new SyncStep()],
            // Amazon cancels while a confirmation is queued (Amazon could not be reached).
            5 => [verified, Outage("amazon", "ConfirmShipment"), ship, new ObserveStep(o, last, false), new SyncStep()],
            // Amazon moves on while the merchant's cancellation is queued.
            6 => [verified, Outage("amazon", "CancelOrder"), new MerchantCancelStep(o), new AmazonMovesStep(o, last), new SyncStep(), ship],
            // Commerce refuses to cancel (a complete order, or a permanent failure) after Amazon cancels.
            _ => [verified, ship, new FaultStep("commerce", "CancelOrder", FaultMode.Permanent, 1), new ObserveStep(o, last, false)],
        };

    /// <summary>Gets an outage: the next five calls of an operation fail, so the work that needs it stays queued after its retries.</summary>
    /// <param name="port">The port.</param>
    /// <param name="operation">The operation.</param>
    /// <returns>The fault.</returns>
    public static HistoryStep Outage(string port, string operation) => new FaultStep(port, operation, FaultMode.Transient, 5);

    /// <summary>Gets the index of an order that fits, or of any order when none does.</summary>
    private static Gen<int> OneOf(ImmutableArray<OrderPlan> orders, Func<OrderPlan, bool> fits)
    {
        var fitting = Enumerable.Range(0, orders.Length).Where(i => fits(orders[i])).ToArray();
        return fitting.Length > 0 ? Gen.Elements(fitting) : Gen.Choose(0, orders.Length - 1);
    }

    /// <summary>Gets an observation of an order at the first tick Amazon verified it (Unshipped or later), or its first tick.</summary>
    private static ObserveStep Verified(ImmutableArray<OrderPlan> orders, int order)
    {
        var timeline = orders[order].Timeline;
        var tick = 0;
        while (tick < timeline.Length - 1 && timeline[tick].IsPending())
        {
            tick++;
        }

        return new ObserveStep(order, tick, WithItems: false);
    }

    /// <summary>Gets what the merchant and Amazon do to one order: observations, valid shipments, cancels, retries, syncs.</summary>
    private static Gen<HistoryStep> MerchantWork(ImmutableArray<OrderPlan> orders, int order) => Gen.Frequency(
        (3, Gen.Choose(0, orders[order].Timeline.Length - 1).Select(t => (HistoryStep)new ObserveStep(order, t, false))),
        (3, Ships(orders, order)),
        (1, Gen.Constant<HistoryStep>(new MerchantCancelStep(order))),
        (1, Gen.Constant<HistoryStep>(new RetryStep(order))),
        (2, Gen.Constant<HistoryStep>(new SyncStep())));

    /// <summary>Gets valid shipments of one unit of a line of an order.</summary>
    private static Gen<HistoryStep> Ships(ImmutableArray<OrderPlan> orders, int order) =>
        from reference in Gen.Choose(1, 3)
        from line in Gen.Choose(0, orders[order].Lines.Length - 1)
        select (HistoryStep)new ShipStep(order, reference, line, 1, ShipmentVariant.Valid);

    /// <summary>Gets Amazon moving an order on without the library being told (it cancels, ships, or verifies it meanwhile).</summary>
    /// <param name="orders">The orders.</param>
    /// <returns>The generator.</returns>
    public static Gen<HistoryStep> AmazonMoves(ImmutableArray<OrderPlan> orders) =>
        from o in Gen.Choose(0, orders.Length - 1)
        from tick in Gen.Choose(0, orders[o].Timeline.Length - 1)
        select (HistoryStep)new AmazonMovesStep(o, tick);

    /// <summary>Gets a store document poisoned for loads or for saves.</summary>
    /// <param name="orders">The orders.</param>
    /// <returns>The generator.</returns>
    public static Gen<HistoryStep> Poisons(ImmutableArray<OrderPlan> orders) =>
        from o in Gen.Choose(0, orders.Length - 1)
        from op in Gen.Elements(PoisonedOperation.Load, PoisonedOperation.Save)
        select (HistoryStep)new PoisonStep(o, op);

    /// <summary>Gets pages of 2-4 observations of any orders.</summary>
    /// <param name="orders">The orders.</param>
    /// <returns>The generator.</returns>
    public static Gen<HistoryStep> Pages(ImmutableArray<OrderPlan> orders) =>
        from n in Gen.Choose(2, 4)
        from observations in Gen.ArrayOf(Observations(orders), n)
        select (HistoryStep)new ObservePageStep([.. observations]);

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
            (80, single),
            (16, Faults),
            (4, Gen.Constant<HistoryStep>(new RestartStep())),
            (12, concurrent),
            (4, SettingsSwitches),
            (4, AmazonMoves(orders)),
            (1, Poisons(orders)));
    }

    private static Gen<HistoryStep> SingleSteps(ImmutableArray<OrderPlan> orders) => Gen.Frequency(
        (10, WorkerSteps(orders)),
        (1, Gen.Choose(0, orders.Length - 1).Select(o => (HistoryStep)new RestockStep(o))));

    // Amazon's verification tick is observed more often than the others, so that orders stay open long enough to be shipped and cancelled.
    private static Gen<ObserveStep> Observations(ImmutableArray<OrderPlan> orders) =>
        from o in Gen.Choose(0, orders.Length - 1)
        from tick in Gen.Frequency((2, Gen.Choose(0, orders[o].Timeline.Length - 1)), (1, Gen.Constant(Verified(orders, o).Tick)))
        from withItems in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new ObserveStep(o, tick, withItems);

    /// <summary>Gets the commands a worker can run: observations (alone or in pages), shipments, cancels, retries, syncs.</summary>
    /// <param name="orders">The orders.</param>
    /// <returns>The generator.</returns>
    public static Gen<HistoryStep> WorkerSteps(ImmutableArray<OrderPlan> orders)
    {
        var order = Gen.Choose(0, orders.Length - 1);
        var observe = Observations(orders).Select(o => (HistoryStep)o);
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
            (1, Pages(orders)),
            (8, ship),
            (1, order.Select(o => (HistoryStep)new MerchantCancelStep(o))),
            (1, order.Select(o => (HistoryStep)new RetryStep(o))),
            (2, Gen.Constant<HistoryStep>(new SyncStep())));
    }

    /// <summary>Shrinks a history: drops halves, then single commands, then runs concurrent commands and pages one after another.</summary>
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
            if (steps[i] is ObservePageStep page)
            {
                yield return history with { Steps = steps.RemoveAt(i).InsertRange(i, page.Observations) };
            }

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
