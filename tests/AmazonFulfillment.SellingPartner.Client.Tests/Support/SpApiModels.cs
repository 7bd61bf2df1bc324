using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AmazonFulfillment.Testing.SellingPartner;

namespace AmazonFulfillment.SellingPartner.Client.Tests.Support;

/// <summary>
/// Amazon's OpenAPI models of the operations the client calls (Orders v0 and 2026-01-01, Feeds, Tokens), read from the
/// shared <c>spapi</c> folder beside the repository, and a check of a logged request against them: the operation exists at
/// that method and path, every query parameter is declared and every required one sent, and the JSON body has every
/// required property and no undeclared one, all the way down.
/// </summary>
internal sealed class SpApiModels
{
    private static readonly string[] Files = ["ordersV0.json", "orders_2026-01-01.json", "feeds_2021-06-30.json", "tokens_2021-03-01.json"];
    private readonly List<(string Method, Regex Path, JsonObject Operation, JsonObject Model)> _operations = [];

    private SpApiModels()
    {
        var folder = Locate();
        foreach (var file in Files)
        {
            var model = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(folder, file)))!;
            foreach (var (path, operations) in (JsonObject)model["paths"]!)
            {
                foreach (var (method, operation) in (JsonObject)operations!)
                {
                    if (operation is JsonObject op && op["operationId"] is not null)
                    {
                        var pattern = "^" + Regex.Replace(Regex.Escape(path), @"\\\{[^}]+}", "[^/]+") + "$";
                        _operations.Add((method.ToUpperInvariant(), new Regex(pattern, RegexOptions.CultureInvariant), op, model));
                    }
                }
            }
        }
    }

    public static SpApiModels Instance { get; } = new();

    /// <summary>Answers what is wrong with a request, or nothing.</summary>
    public IEnumerable<string> Problems(FakeAmazonRequest request)
    {
        var matches = _operations.Where(o => o.Method == request.Method && o.Path.IsMatch(request.Path)).ToList();
        if (matches.Count == 0)
        {
            yield return $"{request.Method} {request.Path}: no operation in Amazon's models";
            yield break;
        }

        var (_, _, operation, model) = matches[0];
        var id = (string)operation["operationId"]!;
        var expected = request.Operation == "getOrder (2026-01-01)" ? "getOrder" : request.Operation;
        if (id != expected)
        {
            yield return $"{request.Method} {request.Path}: the model names it {id}, the fake {request.Operation}";
        }

        if (string.IsNullOrEmpty(request.AccessToken))
        {
            yield return $"{id}: no x-amz-access-token header";
        }

        var parameters = ((JsonArray?)operation["parameters"] ?? []).OfType<JsonObject>().ToList();
        var query = parameters.Where(p => (string?)p["in"] == "query").ToList();
        foreach (var name in request.Query.Keys.Where(k => query.All(p => (string?)p["name"] != k)))
        {
            yield return $"{id}: query parameter {name} is not in the model";
        }

        foreach (var required in query.Where(p => (bool?)p["required"] == true).Select(p => (string)p["name"]!))
        {
            if (!request.Query.ContainsKey(required))
            {
                yield return $"{id}: required query parameter {required} missing";
            }
        }

        if (parameters.FirstOrDefault(p => (string?)p["in"] == "body") is { } body)
        {
            if (request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
            {
                yield return $"{id}: body sent as {request.ContentType}, not application/json";
            }

            var value = request.Body is null ? null : JsonNode.Parse(request.Body);
            foreach (var problem in Check(value, (JsonObject)body["schema"]!, model, id + " body"))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<string> Check(JsonNode? value, JsonObject schema, JsonObject model, string at)
    {
        while (schema["$ref"] is { } reference)
        {
            schema = (JsonObject)model["definitions"]![((string)reference!).Split('/')[^1]]!;
        }

        if (value is null)
        {
            yield return $"{at}: missing";
            yield break;
        }

        var type = (string?)schema["type"];
        if (type == "array" || schema["items"] is not null)
        {
            if (value is not JsonArray array)
            {
                yield return $"{at}: not an array";
                yield break;
            }

            foreach (var problem in array.SelectMany((item, i) => Check(item, (JsonObject)schema["items"]!, model, $"{at}[{i}]")))
            {
                yield return problem;
            }
        }
        else if (type == "object" || schema["properties"] is not null)
        {
            if (value is not JsonObject json)
            {
                yield return $"{at}: not an object";
                yield break;
            }

            var properties = (JsonObject?)schema["properties"] ?? [];
            foreach (var required in ((JsonArray?)schema["required"] ?? []).Select(r => (string)r!))
            {
                if (!json.ContainsKey(required))
                {
                    yield return $"{at}.{required}: required, missing";
                }
            }

            foreach (var (name, member) in json)
            {
                if (properties[name] is not JsonObject property)
                {
                    yield return $"{at}.{name}: not in the model";
                    continue;
                }

                foreach (var problem in Check(member, property, model, $"{at}.{name}"))
                {
                    yield return problem;
                }
            }
        }
        else if (type == "string" && (value is not JsonValue text || !text.TryGetValue<string>(out var s) || (schema["enum"] is JsonArray values && values.All(v => (string?)v != s))))
        {
            yield return $"{at}: not a string of the model's values";
        }
        else if (type == "integer" && (value is not JsonValue number || !number.TryGetValue<long>(out _)))
        {
            yield return $"{at}: not an integer";
        }
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "spapi");
            if (File.Exists(Path.Combine(candidate, "ordersV0.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Amazon's SP-API models (shared/spapi/ordersV0.json) were not found beside the repository or above the test's folder.");
    }
}
