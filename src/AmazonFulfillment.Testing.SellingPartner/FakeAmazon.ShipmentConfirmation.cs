using System.Globalization;
using System.Text.Json.Nodes;

namespace AmazonFulfillment.Testing.SellingPartner;

/// <summary>The fake's confirmShipment: what Amazon refuses in a shipment confirmation, and what an accepted one ships.</summary>
public sealed partial class FakeAmazon
{
    private readonly List<(string Order, string Package)> _dropped = [];
    private int _drops;

    /// <summary>
    /// Makes the next <paramref name="count"/> confirmations Amazon would accept answer 204 and keep nothing: no package is stored,
    /// the order's items are not shipped, and <c>getOrder</c> with <c>includedData=PACKAGES</c> does not list it. A confirmation of a
    /// package already held is not dropped.
    /// </summary>
    /// <param name="count">How many confirmations to drop (at least one).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than one.</exception>
    public void DropAcceptedConfirmations(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            _drops += count;
        }
    }

    /// <summary>Gets the confirmations answered 204 and kept nothing (<see cref="DropAcceptedConfirmations"/>): (order id, packageReferenceId).</summary>
    public IReadOnlyList<(string Order, string Package)> DroppedConfirmations
    {
        get
        {
            lock (_gate)
            {
                return [.. _dropped];
            }
        }
    }

    private Answer ConfirmShipment(string id, string? body, DateTimeOffset now)
    {
        if (ParseObject(body) is not { } request)
        {
            return InvalidInput("The request body is not a JSON object.");
        }

        lock (_gate)
        {
            if (!_orders.TryGetValue(id, out var order))
            {
                return Error(404, "NotFound", $"Order {id} was not found.", null);
            }

            if (RefusePackageDetail(id, order, request, out var package, out var packageId) is { } badRequest)
            {
                return badRequest;
            }

            if (_confirmations.ContainsKey((id, packageId)))
            {
                return new Answer(204, null, "application/json", null); // the same package again is the same package
            }

            if (RefuseOrderState(id, order) is { } notConfirmable)
            {
                return notConfirmable;
            }

            if (Ship(id, order, package, out var items) is { } badLine)
            {
                return badLine;
            }

            if (_drops > 0)
            {
                // Accepted and lost: 204, and no package stored (seen on Amazon).
                _drops--;
                _dropped.Add((id, packageId));
                return new Answer(204, null, "application/json", null);
            }

            var status = items.All(i => i.QuantityShipped >= i.QuantityOrdered) ? "Shipped" : "PartiallyShipped";
            _orders[id] = order with { Items = items, Status = status, LastUpdateDate = Seconds(now) };
            _confirmations[(id, packageId)] = body!;
            return new Answer(204, null, "application/json", null);
        }
    }

    private static JsonObject? ParseObject(string? body)
    {
        try
        {
            return body is null ? null : JsonNode.Parse(body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>What Amazon refuses in the request itself: the marketplace and the package's fields; the package and its id otherwise.</summary>
    private static Answer? RefusePackageDetail(string id, FakeOrder order, JsonObject request, out JsonObject package, out string packageId)
    {
        package = null!;
        packageId = string.Empty;
        if (Str(request, "marketplaceId") is not { Length: > 0 } marketplace)
        {
            return InvalidInput("Missing required parameter: marketplaceId.");
        }

        if (marketplace != order.MarketplaceId)
        {
            return InvalidInput($"Order {id} does not belong to marketplace {marketplace}.");
        }

        if (request["packageDetail"] is not JsonObject detail)
        {
            return InvalidInput("Missing required parameter: packageDetail.");
        }

        package = detail;
        if (Str(package, "packageReferenceId") is not { } reference || !long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return InvalidInput("packageReferenceId must be a positive integer.");
        }

        packageId = reference;
        return RefuseCarrierAndDate(package);
    }

    private static Answer? RefuseCarrierAndDate(JsonObject package)
    {
        if (Str(package, "carrierCode") is not { Length: > 0 } carrier)
        {
            return InvalidInput("Missing required parameter: carrierCode.");
        }

        if (carrier == "Other" && string.IsNullOrWhiteSpace(Str(package, "carrierName")))
        {
            return InvalidInput("carrierName is required when carrierCode is Other.");
        }

        if (string.IsNullOrWhiteSpace(Str(package, "trackingNumber")))
        {
            return InvalidInput("Missing required parameter: trackingNumber.");
        }

        if (Str(package, "shipDate") is not { } shipDate
            || !shipDate.Contains('T', StringComparison.Ordinal)
            || !DateTimeOffset.TryParse(shipDate, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            return Error(400, "Invalid Input", "Invalid Input", null); // Amazon's answer to a ship date that is not ISO-8601
        }

        return null;
    }

    /// <summary>Amazon confirms only merchant-fulfilled orders that are neither canceled nor pending.</summary>
    private static Answer? RefuseOrderState(string id, FakeOrder order)
    {
        if (order.Status is "Canceled")
        {
            return InvalidInput($"Order {id} is canceled and cannot be confirmed.");
        }

        return order.Status is "Pending" or "PendingAvailability" || !order.MerchantFulfilled
            ? InvalidInput($"Order {id} cannot be confirmed in status {order.Status}{(order.MerchantFulfilled ? string.Empty : " (fulfilled by Amazon)")}.")
            : null;
    }

    /// <summary>The order's items with the package's lines shipped, or the refusal of a line that is unknown or ships more than is left.</summary>
    private static Answer? Ship(string id, FakeOrder order, JsonObject package, out List<FakeOrderItem> items)
    {
        items = [];
        if (package["orderItems"] is not JsonArray lines || lines.Count == 0)
        {
            return InvalidInput("Missing required parameter: orderItems.");
        }

        var shipped = order.Items.ToDictionary(i => i.OrderItemId, i => i.QuantityShipped, StringComparer.Ordinal);
        foreach (var line in lines.OfType<JsonObject>())
        {
            var itemId = Str(line, "orderItemId");
            var item = order.Items.FirstOrDefault(i => i.OrderItemId == itemId);
            if (item is null)
            {
                return InvalidInput($"Order item {itemId} is not in order {id}.");
            }

            var quantity = line["quantity"] is JsonValue q && q.TryGetValue<int>(out var n) ? n : 0;
            if (quantity < 1 || shipped[item.OrderItemId] + quantity > item.QuantityOrdered)
            {
                return InvalidInput($"Quantity {quantity} of order item {itemId} exceeds the {item.QuantityOrdered - shipped[item.OrderItemId]} units left to ship.");
            }

            shipped[item.OrderItemId] += quantity;
        }

        items = [.. order.Items.Select(i => i with { QuantityShipped = shipped[i.OrderItemId] })];
        return null;
    }
}
