using AmazonFulfillment.Domain;
using AmazonFulfillment.Verification.Histories;
using FsCheck;
using FsCheck.Fluent;

namespace AmazonFulfillment.Verification.Generators;

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
