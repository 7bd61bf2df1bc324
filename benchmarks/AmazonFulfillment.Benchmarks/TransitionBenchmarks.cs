using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Workflows;
using BenchmarkDotNet.Attributes;
using Stateless;
using static AmazonFulfillment.Domain.OrderState;
using static AmazonFulfillment.Workflows.OrderTrigger;

namespace AmazonFulfillment.Benchmarks;

/// <summary>
/// One merchant-fulfilled order's whole life of decisions — Pending → Unshipped → (items fetched, Commerce
/// order created) → package 1 (partially shipped) → package 2 (shipped) → both confirmed, Commerce order
/// completed — with the effects' outcomes fed back as the runtime feeds them. No I/O: decisions only.
/// </summary>
[MemoryDiagnoser]
public class TransitionBenchmarks
{
    private const string CommerceOrderId = "1";
    private const string OrderNumber = "000000001";

    private Lifecycle _order = null!;
    private ImmutableArray<AmazonOrderItem> _items;

    // What Amazon and the merchant report, as the library's inputs: built once, as the other paths get their snapshots and packages.
    private OrderInput _observedPending = null!;
    private OrderInput _observedUnshipped = null!;
    private OrderInput _shipped1 = null!;
    private OrderInput _shipped2 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _order = Lifecycle.MerchantFulfilled(0);
        _items = [.. _order.Items];
        _observedPending = new AmazonOrderObserved(_order.Pending);
        _observedUnshipped = new AmazonOrderObserved(_order.Unshipped);
        _shipped1 = new ShipmentRecorded(_order.Package1);
        _shipped2 = new ShipmentRecorded(_order.Package2);
        Verify();
    }

    /// <summary>Stateless as commonly used: a machine built and configured per order, <c>Fire</c> per trigger.</summary>
    [Benchmark(Baseline = true)]
    public MutableOrder NaiveStateless()
    {
        var order = new MutableOrder(_order.Id);
        var facts = default(GuardFacts);
        var machine = MerchantFulfilledGraph.Graph.CreateMachine(() => order.State, s => order.State = s, () => facts);
        var decider = new StatelessDecider(machine, f => facts = f);
        return RunByHand(order, ref decider);
    }

    /// <summary>The library's decision path: <see cref="OrderWorkflow.Decide"/> over the compiled table, immutable orders, an outbox.</summary>
    [Benchmark]
    public FulfillmentOrder Library()
    {
        var settings = Lifecycle.Settings;
        var now = Lifecycle.Start;
        var order = OrderWorkflow.Decide(null, _observedPending, settings, now).Order;
        order = OrderWorkflow.Decide(order, _observedUnshipped, settings, now).Order;
        order = Drain(order!, settings, now);
        order = OrderWorkflow.Decide(order, _shipped1, settings, now).Order;
        order = Drain(order!, settings, now);
        order = OrderWorkflow.Decide(order, _shipped2, settings, now).Order;
        return Drain(order!, settings, now);
    }

    /// <summary>The floor: the same bookkeeping with the next state chosen by a hand-written switch.</summary>
    [Benchmark]
    public MutableOrder HandWrittenSwitch()
    {
        var decider = default(SwitchDecider);
        return RunByHand(new MutableOrder(_order.Id), ref decider);
    }

    private FulfillmentOrder Drain(FulfillmentOrder order, OrderSettings settings, DateTimeOffset now)
    {
        while (NextRunnable(order) is { } effect)
        {
            order = OrderWorkflow.Decide(order, Outcome(effect), settings, now).Order!;
        }

        return order;
    }

    private static OrderEffect? NextRunnable(FulfillmentOrder order)
    {
        foreach (var pending in order.Outbox)
        {
            if (!pending.Held)
            {
                return pending.Effect;
            }
        }

        return null;
    }

    /// <summary>What the in-memory ports answer, turned into an input as the runtime's effect runner does.</summary>
    private OrderInput Outcome(OrderEffect effect) => effect switch
    {
        FetchOrderItems f => new OrderItemsFetched(f.AmazonOrderId, f.ForStatus, _items),
        CreateCommerceOrder c => new CommerceOrderCreated(c.AmazonOrderId, CommerceOrderId, OrderNumber, c.Request.InitialStatus ?? CommerceStatuses.Pending),
        _ => new EffectCompleted(effect.AmazonOrderId, effect.IdempotencyKey),
    };

    /// <summary>The same life with hand-kept data; <typeparamref name="TDecider"/> picks each next state.</summary>
    private MutableOrder RunByHand<TDecider>(MutableOrder order, ref TDecider decider)
        where TDecider : struct, IDecider
    {
        var settings = Lifecycle.Settings;
        order.Observe(_order.Pending);
        decider.Fire(order, ObservedPending, order.Facts(settings));
        order.Observe(_order.Unshipped);
        decider.Fire(order, ObservedUnshipped, order.Facts(settings));
        if (order.State == Importing)
        {
            order.Outbox.Add(new FetchOrderItems(order.Id, AmazonOrderStatus.Unshipped));
        }

        DrainByHand(order, ref decider, settings);
        ShipByHand(order, _order.Package1, ref decider, settings);
        DrainByHand(order, ref decider, settings);
        ShipByHand(order, _order.Package2, ref decider, settings);
        DrainByHand(order, ref decider, settings);
        return order;
    }

    private static void ShipByHand<TDecider>(MutableOrder order, ShipmentPackage package, ref TDecider decider, OrderSettings settings)
        where TDecider : struct, IDecider
    {
        if (order.CommerceOrder is null || !order.Ship(package))
        {
            throw new InvalidOperationException("The package cannot be shipped.");
        }

        decider.Fire(order, Shipment, order.Facts(settings));
        order.Outbox.Add(new ConfirmShipment(package));
        if (order.State == Shipped)
        {
            order.Outbox.Add(new CompleteCommerceOrder(order.Id));
        }
    }

    private void DrainByHand<TDecider>(MutableOrder order, ref TDecider decider, OrderSettings settings)
        where TDecider : struct, IDecider
    {
        while (order.Outbox.Count > 0)
        {
            var effect = order.Outbox[0];
            switch (Outcome(effect))
            {
                case OrderItemsFetched fetched:
                    order.Complete(effect);
                    order.SetItems(fetched.Items);
                    decider.Fire(order, ItemsFetched, order.Facts(settings));
                    if (order.State == Importing)
                    {
                        order.Outbox.Add(new CreateCommerceOrder(order.Request(settings)));
                    }

                    break;
                case CommerceOrderCreated created:
                    order.Complete(effect);
                    order.CommerceOrder = new CommerceOrderRef(created.CommerceOrderId, created.OrderNumber, created.Status);
                    decider.Fire(order, CommerceCreated, order.Facts(settings));
                    if (order.State == Shipped)
                    {
                        order.Outbox.Add(new CompleteCommerceOrder(order.Id));
                    }

                    break;
                default:
                    order.Complete(effect);
                    break;
            }
        }
    }

    /// <summary>Checks once that the three paths end the same way, so none of them is measured doing less.</summary>
    private void Verify()
    {
        var library = Library();
        var naive = NaiveStateless();
        var hand = HandWrittenSwitch();
        var ok = library.State == Shipped && library.Outbox.IsEmpty && library.CommerceOrder?.Status == CommerceStatuses.Complete
            && library.Packages.All(p => p.Confirmation == ConfirmationState.Confirmed)
            && naive.State == Shipped && naive.Outbox.Count == 0 && naive.Confirmed.Count == 2 && naive.CommerceOrder?.Status == CommerceStatuses.Complete
            && hand.State == Shipped && hand.Outbox.Count == 0 && hand.Confirmed.Count == 2 && hand.CommerceOrder?.Status == CommerceStatuses.Complete;
        if (!ok)
        {
            throw new InvalidOperationException($"The decision paths disagree: library {library.State}, naive {naive.State}, switch {hand.State}.");
        }
    }

    internal interface IDecider
    {
        void Fire(MutableOrder order, OrderTrigger trigger, GuardFacts facts);
    }

    private readonly struct StatelessDecider(StateMachine<OrderState, OrderTrigger> machine, Action<GuardFacts> setFacts) : IDecider
    {
        public void Fire(MutableOrder order, OrderTrigger trigger, GuardFacts facts)
        {
            setFacts(facts);
            machine.Fire(trigger);
        }
    }

    /// <summary>The merchant-fulfilled graph as a switch (the states and rules of <see cref="MerchantFulfilledGraph"/>).</summary>
    private struct SwitchDecider : IDecider
    {
        public readonly void Fire(MutableOrder order, OrderTrigger trigger, GuardFacts facts) =>
            order.State = Next(order.State, trigger, facts);

        private static OrderState Next(OrderState state, OrderTrigger trigger, GuardFacts f) => (state, trigger) switch
        {
            (Untracked, ObservedPending) => Pending,
            (Untracked or Pending, ObservedUnshipped) => f.ImportEnabled ? Importing : Unshipped,
            (Untracked or Pending, ObservedPartiallyShipped) => f.ImportEnabled ? Importing : PartiallyShipped,
            (Untracked or Pending, ObservedShipped) => f.ImportEnabled ? Importing : Shipped,
            (Untracked or Pending or Importing or Blocked or Unshipped or PartiallyShipped, ObservedCanceled) => Canceled,
            (Untracked or Pending, ObservedUnfulfillable) => Unfulfillable,
            (Importing, ItemsFetched or CustomerFound or ObservedUnshipped or ObservedPartiallyShipped or ObservedShipped) => Importing,
            (Importing or Blocked, CommerceCreated) => f.AllShipped ? Shipped : f.AnyShipped ? PartiallyShipped : Unshipped,
            (Importing, CommerceRefused) => Blocked,
            (Blocked, Retry) => Importing,
            (Blocked, Sync or ObservedUnshipped or ObservedPartiallyShipped or ObservedShipped) => f.UnderAttemptCap ? Importing : Blocked,
            (Unshipped or PartiallyShipped, Shipment) when f.InCommerce => f.AllShipped ? Shipped : PartiallyShipped,
            (Unshipped, MerchantCancel) when f.InCommerce => Canceled,
            (Unshipped or PartiallyShipped, ObservedPartiallyShipped) => PartiallyShipped,
            (Unshipped or PartiallyShipped or Shipped, ObservedShipped) => Shipped,
            (_, ItemsFetched) when state is Unshipped or PartiallyShipped or Shipped => state,
            (Canceled, CommerceCreated) => Canceled,
            _ when IsIgnored(state, trigger) => state,
            _ => throw new InvalidOperationException($"{trigger} is not allowed while the order is {state}."),
        };

        private static bool IsIgnored(OrderState state, OrderTrigger trigger) =>
            trigger is ObservedPending or ObservedUnshipped or ObservedUnfulfillable or ObservedCanceled or ObservedPartiallyShipped or ObservedShipped
                or CustomerFound or CommerceCreated or CommerceRefused or Sync or Retry or ItemsFetched
            && state is not Untracked;
    }
}
