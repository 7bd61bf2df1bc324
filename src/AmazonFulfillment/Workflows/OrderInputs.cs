using System.Collections.Immutable;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Workflows;

/// <summary>Something that happened to an order: an Amazon observation, a merchant action, or the outcome of an effect.</summary>
/// <param name="AmazonOrderId">The order it concerns.</param>
public abstract record OrderInput(AmazonOrderId AmazonOrderId);

/// <summary>Amazon reports the order as it is now.</summary>
/// <param name="Snapshot">The observation.</param>
public sealed record AmazonOrderObserved(AmazonOrderSnapshot Snapshot) : OrderInput(Snapshot.Id);

/// <summary>The merchant shipped a package from Commerce.</summary>
/// <param name="Package">The package.</param>
public sealed record ShipmentRecorded(ShipmentPackage Package) : OrderInput(Package.AmazonOrderId);

/// <summary>The merchant cancels the order from Commerce.</summary>
/// <param name="AmazonOrderId">The order.</param>
/// <param name="Reason">The reason sent to Amazon, such as <c>NoInventory</c>.</param>
public sealed record MerchantCancelRequested(AmazonOrderId AmazonOrderId, string Reason) : OrderInput(AmazonOrderId);

/// <summary>
/// The merchant asks for a retry: a blocked import is tried again (not capped), confirmations Amazon refused are sent again.
/// Refused while the channel's import setting is off.
/// </summary>
/// <param name="AmazonOrderId">The order.</param>
public sealed record RetryRequested(AmazonOrderId AmazonOrderId) : OrderInput(AmazonOrderId);

/// <summary>A sync cycle ended: blocked imports under the attempt cap are retried, held effects released when read-only mode is off.</summary>
/// <param name="AmazonOrderId">The order.</param>
public sealed record SyncCycleEnded(AmazonOrderId AmazonOrderId) : OrderInput(AmazonOrderId);

/// <summary>Outcome of <see cref="FetchOrderItems"/>: Amazon's lines of the order.</summary>
/// <param name="AmazonOrderId">The order.</param>
/// <param name="ForStatus">The status the lines were fetched for.</param>
/// <param name="Items">The lines.</param>
public sealed record OrderItemsFetched(AmazonOrderId AmazonOrderId, AmazonOrderStatus ForStatus, ImmutableArray<AmazonOrderItem> Items) : OrderInput(AmazonOrderId);

/// <summary>Outcome of <see cref="ResolveCustomer"/>: the customer found or created.</summary>
/// <param name="AmazonOrderId">The order.</param>
/// <param name="CustomerId">The Commerce customer id.</param>
public sealed record CustomerResolved(AmazonOrderId AmazonOrderId, string CustomerId) : OrderInput(AmazonOrderId);

/// <summary>Outcome of <see cref="CreateCommerceOrder"/>: the order exists in Commerce (created now or before).</summary>
/// <param name="AmazonOrderId">The order.</param>
/// <param name="CommerceOrderId">Commerce's id.</param>
/// <param name="OrderNumber">The order number.</param>
/// <param name="Status">Its status.</param>
public sealed record CommerceOrderCreated(AmazonOrderId AmazonOrderId, string CommerceOrderId, string OrderNumber, string Status) : OrderInput(AmazonOrderId);

/// <summary>Outcome of <see cref="CreateCommerceOrder"/>: Commerce refused it (unknown SKU, disabled product, out of stock).</summary>
/// <param name="AmazonOrderId">The order.</param>
/// <param name="Reason">Why.</param>
public sealed record CommerceOrderRefused(AmazonOrderId AmazonOrderId, string Reason) : OrderInput(AmazonOrderId);

/// <summary>An effect without a result of its own (complete, cancel, confirm) succeeded.</summary>
/// <param name="AmazonOrderId">The order.</param>
/// <param name="IdempotencyKey">The effect's key.</param>
public sealed record EffectCompleted(AmazonOrderId AmazonOrderId, string IdempotencyKey) : OrderInput(AmazonOrderId);

/// <summary>An effect failed permanently; the failure stays visible on the order.</summary>
/// <param name="AmazonOrderId">The order.</param>
/// <param name="IdempotencyKey">The effect's key.</param>
/// <param name="Reason">Why.</param>
public sealed record EffectFailed(AmazonOrderId AmazonOrderId, string IdempotencyKey, string Reason) : OrderInput(AmazonOrderId)
{
    /// <summary>
    /// Gets the failure's stable code when the runtime knows better than the effect's kind (such as
    /// <see cref="ProblemCodes.PortContractBroken"/>); <see langword="null"/> to take the code of the effect's kind (a refused
    /// confirmation, a refused cancellation, a rejected import step, a rejected Commerce step).
    /// </summary>
    public string? Code { get; init; }
}

/// <summary>
/// The runtime is about to run the order's queued work: each queued effect is judged again against the settings and the order
/// as they are now, so that a setting changed while work was queued takes effect at once (held, released or dropped).
/// </summary>
/// <param name="AmazonOrderId">The order.</param>
internal sealed record WorkDue(AmazonOrderId AmazonOrderId) : OrderInput(AmazonOrderId);

/// <summary>Outcome of <see cref="VerifyShipment"/>: the packages Amazon holds for the order.</summary>
/// <param name="AmazonOrderId">The order.</param>
/// <param name="PackageReferenceIds">The package reference ids Amazon holds, as Amazon spells them.</param>
public sealed record PackagesReadBack(AmazonOrderId AmazonOrderId, ImmutableArray<string> PackageReferenceIds) : OrderInput(AmazonOrderId);
