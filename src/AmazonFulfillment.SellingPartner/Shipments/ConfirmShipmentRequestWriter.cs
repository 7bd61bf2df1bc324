using System.Globalization;
using System.Text.Json.Nodes;
using AmazonFulfillment.Domain;
using AmazonFulfillment.SellingPartner.Json;

namespace AmazonFulfillment.SellingPartner;

/// <summary>
/// Writes the Orders v0 <c>confirmShipment</c> request (<c>POST /orders/v0/orders/{orderId}/shipmentConfirmation</c>)
/// for one <see cref="ShipmentPackage"/>. Amazon answers HTTP 204 with no body when it accepts the package.
/// </summary>
/// <remarks>
/// The body has the shape and field order of Amazon's accepted example:
/// <c>{"marketplaceId":...,"packageDetail":{"packageReferenceId":"1","carrierCode":...,"carrierName":...,
/// "shippingMethod":...,"trackingNumber":...,"shipDate":"2022-02-11T01:00:00.000Z","orderItems":[{"orderItemId":...,"quantity":1}]}}</c>.
/// Absent optional values (<c>carrierName</c>, <c>shippingMethod</c>) are omitted; <c>carrierName</c> is written
/// whenever the package has one (the domain requires it when <c>carrierCode</c> is <c>Other</c>);
/// <c>shipDate</c> is always ISO-8601 UTC with milliseconds. Retrying with the same package sends the same
/// <c>packageReferenceId</c>, so Amazon sees the same package again.
/// </remarks>
public static class ConfirmShipmentRequestWriter
{
    /// <summary>Gets the request path for an order.</summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <returns>The path, such as <c>/orders/v0/orders/902-1106328-1059050/shipmentConfirmation</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="amazonOrderId"/> is the default value.</exception>
    public static string RequestPath(AmazonOrderId amazonOrderId)
    {
        if (amazonOrderId.Value.Length == 0)
        {
            throw ProblemCodes.Attach(ProblemCodes.InputOrderIdMissing, new ArgumentException("An Amazon order id is required.", nameof(amazonOrderId)));
        }

        return $"/orders/v0/orders/{amazonOrderId.Value}/shipmentConfirmation";
    }

    /// <summary>Builds the request body as a JSON object.</summary>
    /// <param name="package">The package to confirm.</param>
    /// <param name="marketplaceId">The order's marketplace.</param>
    /// <returns>A new JSON object the caller owns.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="package"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="marketplaceId"/> is the default value.</exception>
    public static JsonObject CreateBody(ShipmentPackage package, MarketplaceId marketplaceId)
    {
        ArgumentNullException.ThrowIfNull(package);
        if (marketplaceId.Value.Length == 0)
        {
            throw ProblemCodes.Attach(ProblemCodes.InputInvalidValue, new ArgumentException("A marketplace id is required.", nameof(marketplaceId)));
        }

        var items = new JsonArray();
        foreach (var item in package.Items)
        {
            items.Add(new JsonObject
            {
                ["orderItemId"] = item.OrderItemId.Value,
                ["quantity"] = item.Quantity,
            });
        }

        var detail = new JsonObject
        {
            ["packageReferenceId"] = package.PackageReferenceId.Value.ToString(CultureInfo.InvariantCulture),
            ["carrierCode"] = package.CarrierCode,
        };
        AddIfPresent(detail, "carrierName", package.CarrierName);
        AddIfPresent(detail, "shippingMethod", package.ShippingMethod);
        detail["trackingNumber"] = package.TrackingNumber;
        detail["shipDate"] = SpApiTime.FormatMilliseconds(package.ShipDate);
        detail["orderItems"] = items;

        return new JsonObject
        {
            ["marketplaceId"] = marketplaceId.Value,
            ["packageDetail"] = detail,
        };
    }

    /// <summary>Writes the request body as compact JSON text.</summary>
    /// <param name="package">The package to confirm.</param>
    /// <param name="marketplaceId">The order's marketplace.</param>
    /// <returns>The JSON text to POST.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="package"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="marketplaceId"/> is the default value.</exception>
    public static string WriteBody(ShipmentPackage package, MarketplaceId marketplaceId) =>
        CreateBody(package, marketplaceId).ToJsonString();

    private static void AddIfPresent(JsonObject target, string name, string? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }
}
