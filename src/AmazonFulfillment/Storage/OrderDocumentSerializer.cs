using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Storage;

/// <summary>
/// The JSON document a durable <see cref="Ports.IOrderStore"/> keeps a <see cref="FulfillmentOrder"/> in, shared by the
/// library's stores (PostgreSQL, EF Core) so that they write one format. Every settable property of the order is written
/// (a property added to the order is written without a change here); derived values (<c>HasRunnableWork</c>, an
/// effect's key …) are recomputed on read, not stored. Domain values are written as strings (<c>Money</c> as
/// <c>{"amount":"11.01","currency":"USD"}</c>, so that its scale survives) and read back through their own validation,
/// so a document that no longer validates fails to read instead of producing an invalid order. Thread-safe.
/// </summary>
public static class OrderDocumentSerializer
{
    /// <summary>Gets the serializer options of the document (read-only).</summary>
    internal static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Writes an order as its JSON document.</summary>
    /// <param name="order">The order.</param>
    /// <returns>The document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="order"/> is null.</exception>
    public static string Serialize(FulfillmentOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return JsonSerializer.Serialize(order, Options);
    }

    /// <summary>Reads an order from its JSON document. The members of an object may come in any order (jsonb reorders them).</summary>
    /// <param name="json">The document.</param>
    /// <returns>The order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="JsonException">The document is not an order, or a value in it is invalid.</exception>
    public static FulfillmentOrder Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<FulfillmentOrder>(json, Options) ?? throw ProblemCodes.Attach(ProblemCodes.StoreDocumentInvalid, new JsonException("The stored order document is null."));
        }
        catch (JsonException e)
        {
            // The serializer's own failures (malformed JSON, a wrong type) get the code too, kept on the same exception.
            ProblemCodes.Attach(ProblemCodes.StoreDocumentInvalid, e);
            throw;
        }
    }

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
