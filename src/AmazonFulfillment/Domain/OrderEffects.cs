using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Serialization;

namespace AmazonFulfillment.Domain;

/// <summary>
/// Work a decision requires, as data. Effects are saved with the order before they run (an outbox) and
/// carry a deterministic <see cref="IdempotencyKey"/> so that a retry after an unknown outcome is the same call again.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$effect")]
[JsonDerivedType(typeof(FetchOrderItems), "FetchOrderItems")]
[JsonDerivedType(typeof(ResolveCustomer), "ResolveCustomer")]
[JsonDerivedType(typeof(CreateCommerceOrder), "CreateCommerceOrder")]
[JsonDerivedType(typeof(CompleteCommerceOrder), "CompleteCommerceOrder")]
[JsonDerivedType(typeof(CancelCommerceOrder), "CancelCommerceOrder")]
[JsonDerivedType(typeof(MarkCommerceOrderProcessing), "MarkCommerceOrderProcessing")]
[JsonDerivedType(typeof(ConfirmShipment), "ConfirmShipment")]
[JsonDerivedType(typeof(CancelOnAmazon), "CancelOnAmazon")]
public abstract record OrderEffect(AmazonOrderId AmazonOrderId)
{
    /// <summary>Gets the key that identifies this piece of work across retries and restarts.</summary>
    public abstract string IdempotencyKey { get; }

    /// <summary>Gets whether the effect changes state on Amazon (held in read-only mode, dropped once Amazon reports the order Canceled).</summary>
    public virtual bool ChangesAmazon => false;

    /// <summary>Gets whether the effect creates something in Commerce for an import (held while the channel's import setting is off).</summary>
    public virtual bool Imports => false;

    /// <summary>
    /// Whether <paramref name="key"/> is this effect's <see cref="IdempotencyKey"/>, decided without building the key
    /// (the decision path compares keys on every input). Same answer as comparing with the built key.
    /// </summary>
    internal bool HasKey(string key) => this switch
    {
        FetchOrderItems f => KeyIs(key, "items:", f.ForStatus.ToString()),
        ResolveCustomer => KeyIs(key, "customer", default),
        CreateCommerceOrder => KeyIs(key, "create", default),
        CompleteCommerceOrder => KeyIs(key, "complete", default),
        CancelCommerceOrder => KeyIs(key, "cancel-commerce", default),
        MarkCommerceOrderProcessing => KeyIs(key, "processing", default),
        ConfirmShipment c => PackageKeyIs(key, c.Package.PackageReferenceId.Value),
        CancelOnAmazon => KeyIs(key, "cancel-amazon", default),
        _ => string.Equals(key, IdempotencyKey, StringComparison.Ordinal),
    };

    /// <summary>Whether two effects have the same <see cref="IdempotencyKey"/>, decided without building the keys.</summary>
    internal bool SameKeyAs(OrderEffect other) => (this, other) switch
    {
        (FetchOrderItems a, FetchOrderItems b) => a.AmazonOrderId == b.AmazonOrderId && a.ForStatus == b.ForStatus,
        (ConfirmShipment a, ConfirmShipment b) => a.AmazonOrderId == b.AmazonOrderId && a.Package.PackageReferenceId == b.Package.PackageReferenceId,
        (ResolveCustomer, ResolveCustomer) or (CreateCommerceOrder, CreateCommerceOrder) or (CompleteCommerceOrder, CompleteCommerceOrder)
            or (CancelCommerceOrder, CancelCommerceOrder) or (CancelOnAmazon, CancelOnAmazon)
            or (MarkCommerceOrderProcessing, MarkCommerceOrderProcessing) => AmazonOrderId == other.AmazonOrderId,
        _ when BuiltIn(this) && BuiltIn(other) => false, // the key's literal parts differ between the built-in effects
        _ => string.Equals(IdempotencyKey, other.IdempotencyKey, StringComparison.Ordinal),
    };

    private static bool BuiltIn(OrderEffect effect) =>
        effect is FetchOrderItems or ResolveCustomer or CreateCommerceOrder or CompleteCommerceOrder or CancelCommerceOrder or ConfirmShipment or CancelOnAmazon
            or MarkCommerceOrderProcessing;

    // Keys read "{AmazonOrderId}:{suffix}{tail}".
    private bool KeyIs(string key, ReadOnlySpan<char> suffix, ReadOnlySpan<char> tail)
    {
        var id = AmazonOrderId.Value;
        return key.Length == id.Length + 1 + suffix.Length + tail.Length
            && key.StartsWith(id, StringComparison.Ordinal)
            && key[id.Length] == ':'
            && key.AsSpan(id.Length + 1, suffix.Length).SequenceEqual(suffix)
            && key.AsSpan(id.Length + 1 + suffix.Length).SequenceEqual(tail);
    }

    private bool PackageKeyIs(string key, long packageReferenceId)
    {
        Span<char> digits = stackalloc char[20];
        return packageReferenceId.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture)
            ? KeyIs(key, "package:", digits[..written])
            : string.Equals(key, IdempotencyKey, StringComparison.Ordinal);
    }
}

/// <summary>Fetch the order's lines from Amazon (<c>getOrderItems</c>), once per status change that needs them.</summary>
/// <param name="AmazonOrderId">The order.</param>
/// <param name="ForStatus">The Amazon status the lines are fetched for.</param>
public sealed record FetchOrderItems(AmazonOrderId AmazonOrderId, AmazonOrderStatus ForStatus) : OrderEffect(AmazonOrderId)
{
    /// <inheritdoc />
    public override string IdempotencyKey => $"{AmazonOrderId.Value}:items:{ForStatus}";
}

/// <summary>Find the Commerce customer with this email, or create one.</summary>
/// <param name="AmazonOrderId">The order the customer is for.</param>
/// <param name="Email">The buyer's email.</param>
/// <param name="Name">The buyer's name, if known.</param>
public sealed record ResolveCustomer(AmazonOrderId AmazonOrderId, string Email, string? Name) : OrderEffect(AmazonOrderId)
{
    /// <inheritdoc />
    public override string IdempotencyKey => AmazonOrderId.Value + ":customer";

    /// <inheritdoc />
    public override bool Imports => true;

    /// <summary>Returns a description without the buyer's details.</summary>
    /// <returns>A redacted text.</returns>
    public override string ToString() => $"ResolveCustomer {{ AmazonOrderId = {AmazonOrderId}, Email = [redacted] }}";
}

/// <summary>One line of a Commerce order to create.</summary>
/// <param name="Sku">The product.</param>
/// <param name="Quantity">Units ordered.</param>
/// <param name="UnitPrice">The unit price (Amazon's line total divided by the quantity), or <see langword="null"/> when unknown.</param>
public sealed record CommerceOrderLine(Sku Sku, int Quantity, Money? UnitPrice);

/// <summary>Everything Commerce needs to create the order for an Amazon order.</summary>
public sealed record CommerceOrderRequest
{
    /// <summary>Gets the Amazon order; Commerce creation is idempotent on it.</summary>
    public required AmazonOrderId AmazonOrderId { get; init; }

    /// <summary>Gets who fulfils the order.</summary>
    public required FulfillmentChannel Channel { get; init; }

    /// <summary>Gets the store view the order belongs to.</summary>
    public required string StoreView { get; init; }

    /// <summary>Gets the order number to use, or <see langword="null"/> for Commerce to assign one.</summary>
    public string? OrderNumber { get; init; }

    /// <summary>Gets the initial status, or <see langword="null"/> for Commerce's default for new orders.</summary>
    public string? InitialStatus { get; init; }

    /// <summary>Gets whether the order reserves stock.</summary>
    public required bool ReserveInventory { get; init; }

    /// <summary>Gets whether managed stock must be available (merchant-fulfilled orders); FBA orders are never blocked by stock.</summary>
    public required bool RequireStock { get; init; }

    /// <summary>Gets the Commerce customer, or <see langword="null"/> for a guest order.</summary>
    public string? CustomerId { get; init; }

    /// <summary>Gets the buyer's details for the order record, when Amazon gave them (restricted data).</summary>
    public BuyerInfo? Buyer { get; init; }

    /// <summary>Gets the shipping address, when Amazon gave it (restricted data).</summary>
    public ShippingAddress? ShippingAddress { get; init; }

    /// <summary>Gets the lines.</summary>
    public required ImmutableArray<CommerceOrderLine> Lines { get; init; }

    /// <summary>Gets the order total, or <see langword="null"/> when unknown.</summary>
    public Money? Total { get; init; }

    /// <summary>Gets when the order was placed on Amazon.</summary>
    public required DateTimeOffset PurchaseDate { get; init; }
}

/// <summary>Create the Commerce order (idempotent on the Amazon order id).</summary>
/// <param name="Request">What to create.</param>
public sealed record CreateCommerceOrder(CommerceOrderRequest Request) : OrderEffect(Request.AmazonOrderId)
{
    /// <inheritdoc />
    public override string IdempotencyKey => AmazonOrderId.Value + ":create";

    /// <inheritdoc />
    public override bool Imports => true;
}

/// <summary>Mark the Commerce order <c>complete</c>.</summary>
/// <param name="AmazonOrderId">The order.</param>
public sealed record CompleteCommerceOrder(AmazonOrderId AmazonOrderId) : OrderEffect(AmazonOrderId)
{
    /// <inheritdoc />
    public override string IdempotencyKey => AmazonOrderId.Value + ":complete";
}

/// <summary>Cancel the Commerce order, if one exists.</summary>
/// <param name="AmazonOrderId">The order.</param>
public sealed record CancelCommerceOrder(AmazonOrderId AmazonOrderId) : OrderEffect(AmazonOrderId)
{
    /// <inheritdoc />
    public override string IdempotencyKey => AmazonOrderId.Value + ":cancel-commerce";
}

/// <summary>Mark the Commerce order <c>processing</c>: Amazon reports items shipped outside Commerce (Seller Central) and some remain.</summary>
/// <param name="AmazonOrderId">The order.</param>
public sealed record MarkCommerceOrderProcessing(AmazonOrderId AmazonOrderId) : OrderEffect(AmazonOrderId)
{
    /// <inheritdoc />
    public override string IdempotencyKey => AmazonOrderId.Value + ":processing";
}

/// <summary>Confirm a package to Amazon (<c>confirmShipment</c>); retries reuse its package reference id.</summary>
/// <param name="Package">The package.</param>
/// <param name="MarketplaceId">The order's marketplace (confirmShipment's body requires it), or <see langword="null"/> when Amazon never reported it.</param>
public sealed record ConfirmShipment(ShipmentPackage Package, MarketplaceId? MarketplaceId = null) : OrderEffect(Package.AmazonOrderId)
{
    /// <inheritdoc />
    public override string IdempotencyKey => PackageKey(AmazonOrderId, Package.PackageReferenceId.Value);

    /// <inheritdoc />
    public override bool ChangesAmazon => true;

    private static string PackageKey(AmazonOrderId id, long packageReferenceId)
    {
        Span<char> digits = stackalloc char[20];
        packageReferenceId.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        return string.Concat(id.Value, ":package:", digits[..written]);
    }
}

/// <summary>Ask Amazon to cancel the order with a reason.</summary>
/// <param name="AmazonOrderId">The order.</param>
/// <param name="Reason">The cancellation reason, such as <c>NoInventory</c>.</param>
public sealed record CancelOnAmazon(AmazonOrderId AmazonOrderId, string Reason) : OrderEffect(AmazonOrderId)
{
    /// <inheritdoc />
    public override string IdempotencyKey => AmazonOrderId.Value + ":cancel-amazon";

    /// <inheritdoc />
    public override bool ChangesAmazon => true;
}

/// <summary>An effect in the order's outbox.</summary>
/// <param name="Effect">The work.</param>
/// <param name="Held">Whether it is held (visible, not run): an Amazon call while read-only mode is on, or an import step while the
/// channel's import setting is off. Judged again whenever the order's work runs, so a setting changed while work is queued takes effect at once.</param>
public sealed record PendingEffect(OrderEffect Effect, bool Held = false);
