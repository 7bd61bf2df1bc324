using System.Text.Json;
using System.Text.Json.Serialization;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Storage;

/// <summary>A package is built only through its validating factory, so it is read back through it too.</summary>
internal sealed class ShipmentPackageConverter : JsonConverter<ShipmentPackage>
{
    public override ShipmentPackage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var dto = JsonSerializer.Deserialize<PackageDocument>(ref reader, options) ?? throw ProblemCodes.Attach(ProblemCodes.StoreDocumentInvalid, new JsonException("Expected a package."));
        var package = ShipmentPackage.TryCreate(
            dto.AmazonOrderId,
            dto.PackageReferenceId,
            dto.CarrierCode,
            dto.CarrierName,
            dto.ShippingMethod,
            dto.TrackingNumber,
            dto.ShipDate,
            dto.Items?.Select(i => new PackageItem(i.OrderItemId, i.Quantity)));
        return package.IsValid ? package.Value : throw ProblemCodes.Attach(ProblemCodes.StoreDocumentInvalid, new JsonException($"Invalid package: {package.Field} {package.Error}"));
    }

    public override void Write(Utf8JsonWriter writer, ShipmentPackage value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(
            writer,
            new PackageDocument(
                value.AmazonOrderId.Value,
                value.PackageReferenceId.ToString(),
                value.CarrierCode,
                value.CarrierName,
                value.ShippingMethod,
                value.TrackingNumber,
                value.ShipDate,
                [.. value.Items.Select(i => new PackageLine(i.OrderItemId, i.Quantity))]),
            options);

    internal sealed record PackageDocument(
        string? AmazonOrderId,
        string? PackageReferenceId,
        string? CarrierCode,
        string? CarrierName,
        string? ShippingMethod,
        string? TrackingNumber,
        DateTimeOffset ShipDate,
        IReadOnlyList<PackageLine>? Items);

    internal sealed record PackageLine(OrderItemId OrderItemId, int Quantity);
}
