using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;

namespace AmazonFulfillment.Testing;

/// <summary>A confirmation Amazon accepted.</summary>
/// <param name="Package">The package as first confirmed.</param>
/// <param name="Calls">How many confirmation calls carried this package (duplicates included).</param>
public sealed record AcceptedConfirmation(ShipmentPackage Package, int Calls);

/// <summary>A cancellation Amazon accepted.</summary>
/// <param name="AmazonOrderId">The order.</param>
/// <param name="Reason">The reason.</param>
public sealed record AcceptedCancellation(AmazonOrderId AmazonOrderId, string Reason);

/// <summary>
/// An in-memory Amazon: answers <c>getOrderItems</c> from what the test set, and records confirmations
/// once per (order, package reference id) and cancellations once per order, as Amazon would. Thread-safe;
/// faults and call counts through its <see cref="FaultInjector"/> (port name <c>amazon</c>).
/// </summary>
public sealed class InMemoryAmazon : IAmazonOrdersPort
{
    private const string Port = "amazon";
    private readonly Lock _gate = new();
    private readonly Dictionary<AmazonOrderId, ImmutableArray<AmazonOrderItem>> _items = [];
    private readonly List<AcceptedConfirmation> _confirmations = [];
    private readonly Dictionary<(AmazonOrderId, PackageReferenceId), int> _confirmationIndex = [];
    private readonly List<AcceptedCancellation> _cancellations = [];
    private readonly HashSet<AmazonOrderId> _canceled = [];

    /// <summary>Creates the fake.</summary>
    /// <param name="faults">Shared faults and counts; a new one when <see langword="null"/>.</param>
    public InMemoryAmazon(FaultInjector? faults = null) => Faults = faults ?? new FaultInjector();

    /// <summary>Gets the faults and call counts.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Sets what <c>getOrderItems</c> answers for an order from now on.</summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <param name="items">Its lines.</param>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null.</exception>
    public void SetOrderItems(AmazonOrderId amazonOrderId, IEnumerable<AmazonOrderItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToImmutableArray();
        lock (_gate)
        {
            _items[amazonOrderId] = list;
        }
    }

    /// <summary>Gets the accepted confirmations, once per package, in the order accepted.</summary>
    public IReadOnlyList<AcceptedConfirmation> Confirmations
    {
        get
        {
            lock (_gate)
            {
                return [.. _confirmations];
            }
        }
    }

    /// <summary>Gets the accepted cancellations, once per order.</summary>
    public IReadOnlyList<AcceptedCancellation> Cancellations
    {
        get
        {
            lock (_gate)
            {
                return [.. _cancellations];
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<PortResult<ImmutableArray<AmazonOrderItem>>> GetOrderItemsAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
        Faults.Run(Port, "GetOrderItems", () =>
        {
            lock (_gate)
            {
                return _items.TryGetValue(amazonOrderId, out var items)
                    ? PortResult<ImmutableArray<AmazonOrderItem>>.Ok(items)
                    : PortResult.Rejected($"InvalidInput: order {amazonOrderId} has no items known to Amazon.");
            }
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<PortResult> ConfirmShipmentAsync(ShipmentPackage package, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        return Faults.Run(Port, "ConfirmShipment", () =>
        {
            lock (_gate)
            {
                if (_confirmationIndex.TryGetValue((package.AmazonOrderId, package.PackageReferenceId), out var index))
                {
                    _confirmations[index] = _confirmations[index] with { Calls = _confirmations[index].Calls + 1 };
                }
                else
                {
                    _confirmationIndex[(package.AmazonOrderId, package.PackageReferenceId)] = _confirmations.Count;
                    _confirmations.Add(new AcceptedConfirmation(package, 1));
                }

                return PortResult.Ok;
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<PortResult> CancelOrderAsync(AmazonOrderId amazonOrderId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return Faults.Run(Port, "CancelOrder", () =>
        {
            lock (_gate)
            {
                if (_canceled.Add(amazonOrderId))
                {
                    _cancellations.Add(new AcceptedCancellation(amazonOrderId, reason));
                }

                return PortResult.Ok;
            }
        }, cancellationToken);
    }
}
