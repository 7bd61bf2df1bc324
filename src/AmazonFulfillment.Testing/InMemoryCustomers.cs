using System.Globalization;
using AmazonFulfillment.Ports;

namespace AmazonFulfillment.Testing;

/// <summary>A customer of the fake store.</summary>
/// <param name="CustomerId">The id.</param>
/// <param name="Email">The email.</param>
/// <param name="Name">The name.</param>
public sealed record CustomerRecord(string CustomerId, string Email, string? Name);

/// <summary>
/// An in-memory customer store, unique per email (case-insensitive). Thread-safe; faults and call counts
/// through its <see cref="FaultInjector"/> (port name <c>customers</c>).
/// </summary>
public sealed class InMemoryCustomers : ICustomersPort
{
    private const string Port = "customers";
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CustomerRecord> _byEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<CustomerRecord> _all = [];

    /// <summary>Creates the fake.</summary>
    /// <param name="faults">Shared faults and counts; a new one when <see langword="null"/>.</param>
    public InMemoryCustomers(FaultInjector? faults = null) => Faults = faults ?? new FaultInjector();

    /// <summary>Gets the faults and call counts.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Gets the customers, in creation order.</summary>
    public IReadOnlyList<CustomerRecord> Customers
    {
        get
        {
            lock (_gate)
            {
                return [.. _all];
            }
        }
    }

    /// <summary>Adds a customer that already exists (no call is counted); returns the existing one for a known email.</summary>
    /// <param name="email">The email.</param>
    /// <param name="name">The name.</param>
    /// <returns>The customer.</returns>
    /// <exception cref="ArgumentException"><paramref name="email"/> is null, empty or blank.</exception>
    public CustomerRecord Add(string email, string? name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        lock (_gate)
        {
            if (_byEmail.TryGetValue(email, out var existing))
            {
                return existing;
            }

            var record = new CustomerRecord((_all.Count + 1).ToString(CultureInfo.InvariantCulture), email, name);
            _byEmail[email] = record;
            _all.Add(record);
            return record;
        }
    }

    /// <inheritdoc />
    public ValueTask<PortResult<string?>> FindCustomerAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        return Faults.Run(Port, "FindCustomer", () =>
        {
            lock (_gate)
            {
                return PortResult<string?>.Ok(_byEmail.TryGetValue(email, out var c) ? c.CustomerId : null);
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<PortResult<string>> CreateCustomerAsync(string email, string? name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        return Faults.Run(Port, "CreateCustomer", () => PortResult<string>.Ok(Add(email, name).CustomerId), cancellationToken, malformed: static () => PortResult<string>.Ok(string.Empty));
    }
}
