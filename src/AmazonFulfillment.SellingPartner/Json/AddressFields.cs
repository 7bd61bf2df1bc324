using System.Text.Json;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.SellingPartner.Json;

/// <summary>Reads an address object; v0 spells its fields in PascalCase, 2026-01-01 in camelCase.</summary>
internal static class AddressFields
{
    public static ShippingAddress? Read(JsonElement parent, string name, FieldPath at, bool camelCase)
    {
        if (JsonFields.OptionalObject(parent, name, at) is not { } address)
        {
            return null;
        }

        var here = at.Child(name);
        string? Text(string pascal) => Blank(JsonFields.OptionalString(address, camelCase ? char.ToLowerInvariant(pascal[0]) + pascal[1..] : pascal, here));

        var result = new ShippingAddress(
            Text("Name"),
            Text("AddressLine1"),
            Text("AddressLine2"),
            Text("AddressLine3"),
            Text("City"),
            Text("StateOrRegion"),
            Text("PostalCode"),
            Text("CountryCode"),
            Text("Phone"));
        return result == Empty ? null : result;
    }

    private static ShippingAddress Empty { get; } = new(null, null, null, null, null, null, null, null, null);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
