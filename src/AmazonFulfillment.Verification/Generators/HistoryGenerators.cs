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
public static partial class HistoryGenerators
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
}
