using System.Collections.Immutable;
using System.Text.Json;
using AmazonFulfillment.Domain;
using AmazonFulfillment.SellingPartner.Json;
using AmazonFulfillment.SellingPartner.Orders2026;

namespace AmazonFulfillment.SellingPartner;

/// <summary>Reads SP-API Orders 2026-01-01 responses (<c>searchOrders</c>, <c>getOrder</c>) into the domain.</summary>
/// <remarks>
/// <para>Mapping: <c>fulfillment.fulfillmentStatus</c> maps onto <see cref="AmazonOrderStatus"/> (<c>CANCELLED</c> is
/// <see cref="AmazonOrderStatus.Canceled"/>; 2026-01-01 has no InvoiceUnconfirmed) and <c>fulfillment.fulfilledBy</c>
/// <c>MERCHANT</c>/<c>AMAZON</c> onto <see cref="FulfillmentChannel"/>, so the request must include
/// <c>includedData=FULFILLMENT</c>; <c>createdTime</c>/<c>lastUpdatedTime</c> are the purchase and last-update dates;
/// <c>proceeds.grandTotal</c> is the order total; <c>buyer</c> and <c>recipient.deliveryAddress</c> give the buyer and
/// address when included; an item's line total is <c>product.price.unitPrice</c> × <c>quantityOrdered</c>, its shipped
/// quantity <c>fulfillment.quantityFulfilled</c>, and a <c>cancellation.cancellationRequest</c> from the buyer sets
/// <see cref="AmazonOrderItem.BuyerRequestedCancel"/>. Orders carry their items (the model requires
/// <c>orderItems</c>); an order without the member gets <see langword="null"/> items.</para>
/// <para>Errors: <see cref="SellingPartnerFormatException"/> naming the field (2026-01-01 spelling) and the order, never buyer data.</para>
/// </remarks>
public static class Orders2026Reader
{
    /// <summary>Reads a <c>searchOrders</c> response page (<c>{"orders":[...],"pagination":{"nextToken":...}}</c>).</summary>
    /// <param name="json">The response body.</param>
    /// <returns>The orders and the next-page token (pass it back as <c>paginationToken</c>).</returns>
    /// <exception cref="SellingPartnerFormatException">The body is malformed or an order cannot be mapped.</exception>
    public static OrdersPage ReadSearchOrdersResponse(string json) => ResponseFields.FromText(json, ReadSearchOrdersResponse);

    /// <summary>Reads a <c>searchOrders</c> response page.</summary>
    /// <param name="response">The response body.</param>
    /// <returns>The orders and the next-page token (pass it back as <c>paginationToken</c>).</returns>
    /// <exception cref="SellingPartnerFormatException">The body is malformed or an order cannot be mapped.</exception>
    public static OrdersPage ReadSearchOrdersResponse(JsonElement response)
    {
        var ordersAt = FieldPath.Root.Child("orders");
        var orders = ResponseFields.ArrayMember(response, "orders", FieldPath.Root);
        var snapshots = ImmutableArray.CreateBuilder<AmazonOrderSnapshot>(orders.GetArrayLength());
        var index = 0;
        foreach (var order in orders.EnumerateArray())
        {
            snapshots.Add(V2026OrderMapper.Order(order, ordersAt.Index(index++)));
        }

        var nextToken = JsonFields.OptionalObject(response, "pagination", FieldPath.Root) is { } pagination
            ? ResponseFields.Token(pagination, "nextToken", FieldPath.Root.Child("pagination"))
            : null;

        return new OrdersPage(
            snapshots.MoveToImmutable(),
            nextToken,
            ResponseFields.EchoDate(response, "lastUpdatedBefore", FieldPath.Root),
            ResponseFields.EchoDate(response, "createdBefore", FieldPath.Root));
    }

    /// <summary>Reads a <c>getOrder</c> response (<c>{"order":{...}}</c>).</summary>
    /// <param name="json">The response body.</param>
    /// <returns>The order with its items.</returns>
    /// <exception cref="SellingPartnerFormatException">The body is malformed or the order cannot be mapped.</exception>
    public static AmazonOrderSnapshot ReadGetOrderResponse(string json) => ResponseFields.FromText(json, ReadGetOrderResponse);

    /// <summary>Reads a <c>getOrder</c> response.</summary>
    /// <param name="response">The response body.</param>
    /// <returns>The order with its items.</returns>
    /// <exception cref="SellingPartnerFormatException">The body is malformed or the order cannot be mapped.</exception>
    public static AmazonOrderSnapshot ReadGetOrderResponse(JsonElement response) =>
        V2026OrderMapper.Order(ResponseFields.Member(response, "order", FieldPath.Root), FieldPath.Root.Child("order"));

    /// <summary>
    /// Reads the package reference ids of a <c>getOrder</c> response requested with <c>includedData=PACKAGES</c>
    /// (<c>order.packages[].packageReferenceId</c>): the packages Amazon holds for the order. An order without <c>packages</c> holds none.
    /// </summary>
    /// <param name="json">The response body.</param>
    /// <returns>The package reference ids, as Amazon spells them.</returns>
    /// <exception cref="SellingPartnerFormatException">The body is malformed, or a package has no <c>packageReferenceId</c>.</exception>
    public static ImmutableArray<string> ReadGetOrderPackages(string json) => ResponseFields.FromText(json, ReadGetOrderPackages);

    /// <summary>Reads the package reference ids of a <c>getOrder</c> response requested with <c>includedData=PACKAGES</c>.</summary>
    /// <param name="response">The response body.</param>
    /// <returns>The package reference ids, as Amazon spells them.</returns>
    /// <exception cref="SellingPartnerFormatException">The body is malformed, or a package has no <c>packageReferenceId</c>.</exception>
    public static ImmutableArray<string> ReadGetOrderPackages(JsonElement response)
    {
        var orderAt = FieldPath.Root.Child("order");
        var order = JsonFields.Object(ResponseFields.Member(response, "order", FieldPath.Root), orderAt);
        if (JsonFields.OptionalArray(order, "packages", orderAt) is not { } packages)
        {
            return [];
        }

        var at = orderAt.Child("packages");
        var ids = ImmutableArray.CreateBuilder<string>(packages.GetArrayLength());
        var index = 0;
        foreach (var package in packages.EnumerateArray())
        {
            var packageAt = at.Index(index++);
            ids.Add(JsonFields.RequiredString(JsonFields.Object(package, packageAt), "packageReferenceId", packageAt));
        }

        return ids.MoveToImmutable();
    }

    /// <summary>Reads one 2026-01-01 <c>Order</c> object.</summary>
    /// <param name="order">The order object.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="SellingPartnerFormatException">The order cannot be mapped.</exception>
    public static AmazonOrderSnapshot ReadOrder(JsonElement order) => V2026OrderMapper.Order(order, FieldPath.Root);

    /// <summary>Reads one untrusted 2026-01-01 <c>Order</c> object, returning the refusal instead of throwing.</summary>
    /// <param name="order">The order object.</param>
    /// <returns>The snapshot, or the field and reason (prefixed with the order id when known) it was refused.</returns>
    public static Validated<AmazonOrderSnapshot> TryReadOrder(JsonElement order) =>
        ResponseFields.Try(() => V2026OrderMapper.Order(order, FieldPath.Root));
}
