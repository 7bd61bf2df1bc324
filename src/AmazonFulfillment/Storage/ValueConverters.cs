using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Storage;

/// <summary>Writes a domain value as a JSON string and reads it back through the type's own validation.</summary>
internal abstract class StringValueConverter<T> : JsonConverter<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw ProblemCodes.Attach(ProblemCodes.StoreDocumentInvalid, new JsonException($"Expected a string for {typeof(T).Name}."));
        }

        var result = Parse(reader.GetString());
        return result.IsValid ? result.Value : throw ProblemCodes.Attach(ProblemCodes.StoreDocumentInvalid, new JsonException($"Invalid {typeof(T).Name}: {result.Error}"));
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Format(value));

    protected abstract Validated<T> Parse(string? text);

    protected abstract string Format(T value);
}

internal sealed class AmazonOrderIdConverter : StringValueConverter<AmazonOrderId>
{
    protected override Validated<AmazonOrderId> Parse(string? text) => AmazonOrderId.TryCreate(text);

    protected override string Format(AmazonOrderId value) => value.Value;
}

internal sealed class SkuConverter : StringValueConverter<Sku>
{
    protected override Validated<Sku> Parse(string? text) => Sku.TryCreate(text);

    protected override string Format(Sku value) => value.Value;
}

internal sealed class OrderItemIdConverter : StringValueConverter<OrderItemId>
{
    protected override Validated<OrderItemId> Parse(string? text) => OrderItemId.TryCreate(text);

    protected override string Format(OrderItemId value) => value.Value;
}

internal sealed class MarketplaceIdConverter : StringValueConverter<MarketplaceId>
{
    protected override Validated<MarketplaceId> Parse(string? text) => MarketplaceId.TryCreate(text);

    protected override string Format(MarketplaceId value) => value.Value;
}

internal sealed class PackageReferenceIdConverter : StringValueConverter<PackageReferenceId>
{
    protected override Validated<PackageReferenceId> Parse(string? text) => PackageReferenceId.TryCreate(text);

    protected override string Format(PackageReferenceId value) => value.ToString();
}

/// <summary>Money as <c>{"amount":"11.01","currency":"USD"}</c>: the amount is a string so that its scale survives jsonb.</summary>
internal sealed class MoneyConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw ProblemCodes.Attach(ProblemCodes.StoreDocumentInvalid, new JsonException("Expected an object for Money."));
        }

        string? amount = null;
        string? currency = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "amount":
                    amount = reader.GetString();
                    break;
                case "currency":
                    currency = reader.GetString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        var money = Money.TryParse(amount, currency);
        return money.IsValid ? money.Value : throw ProblemCodes.Attach(ProblemCodes.StoreDocumentInvalid, new JsonException($"Invalid Money: {money.Field} {money.Error}"));
    }

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("amount", value.Amount.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("currency", value.Currency);
        writer.WriteEndObject();
    }
}
