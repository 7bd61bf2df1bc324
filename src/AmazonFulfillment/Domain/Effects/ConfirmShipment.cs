using System.Globalization;
using System.Text.Json.Serialization;

namespace AmazonFulfillment.Domain;

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
