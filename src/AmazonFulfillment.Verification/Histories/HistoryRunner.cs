using System.Collections.Immutable;
using System.Globalization;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Verification.Guarantees;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Verification.Histories;

/// <summary>
/// Runs a <see cref="History"/> against the real <see cref="FulfillmentRuntime"/> over the in-memory harness
/// (<see cref="InMemoryFulfillment"/>) and judges it with the <see cref="GuaranteeOracle"/>: after every command, after a drain under the
/// history's last settings (restart, resume, sync until no runnable work is left), and after a last round in which the settings are
/// switched back on, poisoned documents cured, every order polled as Amazon has it now, and every refused confirmation corrected or retried.
/// </summary>
public static class HistoryRunner
{
    /// <summary>The time the harness clock starts at.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Runs a history and reports every broken guarantee.</summary>
    /// <param name="history">The history.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is null.</exception>
    public static async Task<HistoryReport> RunAsync(History history, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        var run = new Run(history);
        await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        return run.Report();
    }

    private sealed class Run
    {
        private const string CancelReason = "NoInventory";
        private readonly History _history;
        private readonly InMemoryFulfillment _h;
        private readonly PoisonedOrderStore _store;
        private readonly GuaranteeOracle _oracle;
        private readonly ImmutableArray<OrderPlan> _plans;
        private readonly int[] _amazonNow;
        private readonly int[] _canceledAt;
        private readonly Lock _gate = new();
        private readonly List<string> _violations = [];
        private string _label = "start";
        private int _steps;
        private int _applied;
        private int _refused;
        private int _storeExceptions;

        public Run(History history)
        {
            _history = history;
            _plans = history.Orders;
            _h = new InMemoryFulfillment(history.Settings(), Start, new FulfillmentRuntimeOptions { MaxParallelOrders = 2 });
            _store = new PoisonedOrderStore(_h.Store);
            _oracle = GuaranteeOracle.For(_h);
            _amazonNow = Enumerable.Repeat(-1, _plans.Length).ToArray();
            _canceledAt = Enumerable.Repeat(-1, _plans.Length).ToArray();
            foreach (var line in _plans.SelectMany(p => p.Lines))
            {
                switch (line.Product)
                {
                    case ProductAvailability.InStock: _h.Commerce.SetProduct(line.Sku, StockStatus.InStock); break;
                    case ProductAvailability.OutOfStock: _h.Commerce.SetProduct(line.Sku, StockStatus.OutOfStock); break;
                    case ProductAvailability.NotManaged: _h.Commerce.SetProduct(line.Sku, StockStatus.NotManaged); break;
                    case ProductAvailability.Disabled: _h.Commerce.SetProduct(line.Sku, StockStatus.InStock, enabled: false); break;
                }
            }
        }

        public HistoryReport Report() => new([.. _violations], _steps, _applied, _refused, _storeExceptions);

        public async Task ExecuteAsync(CancellationToken ct)
        {
            var runtime = NewRuntime();
            for (var i = 0; i < _history.Steps.Length; i++)
            {
                var step = _history.Steps[i];
                _label = string.Create(CultureInfo.InvariantCulture, $"after step {i + 1} ({step})");
                runtime = await RunStepAsync(runtime, step, ct).ConfigureAwait(false);
                if (!Judge(quiet: false))
                {
                    return;
                }
            }

            _label = "after the final drain";
            await DrainAsync(ct).ConfigureAwait(false);
            if (!Judge(quiet: true))
            {
                return;
            }

            _label = "after settings back on, poison cured and a last poll";
            if (await SettleAsync(ct).ConfigureAwait(false))
            {
                Judge(quiet: true);
            }
        }

        /// <summary>Runs one step of the history; answers the runtime to go on with (a restart replaces it).</summary>
        private async Task<FulfillmentRuntime> RunStepAsync(FulfillmentRuntime runtime, HistoryStep step, CancellationToken ct)
        {
            switch (step)
            {
                case RestartStep:
                    _steps++;
                    var restarted = NewRuntime();
                    await _oracle.ResumeAsync(() => restarted.ResumeAsync(ct)).ConfigureAwait(false);
                    return restarted;
                case ConcurrentStep c:
                    _oracle.WorkersRunConcurrently(c.Steps.Length);
                    var workers = c.Steps.Select(_ => Worker()).ToList();
                    await Task.WhenAll(c.Steps.Select((s, n) => Task.Run(() => StepAsync(workers[n], s, alone: false, ct), ct))).ConfigureAwait(false);
                    return runtime;
                default:
                    if (!ChangeWorld(step))
                    {
                        await StepAsync(runtime, step, alone: true, ct).ConfigureAwait(false);
                    }

                    return runtime;
            }
        }

        /// <summary>Applies a step that changes the world around the runtime (faults, stock, settings, Amazon, the store); answers
        /// <see langword="false"/> when the step is an input for the runtime instead.</summary>
        private bool ChangeWorld(HistoryStep step)
        {
            switch (step)
            {
                case FaultStep f:
                    _oracle.FaultScripted(f.Port, f.Operation, f.Mode, f.Count);
                    _h.Faults.Add(f.Port, f.Operation, f.Mode, f.Count);
                    break;
                case RestockStep r:
                    foreach (var line in _plans[r.Order].Lines)
                    {
                        _h.Commerce.SetProduct(line.Sku, StockStatus.InStock, enabled: true);
                    }

                    break;
                case SettingsStep s:
                    Switch(s.Setting, s.Value);
                    break;
                case AmazonMovesStep m:
                    AmazonAt(m.Order, m.Tick);
                    break;
                case PoisonStep p:
                    _oracle.Poisoned(_plans[p.Order].Id);
                    _store.Poison(_plans[p.Order].Id, p.Operation);
                    break;
                default:
                    return false;
            }

            _steps++;
            return true;
        }

        /// <summary>The merchant switches everything back on, the store heals, the host polls every order once, the merchant corrects or
        /// retries every refused confirmation: held and failed work must then run to its end.</summary>
        private async Task<bool> SettleAsync(CancellationToken ct)
        {
            var initial = _history.Settings();
            if (_h.Settings.CurrentValue is var now && (now.ReadOnly != initial.ReadOnly || now.ImportOrders != initial.ImportOrders || now.ImportFbaOrders != initial.ImportFbaOrders))
            {
                _oracle.SettingsChanged(initial);
                _h.Settings.Set(initial);
            }

            foreach (var id in _store.Poisoned)
            {
                _store.Cure(id);
                _oracle.Cured(id);
            }

            var runtime = NewRuntime();
            for (var i = 0; i < _plans.Length; i++)
            {
                if (_amazonNow[i] >= 0)
                {
                    await ObserveAsync(runtime, new ObserveStep(i, _amazonNow[i], WithItems: false), alone: true, ct).ConfigureAwait(false);
                }
            }

            await DrainAsync(ct).ConfigureAwait(false);
            if (!Judge(quiet: true))
            {
                return false;
            }

            _label = "after refused confirmations were corrected or retried";
            foreach (var order in _h.OrderStore.All().Select(s => s.Order).Where(o => o.State != OrderState.Canceled && o.HasRefusedConfirmation))
            {
                var refusedPackages = order.Packages.Where(p => p.Confirmation == ConfirmationState.Failed).ToList();
                if (refusedPackages[0].Package.PackageReferenceId.Value % 2 == 0)
                {
                    // The merchant retries: every refused confirmation is sent again unchanged.
                    await Count(_oracle.InputAsync(new RetryRequested(order.Id), () => runtime.RetryAsync(order.Id, ct), alone: true, expected: DecisionKind.Applied, guarantee: 16)).ConfigureAwait(false);
                    continue;
                }

                foreach (var refused in refusedPackages)
                {
                    // The merchant corrects the package: same reference id, another carrier and tracking number.
                    var p = refused.Package;
                    var corrected = ShipmentPackage.Create(p.AmazonOrderId, p.PackageReferenceId, "UPS", null, p.ShippingMethod, "1Z999FX1" + p.PackageReferenceId.Value.ToString("D10", CultureInfo.InvariantCulture), p.ShipDate, p.Items);
                    await Count(_oracle.InputAsync(new ShipmentRecorded(corrected), () => runtime.RecordShipmentAsync(corrected, ct), alone: true, expected: DecisionKind.Applied, guarantee: 16)).ConfigureAwait(false);
                }
            }

            await DrainAsync(ct).ConfigureAwait(false);
            return true;
        }

        private bool Judge(bool quiet)
        {
            var found = _oracle.Check(quiet);
            lock (_gate)
            {
                _violations.AddRange(found.Select(v => $"{_label}: {v}"));
                return _violations.Count == 0;
            }
        }

        private FulfillmentRuntime NewRuntime() =>
            new(_h.Amazon, _h.Commerce, _h.Customers, _store, _h.Settings, _h.Options, _h.Clock, _oracle.Logger);

        private FulfillmentRuntime Worker() =>
            new(_h.Amazon, _h.Commerce, _h.Customers, new YieldingStore(_store), _h.Settings, _h.Options, _h.Clock, _oracle.Logger);

        private void Switch(SwitchableSetting setting, bool value)
        {
            var next = _h.Settings.CurrentValue.Clone();
            switch (setting)
            {
                case SwitchableSetting.ReadOnly: next.ReadOnly = value; break;
                case SwitchableSetting.ImportOrders: next.ImportOrders = value; break;
                default: next.ImportFbaOrders = value; break;
            }

            _oracle.SettingsChanged(next);
            _h.Settings.Set(next);
        }

        /// <summary>
        /// Amazon's order is at least at <paramref name="tick"/>: its lines and status as Amazon answers and judges calls. Once Amazon accepted
        /// the merchant's cancellation (even when the answer was lost), the order stays Canceled on Amazon whatever the plan says next.
        /// </summary>
        private int AmazonAt(int order, int tick)
        {
            var plan = _plans[order];
            tick = Math.Clamp(tick, 0, plan.Timeline.Length - 1);
            lock (_gate)
            {
                if (_canceledAt[order] < 0 && _h.Amazon.Cancellations.Any(c => c.AmazonOrderId == plan.Id))
                {
                    _canceledAt[order] = Math.Max(_amazonNow[order], 0);
                }

                _amazonNow[order] = Math.Max(_amazonNow[order], tick);
                if (_canceledAt[order] < 0)
                {
                    _h.Amazon.SetOrderItems(plan.Id, plan.ItemsAt(_amazonNow[order]));
                    _h.Amazon.SetOrderStatus(plan.Id, plan.Timeline[_amazonNow[order]]);
                }
                else
                {
                    _h.Amazon.SetOrderStatus(plan.Id, AmazonOrderStatus.Canceled);
                }
            }

            return tick;
        }

        /// <summary>What Amazon reports of an order at a tick: the plan, unless Amazon cancelled the order at the merchant's request by then.</summary>
        private AmazonOrderSnapshot SnapshotAt(int order, int tick, bool withItems)
        {
            var plan = _plans[order];
            var planned = plan.SnapshotAt(tick, withItems);
            return _canceledAt[order] is >= 0 and var at && tick >= at && planned.Status != AmazonOrderStatus.Canceled
                ? new AmazonOrderSnapshot(plan.Id, AmazonOrderStatus.Canceled, plan.Channel, plan.PurchaseDate, planned.LastUpdateDate, planned.MarketplaceId, items: withItems ? plan.ItemsAt(at) : null)
                : planned;
        }

        /// <summary>Restarts, resumes and syncs until no runnable work is left and scripted faults are used up, or a round changes nothing.</summary>
        private Task DrainAsync(CancellationToken ct) =>
            UntilIdle.RunAsync(
                async ct =>
                {
                    var before = Versions();
                    var runtime = NewRuntime();
                    await _oracle.ResumeAsync(() => runtime.ResumeAsync(ct)).ConfigureAwait(false);
                    await _oracle.SweepAsync(() => runtime.SyncAsync(ct)).ConfigureAwait(false);
                    var poisoned = _store.Poisoned;
                    return !_h.OrderStore.All().Any(s => s.Order.HasRunnableWork && !poisoned.Contains(s.Order.Id))
                        && (_h.Faults.PendingFaults == 0 || Versions() == before);
                },
                maxRounds: 10,
                cancellationToken: ct);

        private long Versions() => _h.OrderStore.All().Sum(s => s.Version);

        private Task StepAsync(FulfillmentRuntime runtime, HistoryStep step, bool alone, CancellationToken ct)
        {
            Interlocked.Increment(ref _steps);
            return step switch
            {
                ObserveStep o => ObserveAsync(runtime, o, alone, ct),
                ObservePageStep p => PageAsync(runtime, p, ct),
                ShipStep s => ShipAsync(runtime, s, alone, ct),
                MerchantCancelStep c => Count(_oracle.InputAsync(
                    new MerchantCancelRequested(_plans[c.Order].Id, CancelReason), () => runtime.CancelAsync(_plans[c.Order].Id, CancelReason, ct), alone)),
                RetryStep r => Count(_oracle.InputAsync(new RetryRequested(_plans[r.Order].Id), () => runtime.RetryAsync(_plans[r.Order].Id, ct), alone)),
                SyncStep => _oracle.SweepAsync(() => runtime.SyncAsync(ct), alone),
                _ => throw new InvalidOperationException($"{step} cannot run on a worker."),
            };
        }

        private Task ObserveAsync(FulfillmentRuntime runtime, ObserveStep step, bool alone, CancellationToken ct)
        {
            var snapshot = SnapshotAt(step.Order, AmazonAt(step.Order, step.Tick), step.WithItems);
            return Count(_oracle.InputAsync(new AmazonOrderObserved(snapshot), () => runtime.ObserveAsync(snapshot, ct), alone));
        }

        private async Task PageAsync(FulfillmentRuntime runtime, ObservePageStep step, CancellationToken ct)
        {
            var snapshots = step.Observations.Select(o => SnapshotAt(o.Order, AmazonAt(o.Order, o.Tick), o.WithItems)).ToList();
            foreach (var result in await _oracle.PageAsync(snapshots, () => runtime.ObserveManyAsync(snapshots, ct)).ConfigureAwait(false) ?? [])
            {
                Count(result);
            }
        }

        private Task ShipAsync(FulfillmentRuntime runtime, ShipStep step, bool alone, CancellationToken ct)
        {
            var plan = _plans[step.Order];
            var item = step.Line < plan.Lines.Length ? plan.Lines[step.Line].OrderItemId : OrderItemId.Parse("99999999999999");
            var candidate = ShipmentPackage.TryCreate(
                plan.Id.Value,
                step.PackageReferenceId.ToString(CultureInfo.InvariantCulture),
                step.Variant == ShipmentVariant.OtherCarrierWithoutName ? " " + ShipmentPackage.OtherCarrier : "UPS",
                null,
                "Standard",
                step.Variant switch
                {
                    ShipmentVariant.BlankTracking => "  ",
                    ShipmentVariant.OtherTracking => "1Z999AA2" + step.PackageReferenceId.ToString("D10", CultureInfo.InvariantCulture),
                    _ => "1Z999AA1" + step.PackageReferenceId.ToString("D10", CultureInfo.InvariantCulture),
                },
                step.Variant == ShipmentVariant.FutureShipDate ? Start.AddDays(365) : plan.PurchaseDate.AddHours(1),
                [new PackageItem(item, step.Quantity)]);
            var invalid = step.PackageReferenceId <= 0 || step.Quantity <= 0 || step.Variant is ShipmentVariant.BlankTracking or ShipmentVariant.OtherCarrierWithoutName;
            _oracle.Constructed(step.ToString(), expectedValid: !invalid, candidate.IsValid, candidate.Field, plan.Id);
            if (!candidate.IsValid)
            {
                Interlocked.Increment(ref _refused);
                return Task.CompletedTask;
            }

            var package = candidate.Value;
            var badData = step.Line >= plan.Lines.Length || step.Variant == ShipmentVariant.FutureShipDate;
            return Count(_oracle.InputAsync(new ShipmentRecorded(package), () => runtime.RecordShipmentAsync(package, ct), alone, badData ? DecisionKind.Refused : null));
        }

        private async Task Count(Task<ProcessResult?> call)
        {
            if (await call.ConfigureAwait(false) is { } result)
            {
                Count(result);
            }
            else
            {
                Interlocked.Increment(ref _storeExceptions);
            }
        }

        private void Count(ProcessResult result)
        {
            if (result.Kind == DecisionKind.Applied)
            {
                Interlocked.Increment(ref _applied);
            }
            else if (result.Kind == DecisionKind.Refused)
            {
                Interlocked.Increment(ref _refused);
            }
        }
    }
}
