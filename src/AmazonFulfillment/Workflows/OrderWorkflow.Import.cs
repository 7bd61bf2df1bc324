using System.Collections.Immutable;
using System.Runtime.InteropServices;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Workflows;

/// <content>The import pipeline: items → customer → Commerce order, and the checks on what the ports hand back.</content>
public static partial class OrderWorkflow
{
    // ---- The import pipeline: items → customer → Commerce order -------------------------------

    private static void StartImport(ref OrderDraft draft, bool automatic, OrderSettings settings)
    {
        draft.Error = null;
        draft.ImportAttempts++;
        if (automatic)
        {
            draft.AutomaticImportAttempts++;
        }

        NextImportStep(ref draft, settings);
    }

    // Items are fetched once per status change that needs them; Shipped and InvoiceUnconfirmed are one status for this.
    private static bool NeedsItems(in OrderDraft draft) =>
        draft.ItemsFetchedFor is not { } fetched || TriggerFor(fetched) != TriggerFor(draft.AmazonStatus);

    private static void NextImportStep(ref OrderDraft draft, OrderSettings settings)
    {
        if (NeedsItems(draft))
        {
            Enqueue(ref draft, new FetchOrderItems(draft.Id, draft.AmazonStatus), settings);
        }
        else if (draft.Customer is null && settings.CustomerCreation == CustomerCreation.CreateAccount && draft.Buyer?.Email is { } email)
        {
            Enqueue(ref draft, new ResolveCustomer(draft.Id, email, draft.Buyer.Name), settings);
        }
        else
        {
            Enqueue(ref draft, new CreateCommerceOrder(BuildRequest(draft, settings)), settings);
        }
    }

    private static CommerceOrderRequest BuildRequest(in OrderDraft order, OrderSettings settings)
    {
        var fba = order.Channel == FulfillmentChannel.Amazon;
        var count = 0;
        foreach (var i in order.Items)
        {
            count += i.QuantityOrdered > 0 ? 1 : 0;
        }

        var lines = new CommerceOrderLine[count];
        count = 0;
        foreach (var i in order.Items)
        {
            if (i.QuantityOrdered > 0)
            {
                lines[count++] = new CommerceOrderLine(i.Sku, i.QuantityOrdered, i.ItemPrice?.PerUnit(i.QuantityOrdered));
            }
        }

        return new CommerceOrderRequest
        {
            AmazonOrderId = order.Id,
            Channel = order.Channel,
            StoreView = settings.StoreView ?? string.Empty,
            OrderNumber = settings.OrderNumberSource == OrderNumberSource.Amazon ? order.Id.Value : null,
            InitialStatus = fba ? CommerceStatuses.Complete : settings.NewOrderStatus,
            ReserveInventory = !fba && settings.ReserveInventory,
            RequireStock = !fba,
            CustomerId = order.Customer?.CustomerId,
            Buyer = order.Buyer,
            ShippingAddress = order.ShippingAddress,
            Lines = ImmutableCollectionsMarshal.AsImmutableArray(lines),
            Total = order.OrderTotal ?? SumOfLines(order.Items),
            PurchaseDate = order.PurchaseDate,
        };
    }

    private static Money? SumOfLines(ImmutableArray<TrackedItem> items)
    {
        Money? total = null;
        foreach (var item in items)
        {
            if (item.ItemPrice is not { } price)
            {
                return null;
            }

            if (total is { } t && t.Currency != price.Currency)
            {
                return null;
            }

            total = total is { } sum ? sum.Add(price) : price;
        }

        return total;
    }

    private static Decision ItemsFetched(FulfillmentOrder? order, OrderItemsFetched input, OrderSettings settings)
    {
        var index = order is null ? -1 : Outbox.IndexOf(order.Outbox, static (e, status) => e is FetchOrderItems f && f.ForStatus == status, input.ForStatus);
        if (index < 0)
        {
            return NotPending(order, nameof(OrderItemsFetched), new FetchOrderItems(input.AmazonOrderId, input.ForStatus).IdempotencyKey);
        }

        if ((InvalidItems(input.Items) ?? DropsShippedLines(order!, input.Items)) is { } invalid)
        {
            // A port's answer is untrusted input: refused whole, never half-applied (the runtime then records it as a failure).
            return Refuse(order!, nameof(OrderItemsFetched), invalid.Code, invalid.Field, invalid.Reason);
        }

        var draft = new OrderDraft(order!);
        draft.Outbox = Outbox.RemoveAt(draft.Outbox, index);
        ApplyAmazonItems(ref draft, input.Items, input.ForStatus);
        if (draft.AmazonStatus.IsShipped() || draft.Channel == FulfillmentChannel.Amazon)
        {
            ShipEverythingOutside(ref draft);
        }

        if (Move(order, ref draft, OrderTrigger.ItemsFetched, nameof(OrderItemsFetched), settings) is { } early)
        {
            return early;
        }

        if (draft.State == OrderState.Importing)
        {
            NextImportStep(ref draft, settings);
        }
        else if (draft.State == OrderState.PartiallyShipped)
        {
            MarkProcessingIfShippedOutside(ref draft, settings);
        }

        return Applied(order, draft);
    }

    private static Decision CustomerResolved(FulfillmentOrder? order, CustomerResolved input, OrderSettings settings)
    {
        var index = order is null ? -1 : Outbox.IndexOf(order.Outbox, static (e, _) => e is ResolveCustomer, 0);
        if (index < 0)
        {
            return NotPending(order, nameof(CustomerResolved), $"{input.AmazonOrderId}:customer");
        }

        if (string.IsNullOrWhiteSpace(input.CustomerId))
        {
            return Refuse(order!, nameof(CustomerResolved), ProblemCodes.PortCustomerIdMissing, "CustomerId", "the customers port resolved the customer without an id, which breaks its contract; the answer was not applied. "
                + "Fix the port (FindCustomer and CreateCustomer answer the customer's id on success), then retry the import.");
        }

        var draft = new OrderDraft(order!);
        draft.Outbox = Outbox.RemoveAt(draft.Outbox, index);
        draft.Customer = new CustomerRef(CustomerKind.Account, input.CustomerId);
        if (Move(order, ref draft, OrderTrigger.CustomerFound, nameof(CustomerResolved), settings) is { } early)
        {
            return early;
        }

        if (draft.State == OrderState.Importing)
        {
            NextImportStep(ref draft, settings);
        }

        return Applied(order, draft);
    }

    private static Decision Created(FulfillmentOrder? order, CommerceOrderCreated input, OrderSettings settings)
    {
        // A creation that lands after Amazon cancelled (another worker applied the cancellation meanwhile)
        // is not a late duplicate: the Commerce order now exists and must be cancelled too.
        var createdAfterCancel = order is { State: OrderState.Canceled, CommerceOrder: null };
        var index = order is null ? -1 : Outbox.IndexOf(order.Outbox, static (e, _) => e is CreateCommerceOrder, 0);
        if (!createdAfterCancel && index < 0)
        {
            return NotPending(order, nameof(CommerceOrderCreated), $"{input.AmazonOrderId}:create");
        }

        if (string.IsNullOrWhiteSpace(input.CommerceOrderId) || string.IsNullOrWhiteSpace(input.OrderNumber) || string.IsNullOrWhiteSpace(input.Status))
        {
            return Refuse(order!, nameof(CommerceOrderCreated), ProblemCodes.PortCommerceOrderIncomplete, "CommerceOrderId", "the Commerce port created the order without its id, number or status, which breaks its contract: all three are required. "
                + "The answer was not applied; fix the port, check in Commerce whether the order exists, then retry the import.");
        }

        var draft = new OrderDraft(order!);
        draft.Outbox = Outbox.RemoveAt(draft.Outbox, index);
        draft.CommerceOrder = new CommerceOrderRef(input.CommerceOrderId, input.OrderNumber, input.Status);
        draft.Customer ??= CustomerRef.Guest;
        draft.Error = null;
        if (Move(order, ref draft, OrderTrigger.CommerceCreated, nameof(CommerceOrderCreated), settings) is { } early)
        {
            return early;
        }

        switch (draft.State)
        {
            case OrderState.Shipped when input.Status != CommerceStatuses.Complete:
                Enqueue(ref draft, new CompleteCommerceOrder(draft.Id), settings);
                break;
            case OrderState.Canceled:
                Enqueue(ref draft, new CancelCommerceOrder(draft.Id), settings);
                break;
            case OrderState.PartiallyShipped:
                MarkProcessingIfShippedOutside(ref draft, settings); // first seen late: what Amazon shipped counts as shipped
                break;
        }

        return Applied(order, draft);
    }

    private static Decision CreationRefused(FulfillmentOrder? order, CommerceOrderRefused input, OrderSettings settings)
    {
        var index = order is null ? -1 : Outbox.IndexOf(order.Outbox, static (e, _) => e is CreateCommerceOrder, 0);
        if (index < 0)
        {
            return NotPending(order, nameof(CommerceOrderRefused), $"{input.AmazonOrderId}:create");
        }

        var draft = new OrderDraft(order!);
        draft.Outbox = Outbox.RemoveAt(draft.Outbox, index);
        if (Move(order, ref draft, OrderTrigger.CommerceRefused, nameof(CommerceOrderRefused), settings) is { } early)
        {
            return early;
        }

        if (draft.State == OrderState.Blocked)
        {
            draft.SetError(ProblemCodes.ImportRefusedByCommerce, string.IsNullOrWhiteSpace(input.Reason) ? "Commerce refused the order without a reason." : input.Reason);
        }

        return Applied(order, draft);
    }


    // ---- Port results are untrusted --------------------------------------------------------------

    /// <summary>Why a list of lines loses what Commerce shipped (a line missing, or fewer units ordered than shipped), or <see langword="null"/>.</summary>
    private static (string Code, string Field, string Reason)? DropsShippedLines(FulfillmentOrder order, ImmutableArray<AmazonOrderItem> items)
    {
        foreach (var known in order.Items)
        {
            if (known.ShippedByCommerce == 0)
            {
                continue;
            }

            var line = items.FirstOrDefault(i => i.OrderItemId == known.OrderItemId);
            if (line is null || line.QuantityOrdered < known.ShippedByCommerce)
            {
                return (ProblemCodes.PortItemsLackShippedUnits, "Items.OrderItemId", $"the Amazon port's list lacks the {known.ShippedByCommerce} unit(s) of order item {known.OrderItemId} that Commerce shipped; the list was not applied. Fix the port, then retry the import.");
            }
        }

        return null;
    }

    /// <summary>Why a list of lines from the Amazon port cannot be applied, or <see langword="null"/> when it can.</summary>
    private static (string Code, string Field, string Reason)? InvalidItems(ImmutableArray<AmazonOrderItem> items)
    {
        if (items.IsDefault)
        {
            return (ProblemCodes.PortItemsInvalid, "Items", "the Amazon port answered without a list of order items, which breaks its contract; the answer was not applied. Fix the port, then retry the import.");
        }

        for (var i = 0; i < items.Length; i++)
        {
            if (items[i] is null)
            {
                return (ProblemCodes.PortItemsInvalid, "Items", $"the Amazon port answered with a missing order item at position {i}, which breaks its contract; the list was not applied. Fix the port, then retry the import.");
            }

            for (var j = 0; j < i; j++)
            {
                if (items[j].OrderItemId == items[i].OrderItemId)
                {
                    return (ProblemCodes.PortItemsInvalid, "Items.OrderItemId", $"the Amazon port listed order item {items[i].OrderItemId} twice (pages read twice?); the list was not applied. Fix the port, then retry the import.");
                }
            }
        }

        return null;
    }
}
