using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Verification.Histories;
using FsCheck;
using FsCheck.Fluent;

namespace AmazonFulfillment.Verification.Generators;

/// <summary>Episodes: short scripted runs inserted into a history (a setting switched while work is queued, a refusal of each kind), and outages.</summary>
public static partial class HistoryGenerators
{
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
}
