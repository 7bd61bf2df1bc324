using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;
using FsCheck;
using FsCheck.Fluent;

namespace AmazonFulfillment.Tests.Workflows;

/// <summary>Named generators for the workflow properties (registered by <c>[WorkflowProperty]</c>).</summary>
public static class Arbitraries
{
    /// <summary>Gets valid settings, every option varied.</summary>
    public static Gen<OrderSettings> SettingsGen { get; } =
        from importOrders in Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)))
        from importFba in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        from customers in Gen.Elements(CustomerCreation.Guest, CustomerCreation.CreateAccount)
        from numbers in Gen.Elements(OrderNumberSource.Commerce, OrderNumberSource.Amazon)
        from reserve in Gen.Elements(true, false)
        from readOnly in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from status in Gen.Elements<string?>(null, "pending", "processing", "amazon_new")
        from attempts in Gen.Choose(1, 4)
        select new OrderSettings
        {
            StoreView = "default",
            ImportOrders = importOrders,
            ImportFbaOrders = importFba,
            CustomerCreation = customers,
            OrderNumberSource = numbers,
            ReserveInventory = reserve,
            ReadOnly = readOnly,
            NewOrderStatus = status,
            MaxImportAttempts = attempts,
        };

    /// <summary>Gets one step; effect outcomes are the most frequent so runs get far into the workflow.</summary>
    public static Gen<Step> StepGen { get; } =
        from kind in Gen.Frequency(
            (6, Gen.Constant(StepKind.Observe)),
            (3, Gen.Constant(StepKind.Ship)),
            (1, Gen.Constant(StepKind.MerchantCancel)),
            (1, Gen.Constant(StepKind.Retry)),
            (2, Gen.Constant(StepKind.Sync)),
            (9, Gen.Constant(StepKind.Outcome)),
            (1, Gen.Constant(StepKind.LateOutcome)))
        from a in Gen.Choose(0, 15)
        from b in Gen.Choose(0, 20)
        from c in Gen.Choose(0, 9)
        select new Step(kind, a, b, c);

    /// <summary>Generates a run of 1-40 steps over an order of either channel.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Scenario> Scenario() =>
        (from channel in Gen.Elements(FulfillmentChannel.Merchant, FulfillmentChannel.Amazon)
         from settings in SettingsGen
         from count in Gen.Choose(1, 40)
         from steps in Gen.ArrayOf(StepGen, count)
         select new Scenario(channel, settings, steps.ToImmutableArray()))
        .ToArbitrary();

    /// <summary>Generates any combination of guard facts, consistent or not.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<GuardFacts> Facts() =>
        (from import in Gen.Elements(true, false)
         from cap in Gen.Elements(true, false)
         from commerce in Gen.Elements(true, false)
         from all in Gen.Elements(true, false)
         from any in Gen.Elements(true, false)
         select new GuardFacts(import, cap, commerce, all, any))
        .ToArbitrary();
}
