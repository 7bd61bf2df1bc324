using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Verification.Histories;
using FsCheck;
using FsCheck.Fluent;

namespace AmazonFulfillment.Verification.Generators;

/// <summary>The commands of a history over its orders: observations, shipments, merchant work, Amazon moving on, poisons, pages and concurrent workers.</summary>
public static partial class HistoryGenerators
{
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
}
