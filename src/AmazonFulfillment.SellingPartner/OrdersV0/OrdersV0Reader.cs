using System.Collections.Immutable;
using System.Text.Json;
using AmazonFulfillment.Domain;
using AmazonFulfillment.SellingPartner.Json;
using AmazonFulfillment.SellingPartner.OrdersV0;

namespace AmazonFulfillment.SellingPartner;

/// <summary>
/// Reads SP-API Orders v0 responses (<c>getOrders</c>, <c>getOrder</c>, <c>getOrderItems</c>,
/// <c>getOrderBuyerInfo</c>, <c>getOrderAddress</c>) into the domain.
/// </summary>
/// <remarks>
/// <para>Mapping: <c>OrderStatus</c> maps one-to-one onto <see cref="AmazonOrderStatus"/>; <c>FulfillmentChannel</c>
/// <c>MFN</c> is <see cref="FulfillmentChannel.Merchant"/> and <c>AFN</c> <see cref="FulfillmentChannel.Amazon"/>;
/// dates are ISO-8601 and come back in UTC; amounts are decimal strings; an absent <c>BuyerInfo</c>,
/// <c>ShippingAddress</c> or <c>OrderTotal</c> (restricted or not yet known) gives <see langword="null"/>;
/// an item's <c>ItemPrice</c> is the line total; an absent <c>QuantityShipped</c> is 0.</para>
/// <para>Errors: the <c>Read*</c> methods throw <see cref="SellingPartnerFormatException"/> naming the field and
/// the order; the <c>TryRead*</c> methods return the same field and reason as an invalid
/// <see cref="Validated{T}"/>. Neither ever includes buyer data.</para>
/// </remarks>
public static class OrdersV0Reader
{
    /// <summary>Reads a <c>getOrders</c> response page (<c>{"payload":{"Orders":[...],"NextToken":...}}</c>).</summary>
    /// <param name="json">The response body.</param>
    /// <returns>The orders (without items) and the next-page token.</returns>
    /// <exception cref="SellingPartnerFormatException">The body is malformed or an order cannot be mapped.</exception>
    public static OrdersPage ReadGetOrdersResponse(string json) => ResponseFields.FromText(json, ReadGetOrdersResponse);

    /// <summary>Reads a <c>getOrders</c> response page.</summary>
    /// <param name="response">The response body.</param>
    /// <returns>The orders (without items) and the next-page token.</returns>
    /// <exception cref="SellingPartnerFormatException">The body is malformed or an order cannot be mapped.</exception>
    public static OrdersPage ReadGetOrdersResponse(JsonElement response)
    {
        var payloadAt = FieldPath.Root.Child("payload");
        var payload = ResponseFields.Member(response, "payload", FieldPath.Root);
        var ordersAt = payloadAt.Child("Orders");
        var orders = JsonFields.RequiredArray(payload, "Orders", payloadAt);
        var snapshots = ImmutableArray.CreateBuilder<AmazonOrderSnapshot>(orders.GetArrayLength());
        var index = 0;
        foreach (var order in orders.EnumerateArray())
        {
            snapshots.Add(V0OrderMapper.Order(order, ordersAt.Index(index++)));
        }

        return new OrdersPage(
            snapshots.MoveToImmutable(),
            ResponseFields.Token(payload, "NextToken", payloadAt),
            ResponseFields.EchoDate(payload, "LastUpdatedBefore", payloadAt),
            ResponseFields.EchoDate(payload, "CreatedBefore", payloadAt));
    }

    /// <summary>Reads a <c>getOrder</c> response (<c>{"payload":{Order}}</c>).</summary>
    /// <param name="json">The response body.</param>
    /// <returns>The order, without items.</returns>
    /// <exception cref="SellingPartnerFormatException">The body is malformed or the order cannot be mapped.</exception>
    public static AmazonOrderSnapshot ReadGetOrderResponse(string json) => ResponseFields.FromText(json, ReadGetOrderResponse);

    /// <summary>Reads a <c>getOrder</c> response.</summary>
    /// <param name="response">The response body.</param>
    /// <returns>The order, without items.</returns>
    /// <exception cref="SellingPartnerFormatException">The body is malformed or the order cannot be mapped.</exception>
    public static AmazonOrderSnapshot ReadGetOrderResponse(JsonElement response) =>
        V0OrderMapper.Order(ResponseFields.Member(response, "payload", FieldPath.Root), FieldPath.Root.Child("payload"));

    /// <summary>Reads one v0 <c>Order</c> object.</summary>
    /// <param name="orderJson">The order object.</param>
    /// <returns>The snapshot, without items.</returns>
    /// <exception cref="SellingPartnerFormatException">The JSON is malformed or the order cannot be mapped.</exception>
    public static AmazonOrderSnapshot ReadOrder(string orderJson) => ResponseFields.FromText(orderJson, ReadOrder);

    /// <summary>Reads one v0 <c>Order</c> object.</summary>
    /// <param name="order">The order object.</param>
    /// <returns>The snapshot, without items.</returns>
    /// <exception cref="SellingPartnerFormatException">The order cannot be mapped.</exception>
    public static AmazonOrderSnapshot ReadOrder(JsonElement order) => V0OrderMapper.Order(order, FieldPath.Root);

    /// <summary>Reads one v0 <c>Order</c> object and the array of its v0 <c>OrderItem</c> objects.</summary>
    /// <param name="orderJson">The order object.</param>
    /// <param name="orderItemsJson">The array of order items.</param>
    /// <returns>The snapshot with its items.</returns>
    /// <exception cref="SellingPartnerFormatException">The JSON is malformed or the order or an item cannot be mapped.</exception>
    public static AmazonOrderSnapshot ReadOrder(string orderJson, string orderItemsJson)
    {
        ArgumentNullException.ThrowIfNull(orderItemsJson);
        return ResponseFields.FromText(orderJson, order => ResponseFields.FromText(orderItemsJson, items => ReadOrder(order, items), "OrderItems"));
    }

    /// <summary>Reads one v0 <c>Order</c> object and the array of its v0 <c>OrderItem</c> objects.</summary>
    /// <param name="order">The order object.</param>
    /// <param name="orderItems">The array of order items.</param>
    /// <returns>The snapshot with its items.</returns>
    /// <exception cref="SellingPartnerFormatException">The order or an item cannot be mapped.</exception>
    public static AmazonOrderSnapshot ReadOrder(JsonElement order, JsonElement orderItems) =>
        V0OrderMapper.Order(order, FieldPath.Root, orderItems);

    /// <summary>
    /// Reads untrusted input (one v0 <c>Order</c> object and, optionally, the array of its <c>OrderItem</c>
    /// objects), returning the refusal instead of throwing.
    /// </summary>
    /// <param name="orderJson">The order object.</param>
    /// <param name="orderItemsJson">The array of order items, or <see langword="null"/> when the observation carries none.</param>
    /// <returns>The snapshot, or the field and reason (prefixed with the order id when known) it was refused.</returns>
    public static Validated<AmazonOrderSnapshot> TryReadOrder(string? orderJson, string? orderItemsJson = null) =>
        ResponseFields.Try(() =>
        {
            if (orderJson is null)
            {
                throw new SellingPartnerFormatException("$", null, "is required.");
            }

            return orderItemsJson is null ? ReadOrder(orderJson) : ReadOrder(orderJson, orderItemsJson);
        });

    /// <summary>
    /// Reads untrusted input (one v0 <c>Order</c> object and, optionally, the array of its <c>OrderItem</c>
    /// objects), returning the refusal instead of throwing.
    /// </summary>
    /// <param name="order">The order object.</param>
    /// <param name="orderItems">The array of order items, or <see langword="null"/> when the observation carries none.</param>
    /// <returns>The snapshot, or the field and reason (prefixed with the order id when known) it was refused.</returns>
    public static Validated<AmazonOrderSnapshot> TryReadOrder(JsonElement order, JsonElement? orderItems = null) =>
        ResponseFields.Try(() => V0OrderMapper.Order(order, FieldPath.Root, orderItems));

    /// <summary>Reads a <c>getOrderItems</c> response page (<c>{"payload":{"AmazonOrderId":...,"OrderItems":[...],"NextToken":...}}</c>).</summary>
    /// <param name="json">The response body.</param>
    /// <returns>The order id, its items on this page and the next-page token.</returns>
    /// <exception cref="SellingPartnerFormatException">The body is malformed or an item cannot be mapped.</exception>
    public static OrderItemsPage ReadGetOrderItemsResponse(string json) => ResponseFields.FromText(json, ReadGetOrderItemsResponse);

    /// <summary>Reads a <c>getOrderItems</c> response page.</summary>
    /// <param name="response">The response body.</param>
    /// <returns>The order id, its items on this page and the next-page token.</returns>
    /// <exception cref="SellingPartnerFormatException">The body is malformed or an item cannot be mapped.</exception>
    public static OrderItemsPage ReadGetOrderItemsResponse(JsonElement response)
    {
        var payloadAt = FieldPath.Root.Child("payload");
        var payload = ResponseFields.Member(response, "payload", FieldPath.Root);
        var id = V0OrderMapper.OrderId(payload, "AmazonOrderId", payloadAt);
        var here = payloadAt.ForOrder(id);
        var items = V0ItemMapper.Items(JsonFields.RequiredArray(payload, "OrderItems", here), here.Child("OrderItems"));
        return new OrderItemsPage(AmazonOrderId.Parse(id), items, ResponseFields.Token(payload, "NextToken", here));
    }

    /// <summary>Reads an array of v0 <c>OrderItem</c> objects.</summary>
    /// <param name="orderItemsJson">The array.</param>
    /// <param name="amazonOrderId">The order they belong to, named in errors; <see langword="null"/> when unknown.</param>
    /// <returns>The items, in the order given.</returns>
    /// <exception cref="SellingPartnerFormatException">The JSON is malformed or an item cannot be mapped.</exception>
    public static ImmutableArray<AmazonOrderItem> ReadOrderItems(string orderItemsJson, string? amazonOrderId = null) =>
        ResponseFields.FromText(orderItemsJson, items => ReadOrderItems(items, amazonOrderId), "OrderItems");

    /// <summary>Reads an array of v0 <c>OrderItem</c> objects.</summary>
    /// <param name="orderItems">The array.</param>
    /// <param name="amazonOrderId">The order they belong to, named in errors; <see langword="null"/> when unknown.</param>
    /// <returns>The items, in the order given.</returns>
    /// <exception cref="SellingPartnerFormatException">An item cannot be mapped.</exception>
    public static ImmutableArray<AmazonOrderItem> ReadOrderItems(JsonElement orderItems, string? amazonOrderId = null) =>
        V0ItemMapper.Items(orderItems, new FieldPath("OrderItems", amazonOrderId));

    /// <summary>Reads a <c>getOrderBuyerInfo</c> response (<c>{"payload":{"AmazonOrderId":...,"BuyerEmail":...,"BuyerName":...}}</c>).</summary>
    /// <param name="json">The response body.</param>
    /// <returns>The order id and the buyer's details.</returns>
    /// <exception cref="SellingPartnerFormatException">The body is malformed.</exception>
    public static OrderBuyerDetails ReadGetOrderBuyerInfoResponse(string json) => ResponseFields.FromText(json, ReadGetOrderBuyerInfoResponse);

    /// <summary>Reads a <c>getOrderBuyerInfo</c> response.</summary>
    /// <param name="response">The response body.</param>
    /// <returns>The order id and the buyer's details.</returns>
    /// <exception cref="SellingPartnerFormatException">The body is malformed.</exception>
    public static OrderBuyerDetails ReadGetOrderBuyerInfoResponse(JsonElement response)
    {
        var payloadAt = FieldPath.Root.Child("payload");
        var payload = ResponseFields.Member(response, "payload", FieldPath.Root);
        var id = V0OrderMapper.OrderId(payload, "AmazonOrderId", payloadAt);
        return new OrderBuyerDetails(AmazonOrderId.Parse(id), V0OrderMapper.BuyerFields(payload, payloadAt.ForOrder(id)));
    }

    /// <summary>Reads a <c>getOrderAddress</c> response (<c>{"payload":{"AmazonOrderId":...,"ShippingAddress":{...}}}</c>).</summary>
    /// <param name="json">The response body.</param>
    /// <returns>The order id and the shipping address.</returns>
    /// <exception cref="SellingPartnerFormatException">The body is malformed.</exception>
    public static OrderShippingAddress ReadGetOrderAddressResponse(string json) => ResponseFields.FromText(json, ReadGetOrderAddressResponse);

    /// <summary>Reads a <c>getOrderAddress</c> response.</summary>
    /// <param name="response">The response body.</param>
    /// <returns>The order id and the shipping address.</returns>
    /// <exception cref="SellingPartnerFormatException">The body is malformed.</exception>
    public static OrderShippingAddress ReadGetOrderAddressResponse(JsonElement response)
    {
        var payloadAt = FieldPath.Root.Child("payload");
        var payload = ResponseFields.Member(response, "payload", FieldPath.Root);
        var id = V0OrderMapper.OrderId(payload, "AmazonOrderId", payloadAt);
        return new OrderShippingAddress(AmazonOrderId.Parse(id), AddressFields.Read(payload, "ShippingAddress", payloadAt.ForOrder(id), camelCase: false));
    }
}
