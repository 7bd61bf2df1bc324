using System.Collections.Immutable;
using System.Globalization;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;

namespace AmazonFulfillment.Testing;

/// <summary>How a catalog product's stock stands.</summary>
public enum StockStatus
{
    /// <summary>Stock is managed and available.</summary>
    InStock,

    /// <summary>Stock is managed and none is left.</summary>
    OutOfStock,

    /// <summary>Stock is not managed (never blocks an order).</summary>
    NotManaged,
}

/// <summary>A catalog product.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="Stock">Its stock.</param>
/// <param name="Enabled">Whether it can be sold.</param>
public sealed record CatalogProduct(Sku Sku, StockStatus Stock, bool Enabled);

/// <summary>A Commerce order as the fake backend holds it.</summary>
/// <param name="CommerceOrderId">Commerce's id.</param>
/// <param name="OrderNumber">The order number.</param>
/// <param name="Status">The status.</param>
/// <param name="Request">What it was created from (restricted buyer data included, as a real database would hold it).</param>
public sealed record CommerceOrderRecord(string CommerceOrderId, string OrderNumber, string Status, CommerceOrderRequest Request)
{
    /// <summary>Gets the Amazon order.</summary>
    public AmazonOrderId AmazonOrderId => Request.AmazonOrderId;
}

/// <summary>
/// An in-memory Commerce backend: a catalog, and orders keyed by Amazon order id (creation is idempotent
/// on it). Thread-safe; faults and call counts through its <see cref="FaultInjector"/> (port name <c>commerce</c>).
/// </summary>
public sealed class InMemoryCommerce : ICommerceOrdersPort
{
    private const string Port = "commerce";
    private readonly Lock _gate = new();
    private readonly Dictionary<Sku, CatalogProduct> _catalog = [];
    private readonly Dictionary<AmazonOrderId, CommerceOrderRecord> _orders = [];
    private readonly List<AmazonOrderId> _creationOrder = [];

    /// <summary>Creates the fake.</summary>
    /// <param name="faults">Shared faults and counts; a new one when <see langword="null"/>.</param>
    public InMemoryCommerce(FaultInjector? faults = null) => Faults = faults ?? new FaultInjector();

    /// <summary>Gets the faults and call counts.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Adds or replaces a catalog product. A SKU never set is unknown to Commerce.</summary>
    /// <param name="sku">The SKU.</param>
    /// <param name="stock">Its stock.</param>
    /// <param name="enabled">Whether it can be sold.</param>
    /// <exception cref="ArgumentException"><paramref name="sku"/> is the default value.</exception>
    public void SetProduct(Sku sku, StockStatus stock = StockStatus.InStock, bool enabled = true)
    {
        if (sku.Value.Length == 0)
        {
            throw new ArgumentException("is required.", nameof(sku));
        }

        lock (_gate)
        {
            _catalog[sku] = new CatalogProduct(sku, stock, enabled);
        }
    }

    /// <summary>Sets an order's status as the back office would (for example <c>processing</c> when the merchant ships).</summary>
    /// <param name="amazonOrderId">The Amazon order.</param>
    /// <param name="status">The new status.</param>
    /// <returns><see langword="true"/> when the order exists.</returns>
    /// <exception cref="ArgumentException"><paramref name="status"/> is null, empty or blank.</exception>
    public bool SetStatus(AmazonOrderId amazonOrderId, string status)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(status);
        lock (_gate)
        {
            if (!_orders.TryGetValue(amazonOrderId, out var order))
            {
                return false;
            }

            _orders[amazonOrderId] = order with { Status = status };
            return true;
        }
    }

    /// <summary>Gets the orders, in creation order.</summary>
    public IReadOnlyList<CommerceOrderRecord> Orders
    {
        get
        {
            lock (_gate)
            {
                return _creationOrder.Select(id => _orders[id]).ToList();
            }
        }
    }

    /// <summary>Gets the order of an Amazon order, or <see langword="null"/>.</summary>
    /// <param name="amazonOrderId">The Amazon order.</param>
    /// <returns>The order or <see langword="null"/>.</returns>
    public CommerceOrderRecord? Find(AmazonOrderId amazonOrderId)
    {
        lock (_gate)
        {
            return _orders.GetValueOrDefault(amazonOrderId);
        }
    }

    /// <inheritdoc />
    public ValueTask<PortResult<CommerceOrderRef>> CreateOrderAsync(CommerceOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Faults.Run(Port, "CreateOrder", () =>
        {
            lock (_gate)
            {
                if (_orders.TryGetValue(request.AmazonOrderId, out var existing))
                {
                    return PortResult<CommerceOrderRef>.Ok(Ref(existing));
                }

                if (Refusal(request) is { } reason)
                {
                    return PortResult.Rejected(reason);
                }

                var id = (_orders.Count + 1).ToString(CultureInfo.InvariantCulture);
                var number = request.OrderNumber ?? (_orders.Count + 1).ToString("D9", CultureInfo.InvariantCulture);
                var record = new CommerceOrderRecord(id, number, request.InitialStatus ?? CommerceStatuses.Pending, request);
                _orders[request.AmazonOrderId] = record;
                _creationOrder.Add(request.AmazonOrderId);
                return PortResult<CommerceOrderRef>.Ok(Ref(record));
            }
        }, cancellationToken, malformed: static () => new PortResult<CommerceOrderRef>(PortStatus.Success)); // a success without an order
    }

    /// <inheritdoc />
    public ValueTask<PortResult> CompleteOrderAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
        Faults.Run(Port, "CompleteOrder", () => SetStatus(amazonOrderId, CommerceStatuses.Complete)
            ? PortResult.Ok
            : PortResult.Rejected($"No Commerce order exists for Amazon order {amazonOrderId}."), cancellationToken);

    /// <inheritdoc />
    /// <remarks>Refused for a canceled Commerce order; a complete one stays complete.</remarks>
    public ValueTask<PortResult> MarkOrderProcessingAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
        Faults.Run(Port, "MarkProcessing", () =>
        {
            lock (_gate)
            {
                if (!_orders.TryGetValue(amazonOrderId, out var order))
                {
                    return PortResult.Rejected($"No Commerce order exists for Amazon order {amazonOrderId}.");
                }

                if (order.Status == CommerceStatuses.Canceled)
                {
                    return PortResult.Rejected($"The Commerce order of Amazon order {amazonOrderId} is canceled; it cannot become processing.");
                }

                if (order.Status != CommerceStatuses.Complete)
                {
                    _orders[amazonOrderId] = order with { Status = CommerceStatuses.Processing };
                }

                return PortResult.Ok;
            }
        }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Refused for a complete Commerce order, as a Commerce backend refuses to cancel an order it has completed.</remarks>
    public ValueTask<PortResult> CancelOrderAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
        Faults.Run(Port, "CancelOrder", () =>
        {
            lock (_gate)
            {
                if (!_orders.TryGetValue(amazonOrderId, out var order))
                {
                    return PortResult.Ok;
                }

                if (order.Status == CommerceStatuses.Complete)
                {
                    return PortResult.Rejected($"The Commerce order of Amazon order {amazonOrderId} is complete; a complete order cannot be canceled.");
                }

                _orders[amazonOrderId] = order with { Status = CommerceStatuses.Canceled };
                return PortResult.Ok;
            }
        }, cancellationToken);

    private string? Refusal(CommerceOrderRequest request)
    {
        foreach (var line in request.Lines)
        {
            if (!_catalog.TryGetValue(line.Sku, out var product))
            {
                return $"SKU {line.Sku} is unknown to Commerce.";
            }

            if (!product.Enabled)
            {
                return $"Product {line.Sku} is disabled.";
            }

            if (request.RequireStock && product.Stock == StockStatus.OutOfStock)
            {
                return $"Product {line.Sku} is out of stock.";
            }
        }

        return request.Lines.IsEmpty ? "The order has no lines." : null;
    }

    private static CommerceOrderRef Ref(CommerceOrderRecord r) => new(r.CommerceOrderId, r.OrderNumber, r.Status);
}
