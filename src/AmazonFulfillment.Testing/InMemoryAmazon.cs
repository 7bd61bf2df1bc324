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

/// <summary>One call of <c>confirmShipment</c> as Amazon received it, accepted or not.</summary>
/// <param name="Package">The package sent.</param>
/// <param name="MarketplaceId">The marketplace sent.</param>
/// <param name="Accepted">Whether Amazon accepted it (a scripted fault that fails the call before it runs is not recorded).</param>
public sealed record ConfirmationCall(ShipmentPackage Package, MarketplaceId? MarketplaceId, bool Accepted);

/// <summary>
/// An in-memory Amazon: answers <c>getOrderItems</c> from what the test set, records accepted confirmations once per (order, package
/// reference id) and cancellations once per order, as Amazon would, and records every call it received (duplicates counted, never
/// merged). It refuses what Amazon refuses: a confirmation for a canceled order, without a marketplace, with carrier <c>Other</c> and no
/// carrier name, for an unknown line or more units than were ordered; a cancellation of an order with shipped units. Thread-safe;
/// faults and call counts through its <see cref="FaultInjector"/> (port name <c>amazon</c>). It reads back the packages it holds
/// (<see cref="IAmazonPackagesPort"/>) and can, on demand, accept a confirmation and keep no package, as Amazon has been seen to
/// (<see cref="DropAcceptedConfirmations"/>).
/// </summary>
public sealed class InMemoryAmazon : IAmazonOrdersPort, IAmazonPackagesPort
{
    private const string Port = "amazon";
    private readonly Lock _gate = new();
    private readonly Dictionary<AmazonOrderId, ImmutableArray<AmazonOrderItem>> _items = [];
    private readonly Dictionary<AmazonOrderId, AmazonOrderStatus> _statuses = [];
    private readonly List<AcceptedConfirmation> _confirmations = [];
    private readonly Dictionary<(AmazonOrderId, PackageReferenceId), int> _confirmationIndex = [];
    private readonly List<ConfirmationCall> _confirmationCalls = [];
    private readonly List<AcceptedCancellation> _cancellations = [];
    private readonly List<AmazonOrderId> _cancellationCalls = [];
    private readonly HashSet<AmazonOrderId> _canceled = [];
    private readonly List<ShipmentPackage> _dropped = [];
    private readonly Dictionary<AmazonOrderId, int> _dropsByOrder = [];
    private int _drops;

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

    /// <summary>Sets the order's status as Amazon knows it (what its <c>getOrders</c> reports); Amazon refuses confirmations for a canceled order.</summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <param name="status">Its status.</param>
    public void SetOrderStatus(AmazonOrderId amazonOrderId, AmazonOrderStatus status)
    {
        lock (_gate)
        {
            _statuses[amazonOrderId] = status;
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

    /// <summary>Gets every <c>confirmShipment</c> call Amazon received, in order, duplicates and refused ones included.</summary>
    public IReadOnlyList<ConfirmationCall> ConfirmationCalls
    {
        get
        {
            lock (_gate)
            {
                return [.. _confirmationCalls];
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

    /// <summary>Gets every cancellation call Amazon received, in order, duplicates and refused ones included.</summary>
    public IReadOnlyList<AmazonOrderId> CancellationCalls
    {
        get
        {
            lock (_gate)
            {
                return [.. _cancellationCalls];
            }
        }
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> confirmations Amazon would keep (of <paramref name="amazonOrderId"/>, or of any order when
    /// <see langword="null"/>) answer success and keep no package: the call is recorded as accepted, <see cref="Confirmations"/> does
    /// not hold it, and reading the order's packages back does not show it. A confirmation of a package Amazon already holds is not dropped.
    /// </summary>
    /// <param name="count">How many confirmations to drop (at least one).</param>
    /// <param name="amazonOrderId">The order whose confirmations are dropped, or <see langword="null"/> for any order.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than one.</exception>
    public void DropAcceptedConfirmations(int count, AmazonOrderId? amazonOrderId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            if (amazonOrderId is { } id)
            {
                _dropsByOrder[id] = _dropsByOrder.GetValueOrDefault(id) + count;
            }
            else
            {
                _drops += count;
            }
        }
    }

    /// <summary>Gets the confirmations Amazon accepted and kept no package for (<see cref="DropAcceptedConfirmations"/>), in the order dropped.</summary>
    public IReadOnlyList<ShipmentPackage> DroppedConfirmations
    {
        get
        {
            lock (_gate)
            {
                return [.. _dropped];
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<PortResult<ImmutableArray<string>>> GetConfirmedPackagesAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
        Faults.Run(
            Port,
            "GetConfirmedPackages",
            () =>
            {
                lock (_gate)
                {
                    return _items.ContainsKey(amazonOrderId) || _statuses.ContainsKey(amazonOrderId) || _confirmations.Any(c => c.Package.AmazonOrderId == amazonOrderId)
                        ? PortResult<ImmutableArray<string>>.Ok([.. _confirmations.Where(c => c.Package.AmazonOrderId == amazonOrderId).Select(c => c.Package.PackageReferenceId.ToString())])
                        : PortResult.Rejected($"InvalidInput: order {amazonOrderId} is not known to Amazon.");
                }
            },
            cancellationToken);

    /// <summary>Takes one drop for the order, when one is asked for: the confirmation is then accepted and not kept.</summary>
    private bool TakeDrop(AmazonOrderId id)
    {
        if (_dropsByOrder.TryGetValue(id, out var forOrder) && forOrder > 0)
        {
            _dropsByOrder[id] = forOrder - 1;
            return true;
        }

        if (_drops > 0)
        {
            _drops--;
            return true;
        }

        return false;
    }

    /// <summary>Gets whether Amazon considers the order canceled (it reported Canceled, or accepted a cancellation).</summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <returns><see langword="true"/> when canceled.</returns>
    public bool IsCanceled(AmazonOrderId amazonOrderId)
    {
        lock (_gate)
        {
            return CanceledLocked(amazonOrderId);
        }
    }

    /// <inheritdoc />
    public ValueTask<PortResult<ImmutableArray<AmazonOrderItem>>> GetOrderItemsAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
        Faults.Run(
            Port,
            "GetOrderItems",
            () =>
            {
                lock (_gate)
                {
                    return _items.TryGetValue(amazonOrderId, out var items)
                        ? PortResult<ImmutableArray<AmazonOrderItem>>.Ok(items)
                        : PortResult.Rejected($"InvalidInput: order {amazonOrderId} has no items known to Amazon.");
                }
            },
            cancellationToken,
            malformed: () =>
            {
                // A page read twice: every line listed again.
                lock (_gate)
                {
                    var items = _items.TryGetValue(amazonOrderId, out var known) ? known : [];
                    return PortResult<ImmutableArray<AmazonOrderItem>>.Ok(items.AddRange(items));
                }
            });

    /// <inheritdoc />
    public ValueTask<PortResult> ConfirmShipmentAsync(ShipmentPackage package, MarketplaceId? marketplaceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        return Faults.Run(Port, "ConfirmShipment", () =>
        {
            lock (_gate)
            {
                var refusal = ConfirmationRefusal(package, marketplaceId);
                _confirmationCalls.Add(new ConfirmationCall(package, marketplaceId, refusal is null));
                if (refusal is not null)
                {
                    return PortResult.Rejected(refusal);
                }

                if (_confirmationIndex.TryGetValue((package.AmazonOrderId, package.PackageReferenceId), out var index))
                {
                    _confirmations[index] = _confirmations[index] with { Calls = _confirmations[index].Calls + 1 };
                }
                else if (TakeDrop(package.AmazonOrderId))
                {
                    _dropped.Add(package); // answered success, kept nothing
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
                _cancellationCalls.Add(amazonOrderId);
                if (!CancelReasons.TryNormalize(reason, out var known) || known != reason)
                {
                    return PortResult.Rejected($"InvalidInput: CancelReason '{reason}' is not one of Amazon's cancel reasons ({string.Join(", ", CancelReasons.All)}).");
                }

                if (Shipped(amazonOrderId))
                {
                    return PortResult.Rejected($"InvalidInput: order {amazonOrderId} has shipped units and cannot be canceled.");
                }

                if (_canceled.Add(amazonOrderId))
                {
                    _cancellations.Add(new AcceptedCancellation(amazonOrderId, reason));
                }

                return PortResult.Ok;
            }
        }, cancellationToken);
    }

    private bool CanceledLocked(AmazonOrderId id) =>
        _canceled.Contains(id) || (_statuses.TryGetValue(id, out var status) && status == AmazonOrderStatus.Canceled);

    private bool Shipped(AmazonOrderId id) =>
        (_statuses.TryGetValue(id, out var status) && status is AmazonOrderStatus.PartiallyShipped or AmazonOrderStatus.Shipped or AmazonOrderStatus.InvoiceUnconfirmed)
        || _confirmations.Any(c => c.Package.AmazonOrderId == id);

    private string? ConfirmationRefusal(ShipmentPackage package, MarketplaceId? marketplaceId)
    {
        var id = package.AmazonOrderId;
        if (CanceledLocked(id))
        {
            return $"InvalidInput: order {id} is canceled; no shipment can be confirmed for it.";
        }

        if (marketplaceId is null)
        {
            return "InvalidInput: marketplaceId is required.";
        }

        if (package.CarrierCode == ShipmentPackage.OtherCarrier && string.IsNullOrWhiteSpace(package.CarrierName))
        {
            return "InvalidInput: carrierName is required when carrierCode is Other.";
        }

        if (!_items.TryGetValue(id, out var items))
        {
            return null; // lines unknown to this fake: nothing to check them against
        }

        foreach (var line in package.Items)
        {
            var ordered = items.FirstOrDefault(i => i.OrderItemId == line.OrderItemId);
            if (ordered is null)
            {
                return $"InvalidInput: order item {line.OrderItemId} is not part of order {id}.";
            }

            var confirmed = _confirmations
                .Where(c => c.Package.AmazonOrderId == id && c.Package.PackageReferenceId != package.PackageReferenceId)
                .SelectMany(c => c.Package.Items)
                .Where(i => i.OrderItemId == line.OrderItemId)
                .Sum(i => i.Quantity);
            if (confirmed + line.Quantity > ordered.QuantityOrdered)
            {
                return $"InvalidInput: {confirmed + line.Quantity} units of order item {line.OrderItemId} confirmed, more than the {ordered.QuantityOrdered} ordered.";
            }
        }

        return null;
    }
}
