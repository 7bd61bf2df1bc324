using System.Globalization;
using AmazonFulfillment.Diagnostics;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Workflows;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmazonFulfillment.Runtime;

/// <summary>
/// The engine: load → decide → save the new state with the effects it requires (an outbox) → run the
/// effects through the ports → feed their outcomes back → until nothing runnable is left. Work on one order
/// is serialized within the process; optimistic versions in the store serialize it across processes.
/// Thread-safe; one instance per process is enough.
/// </summary>
public sealed partial class FulfillmentRuntime
{
    private const int MaxEffectsPerDrain = 1_000;

    private readonly IOrderStore _store;
    private readonly IOptionsMonitor<OrderSettings> _settings;
    private readonly bool _readsPackages;
    private readonly FulfillmentRuntimeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EffectRunner _runner;
    private readonly OrderLocks _locks = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<AmazonOrderId, byte> _sweepClaims = new();
    private readonly string _claimOwner = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, OrderSettings> _validatedSettings = new(StringComparer.Ordinal);

    /// <summary>Creates a runtime over the host's ports and store.</summary>
    /// <param name="amazon">The Amazon port.</param>
    /// <param name="commerce">The Commerce orders port.</param>
    /// <param name="customers">The customers port.</param>
    /// <param name="store">The order store.</param>
    /// <param name="settings">The order settings (read at every decision, so changes apply from the next input).</param>
    /// <param name="options">Retry and parallelism options; defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock and timers; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">The logger; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException">A port, the store or the settings is null.</exception>
    /// <exception cref="ArgumentException">The settings or options are invalid; the message lists every problem.</exception>
    public FulfillmentRuntime(
        IAmazonOrdersPort amazon,
        ICommerceOrdersPort commerce,
        ICustomersPort customers,
        IOrderStore store,
        IOptionsMonitor<OrderSettings> settings,
        FulfillmentRuntimeOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<FulfillmentRuntime>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(amazon);
        ArgumentNullException.ThrowIfNull(commerce);
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(settings);
        _options = options ?? new FulfillmentRuntimeOptions();
        Problems.ThrowIfAny(_options.Validate(), "runtime options", nameof(options), ProblemCodes.SettingsOptionsInvalid);

        _store = store;
        _settings = settings;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _runner = new EffectRunner(amazon, commerce, customers, _options, _time, _logger);
        _readsPackages = amazon is IAmazonPackagesPort;
        _ = SettingsOf(AmazonStores.Default);
        foreach (var name in _options.AmazonStores)
        {
            _ = SettingsOf(name);
        }
    }

    /// <summary>Applies what Amazon reports about an order, then runs the work it requires.</summary>
    /// <param name="snapshot">The observation.</param>
    /// <param name="cancellationToken">Cancels the processing (work already saved resumes later).</param>
    /// <returns>What happened.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public Task<ProcessResult> ObserveAsync(AmazonOrderSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return ProcessAsync(new AmazonOrderObserved(snapshot), cancellationToken);
    }

    /// <summary>Applies many observations, several orders at once (up to <see cref="FulfillmentRuntimeOptions.MaxParallelOrders"/>),
    /// each order's observations in <c>LastUpdateDate</c> order.</summary>
    /// <param name="snapshots">The observations, such as a page of <c>getOrders</c>.</param>
    /// <param name="cancellationToken">Cancels the processing.</param>
    /// <returns>One result per observation, in the order given. An order whose processing fails (unreadable, unsavable, throwing) gets a
    /// result with <see cref="ProcessResult.Failure"/>; the other orders are processed all the same.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshots"/> or one of its elements is null.</exception>
    public async Task<IReadOnlyList<ProcessResult>> ObserveManyAsync(IEnumerable<AmazonOrderSnapshot> snapshots, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var list = snapshots.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentNullException(nameof(snapshots), $"snapshots[{i}] is null.");
            }
        }

        var results = new ProcessResult[list.Count];
        var groups = list.Select((s, i) => (Snapshot: s, Index: i)).GroupBy(x => x.Snapshot.Id).ToList();
        await Parallel.ForEachAsync(
            groups,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelOrders, CancellationToken = cancellationToken },
            async (group, ct) =>
            {
                foreach (var (snapshot, index) in group.OrderBy(x => x.Snapshot.LastUpdateDate))
                {
                    results[index] = await IsolatedAsync(group.Key, nameof(ObserveManyAsync), () => ProcessAsync(new AmazonOrderObserved(snapshot), ct), ct).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        return results;
    }

    /// <summary>Records a package the merchant shipped from Commerce, and confirms it to Amazon.</summary>
    /// <param name="package">The package.</param>
    /// <param name="cancellationToken">Cancels the processing.</param>
    /// <returns>What happened; a refusal names the field at fault and changes nothing.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="package"/> is null.</exception>
    public Task<ProcessResult> RecordShipmentAsync(ShipmentPackage package, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        return ProcessAsync(new ShipmentRecorded(package), cancellationToken);
    }

    /// <summary>
    /// Cancels an order from Commerce (allowed only while Unshipped): Amazon is asked to cancel, and the Commerce order is cancelled
    /// only once Amazon accepts. The call may return while the cancellation still waits (held by read-only mode, or retried);
    /// <see cref="FulfillmentOrder.CancellationPending"/> says so. If Amazon refuses, the order stays open and shippable with the
    /// refusal in <see cref="FulfillmentOrder.Error"/>.
    /// </summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <param name="reason">The reason sent to Amazon, such as <c>NoInventory</c>.</param>
    /// <param name="cancellationToken">Cancels the processing.</param>
    /// <returns>What happened; a refusal changes nothing.</returns>
    /// <exception cref="ArgumentException"><paramref name="amazonOrderId"/> is the default value.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="reason"/> is null.</exception>
    public Task<ProcessResult> CancelAsync(AmazonOrderId amazonOrderId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return ProcessAsync(new MerchantCancelRequested(RequireId(amazonOrderId), reason), cancellationToken);
    }

    /// <summary>
    /// The merchant's retry: a blocked import is tried again (not counted against the cap), and confirmations Amazon refused are sent
    /// again unchanged. Refused while the channel's import setting is off.
    /// </summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <param name="cancellationToken">Cancels the processing.</param>
    /// <returns>What happened.</returns>
    /// <exception cref="ArgumentException"><paramref name="amazonOrderId"/> is the default value.</exception>
    public Task<ProcessResult> RetryAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
        ProcessAsync(new RetryRequested(RequireId(amazonOrderId)), cancellationToken);

    /// <summary>
    /// The sweep a host runs once per polling cycle: every order with unfinished work gets a sync-cycle input
    /// (blocked imports under the cap are retried, held effects released when read-only mode is off) and its
    /// pending effects are run. When the store implements <see cref="IOrderClaims"/>, only the orders this runtime
    /// claims are swept, so that several hosts split the work. The orders as the sweep leaves them are counted, per Amazon store,
    /// into the gauges <c>amazonfulfillment.outbox.depth</c>, <c>amazonfulfillment.outbox.held</c> and
    /// <c>amazonfulfillment.order.blocked</c>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the sweep.</param>
    /// <returns>One result per order swept; an order whose processing failed has <see cref="ProcessResult.Failure"/> set and is swept
    /// again next time, and never stops the others.</returns>
    public Task<IReadOnlyList<ProcessResult>> SyncAsync(CancellationToken cancellationToken = default) =>
        SweepStoreAsync(amazonStore: null, cancellationToken);

    /// <summary>
    /// The sweep of one Amazon store's polling cycle: as <see cref="SyncAsync(CancellationToken)"/>, for the orders of
    /// <paramref name="amazonStore"/> only; the other stores' orders are left to their own cycles.
    /// </summary>
    /// <param name="amazonStore">The store whose orders are swept.</param>
    /// <param name="cancellationToken">Cancels the sweep.</param>
    /// <returns>One result per order of the store swept.</returns>
    /// <exception cref="ArgumentException"><paramref name="amazonStore"/> is not a store this runtime runs.</exception>
    public Task<IReadOnlyList<ProcessResult>> SyncStoreAsync(string amazonStore, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(amazonStore);
        return Runs(amazonStore)
            ? SweepStoreAsync(amazonStore, cancellationToken)
            : throw ProblemCodes.Attach(ProblemCodes.AmazonStoreNotConfigured, new ArgumentException(
                $"Amazon store '{amazonStore}' is not configured on this host, so nothing was swept. Add it with AddAmazonStore (or to FulfillmentRuntimeOptions.AmazonStores), or sweep without a store name.", nameof(amazonStore)));
    }

    /// <summary>The sync sweep of one store's orders, or of every order when <paramref name="amazonStore"/> is null.</summary>
    private async Task<IReadOnlyList<ProcessResult>> SweepStoreAsync(string? amazonStore, CancellationToken cancellationToken)
    {

        var results = new List<(int Index, ProcessResult Result)>();
        await SweepAsync(
            async (id, index, ct) =>
            {
                ProcessResult? otherStore = null;
                var result = await IsolatedAsync(
                    id,
                    nameof(SyncAsync),
                    async () =>
                    {
                        if (amazonStore is not null && await LoadAsync(id, ct).ConfigureAwait(false) is { } stored && stored.Order.AmazonStore != amazonStore)
                        {
                            return otherStore = new ProcessResult(id, DecisionKind.Ignored, null, null, stored.Order); // its own store's cycle sweeps it
                        }

                        return await ProcessAsync(new SyncCycleEnded(id), claimed: true, ct).ConfigureAwait(false);
                    },
                    ct).ConfigureAwait(false);
                if (ReferenceEquals(result, otherStore))
                {
                    return;
                }

                lock (results)
                {
                    results.Add((index, result));
                }
            },
            cancellationToken).ConfigureAwait(false);
        var swept = results.OrderBy(r => r.Index).Select(r => r.Result).ToList();
        FulfillmentTelemetry.CountSweep(amazonStore is null ? RunStores : [amazonStore], swept.Select(r => r.Order).OfType<FulfillmentOrder>());
        return swept;
    }

    /// <summary>
    /// Runs the unfinished effects of every order, as after a restart. Decides nothing new. When the store
    /// implements <see cref="IOrderClaims"/>, only the orders this runtime claims are resumed.
    /// </summary>
    /// <param name="cancellationToken">Cancels the resume.</param>
    /// <returns>The number of orders that still have runnable work afterwards, orders whose processing failed included (each is logged
    /// and counted, and never stops the others).</returns>
    public async Task<int> ResumeAsync(CancellationToken cancellationToken = default)
    {
        var left = 0;
        await SweepAsync(
            async (id, _, ct) =>
            {
                var result = await IsolatedAsync(
                    id,
                    nameof(ResumeAsync),
                    async () =>
                    {
                        using (await _locks.AcquireAsync(id, ct).ConfigureAwait(false))
                        {
                            var order = await DrainAsync(id, ct).ConfigureAwait(false);
                            return new ProcessResult(id, DecisionKind.Applied, null, null, order);
                        }
                    },
                    ct).ConfigureAwait(false);
                if (result.Failed || result.Order?.HasRunnableWorkAt(_time.GetUtcNow()) == true)
                {
                    Interlocked.Increment(ref left);
                }
            },
            cancellationToken).ConfigureAwait(false);
        return left;
    }

    /// <summary>Processes any input: decides, saves, and runs the resulting work until nothing runnable is left.</summary>
    /// <param name="input">The input.</param>
    /// <param name="cancellationToken">Cancels the processing (saved work resumes later).</param>
    /// <returns>What happened.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input's order id is the default value.</exception>
    /// <exception cref="OrderConflictException">Concurrent writers kept winning beyond the retry limit.</exception>
    /// <exception cref="OrderStoreException">The store kept failing to save the order (it threw and the save did not land).</exception>
    public Task<ProcessResult> ProcessAsync(OrderInput input, CancellationToken cancellationToken = default) =>
        ProcessAsync(input, claimed: false, cancellationToken);

    /// <summary>Processes an input; <paramref name="claimed"/> when a sweep already holds the order's claim.</summary>
    private async Task<ProcessResult> ProcessAsync(OrderInput input, bool claimed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var id = RequireId(input.AmazonOrderId);
        var started = _time.GetTimestamp();
        using var activity = FulfillmentTelemetry.ActivitySource.StartActivity("AmazonFulfillment.Process");
        activity?.SetTag("amazonfulfillment.order_id", id.Value);
        activity?.SetTag("amazonfulfillment.input", input.GetType().Name);
        try
        {
            var result = await DecideAndRunAsync(input, id, claimed, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("amazonfulfillment.decision", result.Kind.ToString());
            if (result.Order is { } order)
            {
                activity?.SetTag("amazonfulfillment.amazon_store", order.AmazonStore);
            }

            FulfillmentTelemetry.RecordProcess(input.GetType().Name, result.Kind, result.Order?.AmazonStore, null, _time.GetElapsedTime(started));
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            FulfillmentTelemetry.RecordFailure(activity, ex);
            FulfillmentTelemetry.RecordProcess(input.GetType().Name, null, null, ex, _time.GetElapsedTime(started));
            throw;
        }
    }

    /// <summary>Decides the input and runs the work it queued, under the order's lock (and its claim when the store shares work).</summary>
    private async Task<ProcessResult> DecideAndRunAsync(OrderInput input, AmazonOrderId id, bool claimed, CancellationToken cancellationToken)
    {

        if (input is AmazonOrderObserved { Snapshot: { Channel: FulfillmentChannel.Amazon } fba } && !fba.Status.IsShipped())
        {
            // FBA isolation: an FBA order before Shipped never touches the store.
            var ignored = OrderWorkflow.Decide(null, input, SettingsOf(AmazonStores.Default), _time.GetUtcNow());
            return new ProcessResult(id, ignored.Kind, ignored.Refusal, ignored.Note, null);
        }

        using (await _locks.AcquireAsync(id, cancellationToken).ConfigureAwait(false))
        {
            var (decision, stored) = await ApplyAsync(input, cancellationToken).ConfigureAwait(false);
            if (decision.Kind == DecisionKind.Refused)
            {
                Log.Refused(_logger, id.Value, input.GetType().Name, decision.Refusal!.Code, decision.Refusal!.Reason);
                return new ProcessResult(id, decision.Kind, decision.Refusal, null, decision.Order);
            }

            claimed |= _sweepClaims.ContainsKey(id); // this runtime's own sweep holds the order's claim: its release is the sweep's
            if (!claimed && _store is IOrderClaims claims && stored is { Order.Outbox.IsEmpty: false })
            {
                // Several hosts: the work runs under the order's claim, so that two hosts never send the same call at once.
                // Without the claim, the host holding it (or the next sweep) runs what this input queued.
                if (!await StoreCall((_, _, c) => claims.TryClaimAsync(_claimOwner, id, _options.ClaimLease, c), 0, "Claim", id, cancellationToken).ConfigureAwait(false))
                {
                    return new ProcessResult(id, decision.Kind, null, decision.Note, stored.Value.Order);
                }

                try
                {
                    var drained = await DrainAsync(id, cancellationToken, stored).ConfigureAwait(false);
                    return new ProcessResult(id, decision.Kind, null, decision.Note, drained);
                }
                finally
                {
                    await ReleaseAsync(claims, [id]).ConfigureAwait(false);
                }
            }

            var final = await DrainAsync(id, cancellationToken, stored).ConfigureAwait(false);
            return new ProcessResult(id, decision.Kind, null, decision.Note, final);
        }
    }

    /// <summary>The Amazon stores this runtime runs: the default one and those listed in <see cref="FulfillmentRuntimeOptions.AmazonStores"/>.</summary>
    private IEnumerable<string> RunStores => _options.AmazonStores.Append(AmazonStores.Default);

    /// <summary>Whether this runtime runs the Amazon store (the default one, or one listed in <see cref="FulfillmentRuntimeOptions.AmazonStores"/>).</summary>
    private bool Runs(string store) => store == AmazonStores.Default || _options.AmazonStores.Contains(store);

    /// <summary>The store's settings as they are now, validated once per instance the options system hands out.</summary>
    /// <exception cref="InvalidOperationException">The store is not one this runtime runs, or it has no settings.</exception>
    private OrderSettings SettingsOf(string store)
    {
        if (!Runs(store))
        {
            throw ProblemCodes.Attach(ProblemCodes.AmazonStoreNotConfigured, new InvalidOperationException($"Amazon store '{store}' is not configured on this host: add it to FulfillmentRuntimeOptions.AmazonStores with its own OrderSettings (named '{store}')."));
        }

        var current = (store == AmazonStores.Default ? _settings.CurrentValue : _settings.Get(store))
            ?? throw ProblemCodes.Attach(ProblemCodes.AmazonStoreSettingsMissing, new InvalidOperationException($"No order settings are configured for Amazon store '{store}': register them with AddAmazonStore(\"{store}\", settings => …)."));
        if (!_validatedSettings.TryGetValue(store, out var validated) || !ReferenceEquals(current, validated))
        {
            var problems = current.Validate().ToList();
            if (current.ConfirmationCheckAfter is not null && !_readsPackages)
            {
                problems.Add("ConfirmationCheckAfter is set, but the Amazon port does not implement IAmazonPackagesPort, so packages cannot be read back: implement it (the SP-API client does) or leave ConfirmationCheckAfter null.");
            }

            Problems.ThrowIfAny(problems, $"Amazon order settings of store '{store}'", "settings", ProblemCodes.SettingsOrderSettingsInvalid);
            _validatedSettings[store] = current;
        }

        return current;
    }

    private static AmazonOrderId RequireId(AmazonOrderId id) =>
        id.Value.Length == 0 ? throw ProblemCodes.Attach(ProblemCodes.InputOrderIdMissing, new ArgumentException("An Amazon order id is required: this one is the default value. Create ids with AmazonOrderId.Parse or TryCreate.", nameof(id))) : id;

    /// <summary>An order as this runtime last saw it stored, kept as a value so that remembering a save allocates nothing.</summary>
    private readonly record struct Known(FulfillmentOrder Order, long Version)
    {
        public static Known? From(StoredOrder? stored) => stored is null ? null : new Known(stored.Order, stored.Version);
    }
}
