using System.Globalization;
using System.Text.Json;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Workflows;
using Microsoft.Extensions.Logging;

namespace AmazonFulfillment.Verification.Guarantees;

/// <summary>
/// The one oracle of docs/rules.md section 6: one check per numbered guarantee (1-18), judged from what the in-memory fakes recorded
/// (<see cref="InMemoryAmazon"/>, <see cref="InMemoryCommerce"/>, <see cref="InMemoryCustomers"/> and their
/// <see cref="FaultInjector"/> call counts), the store's orders, and what the run tells it: settings changes, scripted faults,
/// poisoned orders, concurrent workers, what Amazon reported, and the inputs, sweeps and batches it ran through the oracle.
/// </summary>
/// <remarks>
/// <para>
/// Tell the oracle what happens as it happens (<see cref="SettingsChanged"/>, <see cref="FaultScripted"/>, <see cref="Poisoned"/>,
/// <see cref="WorkersRunConcurrently"/>, <see cref="HostStopped"/>, <see cref="Reported"/>), run inputs and sweeps through <see cref="InputAsync"/>,
/// <see cref="SweepAsync"/>, <see cref="PageAsync"/> and <see cref="ResumeAsync"/>, give the runtimes its <see cref="Logger"/>, and call
/// <see cref="Check(bool)"/> after each step (<c>quiet: false</c>) and once no work can run any more (<c>quiet: true</c>). A guarantee
/// that needs a whole run is judged against what the fakes recorded since the oracle was told; a check with less to go on (an
/// end-to-end run that only reports settings and faults) checks what it can and skips the rest.
/// </para>
/// <para>Thread-safe. Violations name the guarantee and the order, never buyer data.</para>
/// </remarks>
public sealed partial class GuaranteeOracle
{
    private static readonly FaultMode[] AnyFault = Enum.GetValues<FaultMode>();

    private readonly InMemoryAmazon _amazon;
    private readonly InMemoryCommerce _commerce;
    private readonly InMemoryCustomers _customers;
    private readonly Func<IReadOnlyCollection<StoredOrder>>? _orders;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly Dictionary<AmazonOrderId, OrderFacts> _facts = [];
    private readonly Dictionary<(string Port, string Operation, FaultMode Mode), int> _faults = [];
    private readonly HashSet<AmazonOrderId> _poisoned = [];
    private readonly HashSet<AmazonOrderId> _poisonedNow = [];
    private readonly HashSet<string> _buyerData = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<GuaranteeViolation> _pending = [];
    private readonly List<GuaranteeViolation> _all = [];
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private readonly Func<View, IEnumerable<GuaranteeViolation>>[] _checks;
    private Dictionary<AmazonOrderId, StoredOrder> _previous = [];
    private Dictionary<AmazonOrderId, string> _previousCommerce = [];
    private OrderSettings _settings;
    private bool _mfnImportEverOff;
    private bool _fbaImportEverOff;
    private AmazonMark? _readOnlyMark;
    private ImportMark? _importOffMark;
    private HashSet<AmazonOrderId>? _fbaImportOffMark;
    private int _concurrencySlack;
    private int _repeatsSinceCheck;
    private readonly Dictionary<(AmazonOrderId, PackageReferenceId), int> _repeatsAllowed = [];
    private readonly Dictionary<(AmazonOrderId, PackageReferenceId), int> _confirmationCalls = [];
    private bool _inputsSeen;
    private int _allowedExceptions;

    /// <summary>Creates an oracle over the fakes of a run.</summary>
    /// <param name="amazon">The fake Amazon.</param>
    /// <param name="commerce">The fake Commerce backend.</param>
    /// <param name="customers">The fake customer store.</param>
    /// <param name="settings">The order settings the run starts with.</param>
    /// <param name="orders">Reads every stored order (an uninjected view of the store), for <see cref="Check(bool)"/> and the checks of single
    /// inputs; <see langword="null"/> when the caller passes the orders to <see cref="Check(IReadOnlyCollection{StoredOrder}, bool)"/>.</param>
    /// <param name="clock">The clock decisions are taken at (for the determinism check); the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException">A fake or the settings is null.</exception>
    public GuaranteeOracle(
        InMemoryAmazon amazon,
        InMemoryCommerce commerce,
        InMemoryCustomers customers,
        OrderSettings settings,
        Func<IReadOnlyCollection<StoredOrder>>? orders = null,
        TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(amazon);
        ArgumentNullException.ThrowIfNull(commerce);
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(settings);
        _amazon = amazon;
        _commerce = commerce;
        _customers = customers;
        _orders = orders;
        _clock = clock ?? TimeProvider.System;
        _settings = settings;
        _checks =
        [
            Guarantee1, Guarantee2, Guarantee3, Guarantee4, Guarantee5, Guarantee6, Guarantee7, Guarantee8, Guarantee9,
            Guarantee10, Guarantee11, Guarantee12, Guarantee13, Guarantee14, Guarantee15, Guarantee16, Guarantee17, Guarantee18,
        ];
        Logger = new OracleLogger(this);
        SettingsChanged(settings);
    }

    /// <summary>Creates an oracle over an in-memory channel: its fakes, its uninjected store, its settings and its clock.</summary>
    /// <param name="harness">The channel.</param>
    /// <returns>The oracle.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="harness"/> is null.</exception>
    public static GuaranteeOracle For(InMemoryFulfillment harness)
    {
        ArgumentNullException.ThrowIfNull(harness);
        return new GuaranteeOracle(harness.Amazon, harness.Commerce, harness.Customers, harness.Settings.CurrentValue, harness.OrderStore.All, harness.Clock);
    }

    /// <summary>Gets a logger to give the runtimes under test: every line is checked for buyer data (guarantee 14).</summary>
    public ILogger<FulfillmentRuntime> Logger { get; }

    /// <summary>Gets every violation found so far, in the order found.</summary>
    public IReadOnlyList<GuaranteeViolation> Violations
    {
        get
        {
            lock (_gate)
            {
                return [.. _all];
            }
        }
    }

    /// <summary>Gets how many exceptions surfaced from single inputs that the guarantees allow (a scripted store failure).</summary>
    public int AllowedExceptions => Volatile.Read(ref _allowedExceptions);

    // ---- What the run tells the oracle ----------------------------------------------------------------------------

    /// <summary>The order settings change now (call it when the host's settings change, before any work runs under them).</summary>
    /// <param name="settings">The new settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is null.</exception>
    public void SettingsChanged(OrderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        lock (_gate)
        {
            _settings = settings;
            _mfnImportEverOff |= !settings.ImportOrders;
            _fbaImportEverOff |= !settings.ImportOrders || !settings.ImportFbaOrders;
            _readOnlyMark = settings.ReadOnly ? _readOnlyMark ?? AmazonMark.Of(_amazon) : null;
            _importOffMark = settings.ImportOrders ? null : _importOffMark ?? ImportMark.Of(_commerce, _customers);
            _fbaImportOffMark = settings.ImportOrders && settings.ImportFbaOrders ? null
                : _fbaImportOffMark ?? new HashSet<AmazonOrderId>(_commerce.Orders.Where(o => o.Request.Channel == FulfillmentChannel.Amazon).Select(o => o.AmazonOrderId));
        }
    }

    /// <summary>The next calls of a port operation fail as scripted (call it whenever faults are added to the fakes' injector).</summary>
    /// <param name="port">The port: <c>amazon</c>, <c>commerce</c>, <c>customers</c> or <c>store</c>.</param>
    /// <param name="operation">The operation, such as <c>ConfirmShipment</c>.</param>
    /// <param name="mode">How they fail.</param>
    /// <param name="count">How many calls.</param>
    /// <exception cref="ArgumentException">The port or operation is blank.</exception>
    public void FaultScripted(string port, string operation, FaultMode mode, int count = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(port);
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        lock (_gate)
        {
            var key = (port, operation, mode);
            _faults[key] = _faults.GetValueOrDefault(key) + Math.Max(count, 0);
        }
    }

    /// <summary>The store fails every load or save of one order from now on (a poisoned document), until <see cref="Cured"/>.</summary>
    /// <param name="amazonOrderId">The order.</param>
    public void Poisoned(AmazonOrderId amazonOrderId)
    {
        lock (_gate)
        {
            _poisoned.Add(amazonOrderId);
            _poisonedNow.Add(amazonOrderId);
        }
    }

    /// <summary>The store reads and writes the order again.</summary>
    /// <param name="amazonOrderId">The order.</param>
    public void Cured(AmazonOrderId amazonOrderId)
    {
        lock (_gate)
        {
            _poisonedNow.Remove(amazonOrderId);
        }
    }

    /// <summary>Several workers (runtimes sharing the store) are about to run at once; each may repeat a call another makes (a package sent
    /// before the next <see cref="Check(bool)"/> may reach Amazon once per worker).</summary>
    /// <param name="workers">How many.</param>
    public void WorkersRunConcurrently(int workers)
    {
        lock (_gate)
        {
            _concurrencySlack += Math.Max(workers - 1, 0);
            _repeatsSinceCheck += Math.Max(workers - 1, 0);
        }
    }

    /// <summary>A host stopped mid-work (a crash): calls it made without saving their outcome may be made again by whoever resumes its work.</summary>
    /// <param name="callsInFlight">How many calls it could have had in flight (its parallelism).</param>
    public void HostStopped(int callsInFlight)
    {
        lock (_gate)
        {
            _concurrencySlack += Math.Max(callsInFlight, 0);
            _repeatsSinceCheck += Math.Max(callsInFlight, 0);
        }
    }

    /// <summary>Amazon reports an order as in <paramref name="snapshot"/> (delivered to the runtime or not). The buyer's details are kept
    /// only to check that they never surface where they must not (guarantee 14), and never appear in a violation.</summary>
    /// <param name="snapshot">The observation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public void Reported(AmazonOrderSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            var facts = FactsOf(snapshot.Id);
            facts.Channel ??= snapshot.Channel;
            facts.ReportedAny = true;
            facts.ReportedShipped |= snapshot.Status.IsShipped();
            facts.ReportedEmail |= !string.IsNullOrWhiteSpace(snapshot.Buyer?.Email);
            AddBuyerData(snapshot.Buyer);
            AddBuyerData(snapshot.ShippingAddress);
        }
    }

    /// <summary>A value was built (or refused) by a domain factory such as <see cref="ShipmentPackage.TryCreate"/> (guarantee 12).</summary>
    /// <param name="what">What was built, for the message.</param>
    /// <param name="expectedValid">Whether the model expects it to be valid.</param>
    /// <param name="valid">Whether it was.</param>
    /// <param name="field">The field a refusal named.</param>
    /// <param name="amazonOrderId">The order it was for.</param>
    public void Constructed(string what, bool expectedValid, bool valid, string? field, AmazonOrderId? amazonOrderId = null)
    {
        if (expectedValid != valid)
        {
            Add(12, amazonOrderId, $"{what} was {(valid ? "accepted" : "refused")} by its factory; the model expects it {(expectedValid ? "valid" : "refused")}.");
        }
        else if (!valid && string.IsNullOrWhiteSpace(field))
        {
            Add(12, amazonOrderId, $"{what} was refused without naming its field.");
        }
    }

    /// <summary>Checks every guarantee against the store's orders as they are now, and returns what broke since the last check.</summary>
    /// <param name="quiet">Whether no work can run any more (after a drain): the checks of a settled channel run too (nothing runnable left,
    /// held work only where the settings hold it, applied inputs reflected, every Commerce and Amazon side effect matching the orders), for
    /// every order but those whose store document is poisoned now.</param>
    /// <returns>The violations found since the last check (each found once).</returns>
    /// <exception cref="InvalidOperationException">The oracle was created without a way to read the orders.</exception>
    public IReadOnlyList<GuaranteeViolation> Check(bool quiet) =>
        Check(_orders?.Invoke() ?? throw new InvalidOperationException("This oracle reads no store: pass the orders to Check."), quiet);

    /// <summary>Checks every guarantee against the given orders (every order of the store), and returns what broke since the last check.</summary>
    /// <param name="orders">Every stored order.</param>
    /// <param name="quiet">Whether no work can run any more (see <see cref="Check(bool)"/>).</param>
    /// <returns>The violations found since the last check (each found once).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="orders"/> is null.</exception>
    public IReadOnlyList<GuaranteeViolation> Check(IReadOnlyCollection<StoredOrder> orders, bool quiet)
    {
        ArgumentNullException.ThrowIfNull(orders);
        lock (_gate)
        {
            var view = new View(this, orders, quiet);
            var found = new List<GuaranteeViolation>();
            foreach (var check in _checks)
            {
                found.AddRange(check(view));
            }

            _previous = view.Stored;
            _previousCommerce = view.CommerceById.ToDictionary(p => p.Key, p => p.Value.Status);
            foreach (var v in found)
            {
                AddLocked(v);
            }

            var result = _pending.ToList();
            _pending.Clear();
            return result;
        }
    }
}
