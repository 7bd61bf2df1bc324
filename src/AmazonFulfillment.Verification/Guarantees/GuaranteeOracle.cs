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

    /// <summary>
    /// Runs one input through the runtime under the oracle's eye: what Amazon reported is noted, an exception is judged (a scripted store
    /// failure may surface; anything else breaks guarantee 6, 10 or 18), and the result is remembered (applied observations, shipments
    /// and cancellations must not be lost). When <paramref name="alone"/>, nothing else runs meanwhile, so the oracle also checks the input's
    /// own guarantees: the decision is deterministic (11), a duplicate or stale observation changes nothing (4, 5), a refusal has a reason
    /// and changes nothing (12), a retry of a blocked import is refused while import is off (15).
    /// </summary>
    /// <param name="input">The input, as the runtime receives it.</param>
    /// <param name="run">Runs it (for example <c>() =&gt; runtime.ObserveAsync(snapshot)</c>).</param>
    /// <param name="alone">Whether nothing else runs meanwhile.</param>
    /// <param name="expected">What the model expects the runtime to decide (for example Refused for bad data), or <see langword="null"/>.</param>
    /// <param name="guarantee">The guarantee a different decision breaks (12 for bad input by default).</param>
    /// <returns>The result, or <see langword="null"/> when the call threw.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="run"/> is null.</exception>
    public async Task<ProcessResult?> InputAsync(OrderInput input, Func<Task<ProcessResult>> run, bool alone = true, DecisionKind? expected = null, int guarantee = 12)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(run);
        if (input is AmazonOrderObserved observed)
        {
            Reported(observed.Snapshot);
        }

        lock (_gate)
        {
            _inputsSeen = true;
        }

        var before = alone ? Capture(input) : null;
        ProcessResult result;
        try
        {
            result = await run().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Every exception is judged against the guarantees, not thrown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Threw(input.AmazonOrderId, ex, input.GetType().Name);
            return null;
        }

        Processed(input, result);
        if (before is not null)
        {
            CheckAlone(input, before, result);
        }

        if (expected is { } kind && result.Kind != kind)
        {
            Add(guarantee, input.AmazonOrderId, $"{input.GetType().Name} was {result.Kind}; the model expects {kind}{(result.Refusal is { } r ? $" ({r.Field ?? "no field"})" : string.Empty)}.");
        }

        return result;
    }

    /// <summary>Runs a sweep (<see cref="FulfillmentRuntime.SyncAsync(CancellationToken)"/>): it must not throw, must give a result for every order with unfinished
    /// work when it ran alone, and may fail only orders a scripted store fault or a poisoned document explains (guarantee 17).</summary>
    /// <param name="run">Runs the sweep.</param>
    /// <param name="alone">Whether nothing else runs meanwhile.</param>
    /// <returns>The results, or <see langword="null"/> when the sweep threw.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="run"/> is null.</exception>
    public async Task<IReadOnlyList<ProcessResult>?> SweepAsync(Func<Task<IReadOnlyList<ProcessResult>>> run, bool alone = true)
    {
        ArgumentNullException.ThrowIfNull(run);
        var unfinished = alone && _orders is not null ? _orders().Where(s => s.Order.HasUnfinishedWork).Select(s => s.Order.Id).ToList() : null;
        IReadOnlyList<ProcessResult> results;
        try
        {
            results = await run().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // As above.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Add(17, null, $"a sweep threw {ex.GetType().Name}; one order must never stop the others.");
            CheckText(14, null, ex.Message, "a sweep's exception message");
            return null;
        }

        foreach (var r in results)
        {
            JudgeBatchResult(r, "sweep");
        }

        foreach (var id in unfinished ?? [])
        {
            if (!results.Any(r => r.AmazonOrderId == id))
            {
                Add(17, id, "the order had unfinished work, and the sweep gave no result for it.");
            }
        }

        return results;
    }

    /// <summary>Runs a page of observations (<see cref="FulfillmentRuntime.ObserveManyAsync"/>): it must not throw, must give one result per
    /// observation, and may fail only orders a scripted store fault or a poisoned document explains (guarantee 17).</summary>
    /// <param name="snapshots">The observations.</param>
    /// <param name="run">Runs the page.</param>
    /// <returns>The results, or <see langword="null"/> when the page threw.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshots"/> or <paramref name="run"/> is null.</exception>
    public async Task<IReadOnlyList<ProcessResult>?> PageAsync(IReadOnlyList<AmazonOrderSnapshot> snapshots, Func<Task<IReadOnlyList<ProcessResult>>> run)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(run);
        foreach (var s in snapshots)
        {
            Reported(s);
        }

        lock (_gate)
        {
            _inputsSeen = true;
        }

        IReadOnlyList<ProcessResult> results;
        try
        {
            results = await run().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // As above.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Add(17, null, $"a page of {snapshots.Count} observations threw {ex.GetType().Name}; one order must never stop the others.");
            CheckText(14, null, ex.Message, "a page's exception message");
            return null;
        }

        if (results.Count != snapshots.Count)
        {
            Add(17, null, $"a page of {snapshots.Count} observations gave {results.Count} results.");
            return results;
        }

        for (var i = 0; i < results.Count; i++)
        {
            if (!JudgeBatchResult(results[i], "page"))
            {
                Processed(new AmazonOrderObserved(snapshots[i]), results[i]);
            }
        }

        return results;
    }

    /// <summary>Runs a resume (<see cref="FulfillmentRuntime.ResumeAsync"/>): it must not throw (guarantee 17).</summary>
    /// <param name="run">Runs it.</param>
    /// <returns>What it returned, or <see langword="null"/> when it threw.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="run"/> is null.</exception>
    public async Task<int?> ResumeAsync(Func<Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            return await run().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // As above.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Add(17, null, $"a resume threw {ex.GetType().Name}; one order must never stop the others.");
            CheckText(14, null, ex.Message, "a resume's exception message");
            return null;
        }
    }

    // ---- Checking --------------------------------------------------------------------------------------------------

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

    // ---- Inputs ----------------------------------------------------------------------------------------------------

    private Before? Capture(OrderInput input)
    {
        if (_orders is null)
        {
            return null;
        }

        var stored = _orders().FirstOrDefault(s => s.Order.Id == input.AmazonOrderId);
        OrderSettings settings;
        lock (_gate)
        {
            settings = _settings;
        }

        // Guarantee 11: the decision depends only on (state, input, settings, clock): taken twice, on the order and on a copy, it is the same.
        var now = _clock.GetUtcNow();
        try
        {
            var first = Canonical(OrderWorkflow.Decide(stored?.Order, input, settings, now));
            var second = Canonical(OrderWorkflow.Decide(stored?.Order is { } o ? o with { } : null, input, settings, now));
            if (first != second)
            {
                Add(11, input.AmazonOrderId, $"{input.GetType().Name} decided twice on the same state, settings and clock gave two different decisions.");
            }
        }
#pragma warning disable CA1031 // A decision that throws breaks totality; reported, not thrown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Add(6, input.AmazonOrderId, $"deciding {input.GetType().Name} in state {stored?.Order.State.ToString() ?? "Untracked"} threw {ex.GetType().Name}.");
        }

        return new Before(stored, AmazonMark.Of(_amazon), _commerce.Orders.Count, _customers.Customers.Count, settings);
    }

    private static string Canonical(Decision d) =>
        JsonSerializer.Serialize(new { d.Kind, d.Order, NewEffects = d.NewEffects.Select(e => e.IdempotencyKey).ToList(), Refusal = d.Refusal?.ToString(), d.Note });

    private void Processed(OrderInput input, ProcessResult result)
    {
        var id = input.AmazonOrderId;
        CheckText(14, id, result.Refusal?.Reason, "a refusal");
        CheckText(14, id, result.Note, "a result's note");
        CheckText(14, id, result.Failure, "a result's failure");
        if (result.Kind != DecisionKind.Applied || result.Failed)
        {
            return;
        }

        lock (_gate)
        {
            var facts = FactsOf(id);
            switch (input)
            {
                case AmazonOrderObserved o:
                    facts.Channel ??= o.Snapshot.Channel;
                    if (facts.AppliedDate is null || o.Snapshot.LastUpdateDate > facts.AppliedDate)
                    {
                        facts.AppliedDate = o.Snapshot.LastUpdateDate;
                        facts.AppliedStatus = o.Snapshot.Status;
                    }

                    facts.AppliedTriggers.Add(OrderWorkflow.TriggerFor(o.Snapshot.Status));
                    break;
                case ShipmentRecorded s:
                    facts.AppliedPackages.Add(s.Package.PackageReferenceId);
                    break;
                case MerchantCancelRequested:
                    facts.MerchantCancelsApplied++;
                    break;
            }
        }
    }

    private void CheckAlone(OrderInput input, Before before, ProcessResult result)
    {
        var id = input.AmazonOrderId;
        var after = _orders!().FirstOrDefault(s => s.Order.Id == id);
        var b = before.Stored?.Order;
        if (input is AmazonOrderObserved { Snapshot: var snapshot } && b is not null && snapshot.LastUpdateDate <= b.LastUpdateDate)
        {
            var (guarantee, what) = snapshot.LastUpdateDate == b.LastUpdateDate ? (4, "a duplicate") : (5, "a stale");
            if (result.Kind == DecisionKind.Applied)
            {
                Add(guarantee, id, $"{what} observation ({snapshot.Status} at {snapshot.LastUpdateDate:O}) was applied.");
            }

            if (after is null || after.Order.LastUpdateDate != b.LastUpdateDate || after.Order.AmazonStatus != b.AmazonStatus)
            {
                Add(guarantee, id, $"{what} observation changed the order's Amazon status or LastUpdateDate.");
            }
        }

        if (input is ShipmentRecorded { Package: var package } && b is not null
            && b.Packages.FirstOrDefault(p => p.Package.PackageReferenceId == package.PackageReferenceId && p.Package.SameContentAs(package)) is { } known)
        {
            if (result.Kind == DecisionKind.Applied)
            {
                Add(4, id, $"package {package.PackageReferenceId} recorded again with the same content was applied.");
            }

            if (after?.Order.Packages.Count(p => p.Package.PackageReferenceId == package.PackageReferenceId) != 1
                || !after.Order.Packages.Any(p => p.Package.SameContentAs(known.Package)))
            {
                Add(4, id, $"package {package.PackageReferenceId} recorded again with the same content changed the package.");
            }
        }

        if (input is RetryRequested && b is { State: OrderState.Blocked, HasRefusedConfirmation: false }
            && !ImportEnabled(before.Settings, b.Channel) && result.Kind != DecisionKind.Refused)
        {
            Add(15, id, $"a merchant retry of a blocked import was {result.Kind} while the import setting of its channel is off.");
        }

        if (result.Kind != DecisionKind.Refused)
        {
            return;
        }

        if (result.Refusal is null || string.IsNullOrWhiteSpace(result.Refusal.Reason))
        {
            Add(12, id, $"{input.GetType().Name} was refused without a reason.");
        }

        var now = AmazonMark.Of(_amazon);
        if (after?.Version != before.Stored?.Version || _commerce.Orders.Count != before.CommerceOrders
            || _customers.Customers.Count != before.Customers || now.Calls != before.Amazon.Calls)
        {
            Add(12, id, $"a refused {input.GetType().Name} changed something (version {before.Stored?.Version} -> {after?.Version}).");
        }
    }

    private void Threw(AmazonOrderId id, Exception ex, string what)
    {
        CheckText(14, id, ex.Message, "an exception message");
        bool storeFailuresScripted;
        lock (_gate)
        {
            storeFailuresScripted = StoreFaultsLocked() > 0;
        }

        switch (ex)
        {
            case InjectedStoreFaultException or OrderStoreException when storeFailuresScripted:
                Interlocked.Increment(ref _allowedExceptions);
                break;
            case OrderConflictException:
                Add(10, id, $"{what} was lost: {ex.GetType().Name} (concurrent writers kept winning).");
                break;
            case InjectedFaultException:
                Add(18, id, $"{what}: a port's exception escaped the runtime ({ex.GetType().Name}); it must be an unknown outcome, retried.");
                break;
            default:
                Add(6, id, $"{what} threw {ex.GetType().Name}.");
                break;
        }
    }

    /// <summary>Judges one result of a sweep or page; returns whether the order failed.</summary>
    private bool JudgeBatchResult(ProcessResult r, string batch)
    {
        CheckText(14, r.AmazonOrderId, r.Failure, "a failure report");
        CheckText(14, r.AmazonOrderId, r.Note, "a result's note");
        if (!r.Failed)
        {
            return false;
        }

        bool explained;
        lock (_gate)
        {
            explained = _poisoned.Contains(r.AmazonOrderId) || StoreFaultsLocked() - _poisoned.Count > 0;
        }

        if (!explained)
        {
            Add(17, r.AmazonOrderId, $"the {batch} reported the order failed ({r.Exception?.GetType().Name}), though no store failure or poisoned document explains it.");
        }

        if (!r.Failure!.Contains(r.AmazonOrderId.Value, StringComparison.Ordinal))
        {
            Add(17, r.AmazonOrderId, $"the {batch}'s failure report does not name the order.");
        }

        return true;
    }

    // ---- Bookkeeping ---------------------------------------------------------------------------------------------------

    private OrderFacts FactsOf(AmazonOrderId id)
    {
        if (!_facts.TryGetValue(id, out var facts))
        {
            facts = new OrderFacts();
            _facts[id] = facts;
        }

        return facts;
    }

    private void AddBuyerData(BuyerInfo? buyer)
    {
        AddBuyerText(buyer?.Email, 3);
        AddBuyerText(buyer?.Name, 5);
    }

    private void AddBuyerData(ShippingAddress? address)
    {
        AddBuyerText(address?.Name, 5);
        AddBuyerText(address?.AddressLine1, 5);
        AddBuyerText(address?.Phone, 7);
    }

    private void AddBuyerText(string? text, int minimum)
    {
        if (text is { } t && t.Trim().Length >= minimum)
        {
            _buyerData.Add(t.Trim());
        }
    }

    /// <summary>Reports <paramref name="text"/> when it holds buyer data the run has seen (the data itself never appears in the report).</summary>
    private void CheckText(int guarantee, AmazonOrderId? id, string? text, string where)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        bool leaks;
        lock (_gate)
        {
            leaks = ContainsBuyerDataLocked(text);
        }

        if (leaks)
        {
            Add(guarantee, id, $"{where} holds buyer data.");
        }
    }

    private bool ContainsBuyerDataLocked(string text)
    {
        foreach (var data in _buyerData)
        {
            if (text.Contains(data, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private void Add(int guarantee, AmazonOrderId? id, string message)
    {
        lock (_gate)
        {
            AddLocked(new GuaranteeViolation(guarantee, id, message));
        }
    }

    private void AddLocked(GuaranteeViolation violation)
    {
        if (_reported.Add(violation.ToString()))
        {
            _pending.Add(violation);
            _all.Add(violation);
        }
    }

    private int FaultsLocked(string port, string operation, params FaultMode[] modes) =>
        modes.Sum(m => _faults.GetValueOrDefault((port, operation, m)));

    private int StoreFaultsLocked() =>
        _faults.Where(f => f.Key.Port == "store").Sum(f => f.Value) + _poisoned.Count;

    private static bool ImportEnabled(OrderSettings settings, FulfillmentChannel channel) =>
        settings.ImportOrders && (channel == FulfillmentChannel.Merchant || settings.ImportFbaOrders);

    private static bool HeldBy(OrderEffect effect, FulfillmentChannel channel, OrderSettings settings) =>
        (effect.ChangesAmazon && settings.ReadOnly) || (effect.Imports && !ImportEnabled(settings, channel));

    private static string Key(AmazonOrderId id, string suffix) => id.Value + ":" + suffix;

    private static bool HasFailure(FulfillmentOrder order, string suffix) =>
        order.Failures.Any(f => f.IdempotencyKey == Key(order.Id, suffix));

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class OrderFacts
    {
        public FulfillmentChannel? Channel { get; set; }

        public bool ReportedAny { get; set; }

        public bool ReportedShipped { get; set; }

        public bool ReportedEmail { get; set; }

        public DateTimeOffset? AppliedDate { get; set; }

        public AmazonOrderStatus? AppliedStatus { get; set; }

        public HashSet<OrderTrigger> AppliedTriggers { get; } = [];

        public HashSet<PackageReferenceId> AppliedPackages { get; } = [];

        public int MerchantCancelsApplied { get; set; }

        /// <summary>The order's Amazon calls when the oracle first saw it Canceled by Amazon: (confirmations, cancellations).</summary>
        public (int Confirmations, int Cancellations)? CanceledMark { get; set; }

        public HashSet<PackageReferenceId> EverRefused { get; } = [];
    }

    private sealed record Before(StoredOrder? Stored, AmazonMark Amazon, int CommerceOrders, int Customers, OrderSettings Settings);

    /// <summary>State-changing Amazon calls so far: counted by the injector (every attempt) and recorded by the fake (those that reached it).</summary>
    private sealed record AmazonMark(int Calls, int ConfirmationCalls, int CancellationCalls)
    {
        public static AmazonMark Of(InMemoryAmazon amazon) => new(
            amazon.Faults.CallsOf("amazon", "ConfirmShipment") + amazon.Faults.CallsOf("amazon", "CancelOrder"),
            amazon.ConfirmationCalls.Count,
            amazon.CancellationCalls.Count);
    }

    /// <summary>Import calls and Commerce orders so far.</summary>
    private sealed record ImportMark(int CreateOrderCalls, int CustomerCalls, HashSet<AmazonOrderId> CommerceOrders)
    {
        public static ImportMark Of(InMemoryCommerce commerce, InMemoryCustomers customers) => new(
            commerce.Faults.CallsOf("commerce", "CreateOrder"),
            customers.Faults.CallsOf("customers", "FindCustomer") + customers.Faults.CallsOf("customers", "CreateCustomer"),
            [.. commerce.Orders.Select(o => o.AmazonOrderId)]);
    }

    /// <summary>What one check reads: the channel as it is now.</summary>
    private sealed class View
    {
        public View(GuaranteeOracle oracle, IReadOnlyCollection<StoredOrder> orders, bool quiet)
        {
            Quiet = quiet;
            Settings = oracle._settings;
            Stored = [];
            foreach (var s in orders)
            {
                Stored[s.Order.Id] = s;
            }

            Commerce = oracle._commerce.Orders;
            CommerceById = [];
            foreach (var c in Commerce)
            {
                CommerceById[c.AmazonOrderId] = c;
                oracle.AddBuyerData(c.Request.Buyer);
                oracle.AddBuyerData(c.Request.ShippingAddress);
            }

            Customers = oracle._customers.Customers;
            Confirmations = oracle._amazon.Confirmations;
            ConfirmationCalls = oracle._amazon.ConfirmationCalls;
            Cancellations = oracle._amazon.Cancellations;
            CancellationCalls = oracle._amazon.CancellationCalls;
            CanceledByAmazon = [.. Cancellations.Select(c => c.AmazonOrderId)];
        }

        public bool Quiet { get; }

        public OrderSettings Settings { get; }

        public Dictionary<AmazonOrderId, StoredOrder> Stored { get; }

        public IReadOnlyList<CommerceOrderRecord> Commerce { get; }

        public Dictionary<AmazonOrderId, CommerceOrderRecord> CommerceById { get; }

        public IReadOnlyList<CustomerRecord> Customers { get; }

        public IReadOnlyList<AcceptedConfirmation> Confirmations { get; }

        public IReadOnlyList<ConfirmationCall> ConfirmationCalls { get; }

        public IReadOnlyList<AcceptedCancellation> Cancellations { get; }

        public IReadOnlyList<AmazonOrderId> CancellationCalls { get; }

        /// <summary>The orders whose cancellation Amazon accepted.</summary>
        public HashSet<AmazonOrderId> CanceledByAmazon { get; }

        public IEnumerable<FulfillmentOrder> Orders => Stored.Values.Select(s => s.Order);
    }

    private sealed class OracleLogger(GuaranteeOracle oracle) : ILogger<FulfillmentRuntime>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            AmazonOrderId? id = null;
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (name, value) in values)
                {
                    if (name == "AmazonOrderId" && AmazonOrderId.TryCreate(value as string, name) is { IsValid: true } parsed)
                    {
                        id = parsed.Value;
                    }

                    oracle.CheckText(14, id, Convert.ToString(value, CultureInfo.InvariantCulture), "a log value");
                }
            }

            oracle.CheckText(14, id, formatter(state, exception), "a log line");
            oracle.CheckText(14, id, exception?.Message, "a logged exception");
        }
    }
}
