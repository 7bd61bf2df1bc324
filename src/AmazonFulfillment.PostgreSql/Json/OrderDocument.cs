using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.PostgreSql.Json;

/// <summary>How a <see cref="FulfillmentOrder"/> is written to and read from its jsonb document.</summary>
internal static class OrderDocument
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize(FulfillmentOrder order) => JsonSerializer.Serialize(order, Options);

    public static FulfillmentOrder Deserialize(string json) =>
        JsonSerializer.Deserialize<FulfillmentOrder>(json, Options) ?? throw new JsonException("The stored order document is null.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

            // jsonb orders an object's keys by length, so the effect's type discriminator is rarely first.
            AllowOutOfOrderMetadataProperties = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DropComputedProperties } },
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new AmazonOrderIdConverter());
        options.Converters.Add(new SkuConverter());
        options.Converters.Add(new OrderItemIdConverter());
        options.Converters.Add(new MarketplaceIdConverter());
        options.Converters.Add(new PackageReferenceIdConverter());
        options.Converters.Add(new MoneyConverter());
        options.Converters.Add(new ShipmentPackageConverter());
        options.MakeReadOnly();
        return options;
    }

    /// <summary>Derived values (<c>HasRunnableWork</c>, <c>Remaining</c>, an effect's key …) are recomputed on read, not stored.</summary>
    private static void DropComputedProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            var property = info.Properties[i];
            if (property.Set is null && property.AssociatedParameter is null)
            {
                info.Properties.RemoveAt(i);
            }
        }
    }
}
