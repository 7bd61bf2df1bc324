using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace AmazonFulfillment.Domain;

/// <summary>Reads the carrier catalog's JSON, naming the JSON path of anything wrong.</summary>
internal static class CarrierCatalogReader
{
    public static CarrierCatalog Read(string json, string parameter)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw ProblemCodes.Attach(ProblemCodes.SettingsCarrierCatalogInvalid, new ArgumentException($"The carrier catalog is not valid JSON: {e.Message}", parameter, e));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error(parameter, "$", "must be a JSON object.");
            }

            var source = Text(root, "source", "$", parameter);
            var asOfText = Text(root, "asOf", "$", parameter);
            if (!DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf))
            {
                throw Error(parameter, "$.asOf", $"'{asOfText}' is not a date like 2026-01-31.");
            }

            var formats = ReadFormats(root, parameter);
            var marketplaces = ReadMarketplaces(root, parameter);
            return CarrierCatalog.Create(source, asOf, formats, marketplaces, parameter);
        }
    }

    private static ImmutableArray<TrackingFormat> ReadFormats(JsonElement root, string parameter)
    {
        var formats = ImmutableArray.CreateBuilder<TrackingFormat>();
        var index = 0;
        foreach (var format in Array(root, "formats", "$", parameter, required: false))
        {
            var path = $"$.formats[{index++}]";
            var patterns = Array(format, "patterns", path, parameter, required: true)
                .Select((p, i) => p.ValueKind == JsonValueKind.String ? p.GetString()! : throw Error(parameter, $"{path}.patterns[{i}]", "must be a string."))
                .ToList();
            formats.Add(Build(parameter, path, () => new TrackingFormat(Text(format, "id", path, parameter), Text(format, "description", path, parameter), patterns)));
        }

        return formats.ToImmutable();
    }

    private static ImmutableArray<MarketplaceCarriers> ReadMarketplaces(JsonElement root, string parameter)
    {
        var marketplaces = ImmutableArray.CreateBuilder<MarketplaceCarriers>();
        var index = 0;
        foreach (var marketplace in Array(root, "marketplaces", "$", parameter, required: true))
        {
            var path = $"$.marketplaces[{index++}]";
            var idText = Text(marketplace, "id", path, parameter);
            var id = MarketplaceId.TryCreate(idText, "id");
            if (!id.IsValid)
            {
                throw Error(parameter, $"{path}.id", $"'{idText}' {id.Error}");
            }

            var carriers = ImmutableArray.CreateBuilder<CarrierEntry>();
            var carrierIndex = 0;
            foreach (var carrier in Array(marketplace, "carriers", path, parameter, required: true))
            {
                var carrierPath = $"{path}.carriers[{carrierIndex++}]";
                var names = Strings(carrier, "names", carrierPath, parameter);
                var formatIds = Strings(carrier, "formats", carrierPath, parameter);
                carriers.Add(Build(parameter, carrierPath, () => new CarrierEntry(Text(carrier, "code", carrierPath, parameter), names, formatIds)));
            }

            marketplaces.Add(new MarketplaceCarriers(
                id.Value,
                OptionalText(marketplace, "name", path, parameter),
                OptionalText(marketplace, "source", path, parameter),
                carriers.ToImmutable()));
        }

        return marketplaces.ToImmutable();
    }

    private static T Build<T>(string parameter, string path, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (ArgumentException e) when (e.ParamName != parameter)
        {
            throw Error(parameter, path, e.Message.Split(" (Parameter", 2)[0], e);
        }
    }

    private static string Text(JsonElement element, string property, string path, string parameter) =>
        OptionalText(element, property, path, parameter) ?? throw Error(parameter, $"{path}.{property}", "is required.");

    private static string? OptionalText(JsonElement element, string property, string path, string parameter)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(parameter, path, "must be a JSON object.");
        }

        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw Error(parameter, $"{path}.{property}", "must be a non-blank string.");
        }

        return value.GetString()!.Trim();
    }

    private static IEnumerable<JsonElement> Array(JsonElement element, string property, string path, string parameter, bool required)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(parameter, path, "must be a JSON object.");
        }

        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw Error(parameter, $"{path}.{property}", "is required.") : [];
        }

        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : throw Error(parameter, $"{path}.{property}", "must be an array.");
    }

    private static List<string> Strings(JsonElement element, string property, string path, string parameter) =>
        Array(element, property, path, parameter, required: false)
            .Select((v, i) => v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Error(parameter, $"{path}.{property}[{i}]", "must be a string."))
            .ToList();

    private static ArgumentException Error(string parameter, string path, string reason, Exception? inner = null) =>
        ProblemCodes.Attach(ProblemCodes.SettingsCarrierCatalogInvalid, new ArgumentException($"The carrier catalog's {path} {reason}", parameter, inner));
}
