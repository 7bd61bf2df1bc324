using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;

namespace AmazonFulfillment.IntegratorTests;

/// <summary>An integrator's Amazon client, reduced to dictionaries.</summary>
public sealed class DictionaryAmazon : IAmazonOrdersPort
{
    public ConcurrentDictionary<AmazonOrderId, ImmutableArray<AmazonOrderItem>> Items { get; } = new();

    public ConcurrentDictionary<(AmazonOrderId, PackageReferenceId), ShipmentPackage> Packages { get; } = new();

    public ConcurrentDictionary<AmazonOrderId, string> Cancellations { get; } = new();

    public ValueTask<PortResult<ImmutableArray<AmazonOrderItem>>> GetOrderItemsAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Items.TryGetValue(amazonOrderId, out var items)
            ? PortResult<ImmutableArray<AmazonOrderItem>>.Ok(items)
            : PortResult.Rejected("unknown order"));
    }

    public ValueTask<PortResult> ConfirmShipmentAsync(ShipmentPackage package, MarketplaceId? marketplaceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        cancellationToken.ThrowIfCancellationRequested();
        Packages.TryAdd((package.AmazonOrderId, package.PackageReferenceId), package);
        return ValueTask.FromResult(PortResult.Ok);
    }

    public ValueTask<PortResult> CancelOrderAsync(AmazonOrderId amazonOrderId, string reason, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Cancellations.TryAdd(amazonOrderId, reason);
        return ValueTask.FromResult(PortResult.Ok);
    }
}

/// <summary>An integrator's Commerce backend, reduced to dictionaries.</summary>
public sealed class DictionaryCommerce : ICommerceOrdersPort
{
    private readonly Lock _gate = new();
    private int _next;

    public ConcurrentDictionary<Sku, (int? Stock, bool Enabled)> Catalog { get; } = new();

    public ConcurrentDictionary<AmazonOrderId, CommerceOrderRef> Orders { get; } = new();

    public ValueTask<PortResult<CommerceOrderRef>> CreateOrderAsync(CommerceOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (Orders.TryGetValue(request.AmazonOrderId, out var existing))
            {
                return ValueTask.FromResult(PortResult<CommerceOrderRef>.Ok(existing));
            }

            foreach (var line in request.Lines)
            {
                if (!Catalog.TryGetValue(line.Sku, out var product) || !product.Enabled || (request.RequireStock && product.Stock is 0))
                {
                    return ValueTask.FromResult<PortResult<CommerceOrderRef>>(PortResult.Rejected($"{line.Sku} cannot be sold."));
                }
            }

            var id = (++_next).ToString(CultureInfo.InvariantCulture);
            var order = new CommerceOrderRef(id, request.OrderNumber ?? id, request.InitialStatus ?? CommerceStatuses.Pending);
            Orders[request.AmazonOrderId] = order;
            return ValueTask.FromResult(PortResult<CommerceOrderRef>.Ok(order));
        }
    }

    public ValueTask<PortResult> CompleteOrderAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
        SetStatus(amazonOrderId, CommerceStatuses.Complete, cancellationToken);

    public ValueTask<PortResult> MarkOrderProcessingAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
        SetStatus(amazonOrderId, CommerceStatuses.Processing, cancellationToken);

    public ValueTask<PortResult> CancelOrderAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
        SetStatus(amazonOrderId, CommerceStatuses.Canceled, cancellationToken);

    private ValueTask<PortResult> SetStatus(AmazonOrderId id, string status, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (Orders.TryGetValue(id, out var order))
            {
                Orders[id] = order with { Status = status };
            }
        }

        return ValueTask.FromResult(PortResult.Ok);
    }
}

/// <summary>An integrator's customer store, reduced to a dictionary.</summary>
public sealed class DictionaryCustomers : ICustomersPort
{
    private readonly ConcurrentDictionary<string, string> _byEmail = new(StringComparer.OrdinalIgnoreCase);

    public ValueTask<PortResult<string?>> FindCustomerAsync(string email, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(PortResult<string?>.Ok(_byEmail.TryGetValue(email, out var id) ? id : null));
    }

    public ValueTask<PortResult<string>> CreateCustomerAsync(string email, string? name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(PortResult<string>.Ok(_byEmail.GetOrAdd(email, _ => Guid.NewGuid().ToString("N"))));
    }
}

/// <summary>An integrator's order store, reduced to a dictionary with optimistic versions.</summary>
public sealed class DictionaryOrderStore : IOrderStore
{
    private readonly ConcurrentDictionary<AmazonOrderId, StoredOrder> _orders = new();

    public ValueTask<StoredOrder?> LoadAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_orders.GetValueOrDefault(amazonOrderId));
    }

    public ValueTask<long?> SaveAsync(FulfillmentOrder order, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        cancellationToken.ThrowIfCancellationRequested();
        var next = new StoredOrder(order, expectedVersion + 1);
        var saved = expectedVersion == 0
            ? _orders.TryAdd(order.Id, next)
            : _orders.TryGetValue(order.Id, out var current) && current.Version == expectedVersion && _orders.TryUpdate(order.Id, next, current);
        return ValueTask.FromResult<long?>(saved ? next.Version : null);
    }

    public ValueTask<IReadOnlyList<AmazonOrderId>> ListUnfinishedAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Nearest ship-by deadline first (orders without one last), so that the sweep runs the work that can still be on time first.
        IReadOnlyList<AmazonOrderId> ids = _orders.Values
            .Where(s => s.Order.HasUnfinishedWork)
            .OrderBy(s => s.Order.ShipByDeadline ?? DateTimeOffset.MaxValue)
            .ThenBy(s => s.Order.Id)
            .Select(s => s.Order.Id)
            .ToList();
        return ValueTask.FromResult(ids);
    }
}
