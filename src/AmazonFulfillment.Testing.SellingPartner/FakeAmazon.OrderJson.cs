using System.Text.Json.Nodes;

namespace AmazonFulfillment.Testing.SellingPartner;

/// <summary>How the fake writes an order in Amazon's JSON: Orders v0 and Orders 2026-01-01.</summary>
public sealed partial class FakeAmazon
{
    private static JsonObject V0Order(FakeOrder order, bool restricted)
    {
        var json = new JsonObject
        {
            ["AmazonOrderId"] = order.AmazonOrderId,
            ["PurchaseDate"] = Text(order.PurchaseDate!.Value),
            ["LastUpdateDate"] = Text(order.LastUpdateDate),
            ["OrderStatus"] = order.Status,
            ["FulfillmentChannel"] = order.MerchantFulfilled ? "MFN" : "AFN",
            ["SalesChannel"] = "Amazon.com",
            ["MarketplaceId"] = order.MarketplaceId,
            ["NumberOfItemsShipped"] = order.Items.Sum(i => i.QuantityShipped),
            ["NumberOfItemsUnshipped"] = order.Items.Sum(i => i.QuantityOrdered - i.QuantityShipped),
        };
        if (order.Status is not ("Pending" or "PendingAvailability"))
        {
            json["OrderTotal"] = Money(Total(order), order.Currency, pascal: true);
        }

        // Without a restricted data token Amazon answers blank buyer fields, not an error.
        json["BuyerInfo"] = restricted && (order.BuyerEmail ?? order.BuyerName) is not null
            ? new JsonObject { ["BuyerEmail"] = order.BuyerEmail, ["BuyerName"] = order.BuyerName }
            : new JsonObject();
        json["ShippingAddress"] = restricted && order.BuyerName is not null
            ? Address(order.BuyerName, pascal: true)
            : new JsonObject { ["Name"] = string.Empty, ["AddressLine1"] = string.Empty };
        return json;
    }

    private static JsonObject Order2026(FakeOrder order, HashSet<string> included, bool restricted)
    {
        var json = new JsonObject
        {
            ["orderId"] = order.AmazonOrderId,
            ["createdTime"] = Text(order.PurchaseDate!.Value),
            ["lastUpdatedTime"] = Text(order.LastUpdateDate),
            ["salesChannel"] = new JsonObject { ["channelName"] = "AMAZON", ["marketplaceId"] = order.MarketplaceId, ["marketplaceName"] = "Amazon.com" },
        };
        if (included.Contains("BUYER") && restricted && (order.BuyerEmail ?? order.BuyerName) is not null)
        {
            json["buyer"] = new JsonObject { ["buyerName"] = order.BuyerName, ["buyerEmail"] = order.BuyerEmail };
        }

        if (included.Contains("RECIPIENT") && restricted && order.BuyerName is not null)
        {
            json["recipient"] = new JsonObject { ["deliveryAddress"] = Address(order.BuyerName, pascal: false) };
        }

        if (included.Contains("PROCEEDS") && order.Status is not ("Pending" or "PendingAvailability"))
        {
            json["proceeds"] = new JsonObject { ["grandTotal"] = Money(Total(order), order.Currency, pascal: false) };
        }

        if (included.Contains("FULFILLMENT"))
        {
            json["fulfillment"] = new JsonObject { ["fulfillmentStatus"] = FulfillmentStatus2026(order.Status), ["fulfilledBy"] = order.MerchantFulfilled ? "MERCHANT" : "AMAZON" };
        }

        json["orderItems"] = new JsonArray([.. order.Items.Select(i => (JsonNode)OrderItem2026(i, order.Currency))]);
        return json;
    }

    private static string FulfillmentStatus2026(string status) => status switch
    {
        "Pending" => "PENDING",
        "PendingAvailability" => "PENDING_AVAILABILITY",
        "Unshipped" => "UNSHIPPED",
        "PartiallyShipped" => "PARTIALLY_SHIPPED",
        "Shipped" => "SHIPPED",
        "Canceled" => "CANCELLED",
        _ => "UNFULFILLABLE",
    };

    private static JsonObject OrderItem2026(FakeOrderItem i, string currency)
    {
        var item = new JsonObject
        {
            ["orderItemId"] = i.OrderItemId,
            ["quantityOrdered"] = i.QuantityOrdered,
            ["product"] = new JsonObject
            {
                ["asin"] = "B0" + i.OrderItemId[..8],
                ["sellerSku"] = i.Sku,
                ["price"] = new JsonObject { ["unitPrice"] = Money(i.UnitPrice, currency, pascal: false) },
            },
            ["fulfillment"] = new JsonObject { ["quantityFulfilled"] = i.QuantityShipped, ["quantityUnfulfilled"] = i.QuantityOrdered - i.QuantityShipped },
        };
        if (i.BuyerRequestedCancel)
        {
            item["cancellation"] = new JsonObject { ["cancellationRequest"] = new JsonObject { ["requester"] = "BUYER", ["cancelReason"] = "Found cheaper somewhere else." } };
        }

        return item;
    }

    /// <summary>The one address the fake ships to, in v0 (PascalCase) or 2026-01-01 (camelCase) spelling.</summary>
    private static JsonObject Address(string name, bool pascal) => pascal
        ? new JsonObject { ["Name"] = name, ["AddressLine1"] = "410 Terry Ave N", ["City"] = "Seattle", ["StateOrRegion"] = "WA", ["PostalCode"] = "98109", ["CountryCode"] = "US" }
        : new JsonObject { ["name"] = name, ["addressLine1"] = "410 Terry Ave N", ["city"] = "Seattle", ["stateOrRegion"] = "WA", ["postalCode"] = "98109", ["countryCode"] = "US" };
}
