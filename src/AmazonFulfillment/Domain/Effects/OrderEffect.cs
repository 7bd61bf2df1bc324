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
[JsonDerivedType(typeof(VerifyShipment), "VerifyShipment")]
public abstract record OrderEffect(AmazonOrderId AmazonOrderId)
{
    /// <summary>Gets the key that identifies this piece of work across retries and restarts.</summary>
    public abstract string IdempotencyKey { get; }

    /// <summary>Gets whether the effect changes state on Amazon (held in read-only mode, dropped once Amazon reports the order Canceled).</summary>
    public virtual bool ChangesAmazon => false;

    /// <summary>Gets whether the effect creates something in Commerce for an import (held while the channel's import setting is off).</summary>
    public virtual bool Imports => false;

    /// <summary>Gets the time before which the effect must not run, or <see langword="null"/> when it may run at once. A scheduled effect is
    /// unfinished work (the sweep lists its order) but not runnable work until then.</summary>
    public virtual DateTimeOffset? NotBefore => null;

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
        VerifyShipment => KeyIs(key, "verify", default),
        _ => string.Equals(key, IdempotencyKey, StringComparison.Ordinal),
    };

    /// <summary>Whether two effects have the same <see cref="IdempotencyKey"/>, decided without building the keys.</summary>
    internal bool SameKeyAs(OrderEffect other) => (this, other) switch
    {
        (FetchOrderItems a, FetchOrderItems b) => a.AmazonOrderId == b.AmazonOrderId && a.ForStatus == b.ForStatus,
        (ConfirmShipment a, ConfirmShipment b) => a.AmazonOrderId == b.AmazonOrderId && a.Package.PackageReferenceId == b.Package.PackageReferenceId,
        (ResolveCustomer, ResolveCustomer) or (CreateCommerceOrder, CreateCommerceOrder) or (CompleteCommerceOrder, CompleteCommerceOrder)
            or (CancelCommerceOrder, CancelCommerceOrder) or (CancelOnAmazon, CancelOnAmazon)
            or (MarkCommerceOrderProcessing, MarkCommerceOrderProcessing) or (VerifyShipment, VerifyShipment) => AmazonOrderId == other.AmazonOrderId,
        _ when BuiltIn(this) && BuiltIn(other) => false, // the key's literal parts differ between the built-in effects
        _ => string.Equals(IdempotencyKey, other.IdempotencyKey, StringComparison.Ordinal),
    };

    private static bool BuiltIn(OrderEffect effect) =>
        effect is FetchOrderItems or ResolveCustomer or CreateCommerceOrder or CompleteCommerceOrder or CancelCommerceOrder or ConfirmShipment or CancelOnAmazon
            or MarkCommerceOrderProcessing or VerifyShipment;

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
