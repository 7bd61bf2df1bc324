using System.Collections.Immutable;

namespace AmazonFulfillment.Domain;

/// <summary>
/// A package the merchant shipped from Commerce, to be confirmed to Amazon (SP-API <c>confirmShipment</c>).
/// Its structure is validated when built; whether it fits the order (known lines, remaining quantities)
/// is decided by the workflow.
/// </summary>
public sealed record ShipmentPackage
{
    /// <summary>The carrier code that requires a <see cref="CarrierName"/>.</summary>
    public const string OtherCarrier = "Other";

    private ShipmentPackage(
        AmazonOrderId amazonOrderId,
        PackageReferenceId packageReferenceId,
        string carrierCode,
        string? carrierName,
        string? shippingMethod,
        string trackingNumber,
        DateTimeOffset shipDate,
        ImmutableArray<PackageItem> items)
    {
        AmazonOrderId = amazonOrderId;
        PackageReferenceId = packageReferenceId;
        CarrierCode = carrierCode;
        CarrierName = carrierName;
        ShippingMethod = shippingMethod;
        TrackingNumber = trackingNumber;
        ShipDate = shipDate;
        Items = items;
    }

    /// <summary>Gets the order shipped.</summary>
    public AmazonOrderId AmazonOrderId { get; }

    /// <summary>Gets the merchant's package id; a retried confirmation reuses it.</summary>
    public PackageReferenceId PackageReferenceId { get; }

    /// <summary>Gets the carrier code, such as <c>UPS</c> or <c>Other</c>.</summary>
    public string CarrierCode { get; }

    /// <summary>Gets the carrier name; required when <see cref="CarrierCode"/> is <c>Other</c>.</summary>
    public string? CarrierName { get; }

    /// <summary>Gets the shipping method, or <see langword="null"/>.</summary>
    public string? ShippingMethod { get; }

    /// <summary>Gets the tracking number.</summary>
    public string TrackingNumber { get; }

    /// <summary>Gets when the package shipped.</summary>
    public DateTimeOffset ShipDate { get; }

    /// <summary>Gets the lines and quantities in the package, in the order given, each line once.</summary>
    public ImmutableArray<PackageItem> Items { get; }

    /// <summary>Creates a package, throwing on invalid input.</summary>
    /// <param name="amazonOrderId">The order shipped.</param>
    /// <param name="packageReferenceId">The package id.</param>
    /// <param name="carrierCode">The carrier code.</param>
    /// <param name="carrierName">The carrier name (required for <c>Other</c>).</param>
    /// <param name="shippingMethod">The shipping method.</param>
    /// <param name="trackingNumber">The tracking number.</param>
    /// <param name="shipDate">When it shipped.</param>
    /// <param name="items">The lines and quantities.</param>
    /// <returns>The package.</returns>
    /// <exception cref="ArgumentException">A field is invalid; the parameter name names it.</exception>
    public static ShipmentPackage Create(
        AmazonOrderId amazonOrderId,
        PackageReferenceId packageReferenceId,
        string carrierCode,
        string? carrierName,
        string? shippingMethod,
        string trackingNumber,
        DateTimeOffset shipDate,
        IEnumerable<PackageItem> items) =>
        TryCreate(amazonOrderId.Value, packageReferenceId.Value <= 0 ? null : packageReferenceId.ToString(), carrierCode, carrierName, shippingMethod, trackingNumber, shipDate, items).OrThrow(ProblemCodes.InputInvalidPackage);

    /// <summary>Validates untrusted package data, returning the field and reason instead of throwing.</summary>
    /// <param name="amazonOrderId">The order id text.</param>
    /// <param name="packageReferenceId">The package id text (a positive integer).</param>
    /// <param name="carrierCode">The carrier code.</param>
    /// <param name="carrierName">The carrier name.</param>
    /// <param name="shippingMethod">The shipping method.</param>
    /// <param name="trackingNumber">The tracking number.</param>
    /// <param name="shipDate">When it shipped.</param>
    /// <param name="items">The lines and quantities.</param>
    /// <returns>The package or the reason it was refused.</returns>
    public static Validated<ShipmentPackage> TryCreate(
        string? amazonOrderId,
        string? packageReferenceId,
        string? carrierCode,
        string? carrierName,
        string? shippingMethod,
        string? trackingNumber,
        DateTimeOffset shipDate,
        IEnumerable<PackageItem>? items)
    {
        var id = AmazonOrderId.TryCreate(amazonOrderId, "amazonOrderId");
        if (!id.IsValid)
        {
            return id.As<ShipmentPackage>();
        }

        var reference = PackageReferenceId.TryCreate(packageReferenceId);
        if (!reference.IsValid)
        {
            return reference.As<ShipmentPackage>();
        }

        // Judged after normalisation: " Other" is Other, and needs a carrier name like Other.
        carrierCode = Blank(carrierCode);
        if (string.Equals(carrierCode, OtherCarrier, StringComparison.OrdinalIgnoreCase))
        {
            carrierCode = OtherCarrier;
        }

        var error = Text("carrierCode", carrierCode, required: true)
            ?? Text("carrierName", carrierName, required: carrierCode == OtherCarrier)
            ?? Text("shippingMethod", shippingMethod, required: false)
            ?? Text("trackingNumber", trackingNumber, required: true);
        if (error is not null)
        {
            return Validated<ShipmentPackage>.Fail(error.Value.Field, error.Value.Reason);
        }

        if (items is null)
        {
            return Validated<ShipmentPackage>.Fail("items", "is required.");
        }

        var list = items.ToImmutableArray();
        if (list.IsEmpty)
        {
            return Validated<ShipmentPackage>.Fail("items", "must list at least one order item.");
        }

        if (ItemsError(list) is { } itemsError)
        {
            return Validated<ShipmentPackage>.Fail(itemsError.Field, itemsError.Reason);
        }

        return Validated<ShipmentPackage>.Ok(new ShipmentPackage(
            id.Value, reference.Value, carrierCode!, Blank(carrierName), Blank(shippingMethod), trackingNumber!.Trim(), shipDate, list));
    }

    /// <summary>The same package with the carrier Amazon will be sent (a spelling corrected, <c>Other</c> mapped to a listed carrier).</summary>
    internal ShipmentPackage WithCarrier(string carrierCode, string? carrierName) =>
        carrierCode == CarrierCode && carrierName == CarrierName
            ? this
            : new(AmazonOrderId, PackageReferenceId, carrierCode, carrierName, ShippingMethod, TrackingNumber, ShipDate, Items);

    /// <summary>Gets whether another package has the same content (same id, carrier, tracking, date and items).</summary>
    /// <param name="other">The other package.</param>
    /// <returns><see langword="true"/> when both describe the same package.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public bool SameContentAs(ShipmentPackage other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return AmazonOrderId == other.AmazonOrderId
            && PackageReferenceId == other.PackageReferenceId
            && CarrierCode == other.CarrierCode
            && CarrierName == other.CarrierName
            && ShippingMethod == other.ShippingMethod
            && TrackingNumber == other.TrackingNumber
            && ShipDate == other.ShipDate
            && Items.SequenceEqual(other.Items);
    }

    private static (string Field, string Reason)? ItemsError(ImmutableArray<PackageItem> items)
    {
        var seen = new HashSet<OrderItemId>();
        foreach (var item in items)
        {
            if (item.OrderItemId.Value.Length == 0)
            {
                return ("items.orderItemId", "is required.");
            }

            if (item.Quantity <= 0)
            {
                return ("items.quantity", $"{item.Quantity} for order item {item.OrderItemId} must be at least 1.");
            }

            if (!seen.Add(item.OrderItemId))
            {
                return ("items.orderItemId", $"{item.OrderItemId} appears twice in the package.");
            }
        }

        return null;
    }

    private static (string Field, string Reason)? Text(string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? (field, field == "carrierName" ? "is required when carrierCode is Other." : "must not be blank.") : null;
        }

        return value.Length > 100 ? (field, "is longer than 100 characters.")
            : value.Any(char.IsControl) ? (field, "must not contain control characters.")
            : null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
