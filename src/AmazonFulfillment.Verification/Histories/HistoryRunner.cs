using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Verification.Histories;

/// <summary>
/// Runs a <see cref="History"/> against the real <see cref="FulfillmentRuntime"/> over the in-memory harness
/// (<see cref="InMemoryFulfillment"/>), checks the guarantees of SPEC section 6 after every command, drains
/// (restart, resume, sync until no runnable work is left) and checks the final state against what a reference
/// model of the history predicts.
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
        private readonly History _history;
        private readonly InMemoryFulfillment _h;
        private readonly ImmutableArray<OrderPlan> _plans;
        private readonly int[] _amazonNow;
        private readonly int[] _maxObserved;
        private readonly int[] _maxApplied;
        private readonly bool[] _shippedObserved;
        private readonly bool[] _canceledObserved;
        private readonly bool[] _cancelApplied;
        private readonly ConcurrentBag<ShipmentPackage> _appliedShipments = [];
        private readonly HashSet<string> _permanentFaults = new(StringComparer.Ordinal);
        private readonly List<string> _violations = [];
        private readonly Lock _gate = new();
        private Dictionary<AmazonOrderId, StoredOrder> _previous = [];
        private Dictionary<AmazonOrderId, string> _previousCommerce = [];
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
            _amazonNow = Enumerable.Repeat(-1, _plans.Length).ToArray();
            _maxObserved = Enumerable.Repeat(-1, _plans.Length).ToArray();
            _maxApplied = Enumerable.Repeat(-1, _plans.Length).ToArray();
            _shippedObserved = new bool[_plans.Length];
            _canceledObserved = new bool[_plans.Length];
            _cancelApplied = new bool[_plans.Length];
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
            var runtime = _h.Runtime;
            for (var i = 0; i < _history.Steps.Length; i++)
            {
                var step = _history.Steps[i];
                _label = string.Create(CultureInfo.InvariantCulture, $"after step {i + 1} ({step})");
                switch (step)
                {
                    case RestartStep:
                        _steps++;
                        runtime = _h.Restart();
                        await Guard(() => runtime.ResumeAsync(ct)).ConfigureAwait(false);
                        break;
                    case FaultStep f:
                        _steps++;
                        _h.Faults.Add(f.Port, f.Operation, f.Mode, f.Count);
                        if (f.Mode == FaultMode.Permanent)
                        {
                            _permanentFaults.Add(f.Port + "." + f.Operation);
                        }

                        break;
                    case RestockStep r:
                        _steps++;
                        foreach (var line in _plans[r.Order].Lines)
                        {
                            _h.Commerce.SetProduct(line.Sku, StockStatus.InStock, enabled: true);
                        }

                        break;
                    case ConcurrentStep c:
                        var workers = c.Steps.Select(_ => Worker()).ToList();
                        await Task.WhenAll(c.Steps.Select((s, n) => Task.Run(() => StepAsync(workers[n], s, sequential: false, ct), ct))).ConfigureAwait(false);
                        break;
                    default:
                        await StepAsync(runtime, step, sequential: true, ct).ConfigureAwait(false);
                        break;
                }

                CheckAlways();
                if (_violations.Count > 0)
                {
                    return;
                }
            }

            _label = "after the final drain";
            await DrainAsync(ct).ConfigureAwait(false);
            CheckAlways();
            CheckFinal();
        }

        private FulfillmentRuntime Worker() =>
            new(_h.Amazon, _h.Commerce, _h.Customers, new YieldingStore(_h.Store), _h.Settings, _h.Options, _h.Clock);

        private async Task DrainAsync(CancellationToken ct)
        {
            for (var round = 0; round < 10; round++)
            {
                var runtime = _h.Restart();
                await Guard(() => runtime.ResumeAsync(ct)).ConfigureAwait(false);
                await Guard(() => runtime.SyncAsync(ct)).ConfigureAwait(false);
                if (!_h.OrderStore.All().Any(s => s.Order.HasRunnableWork) && _h.Faults.PendingFaults == 0)
                {
                    return;
                }
            }
        }

        private async Task Guard(Func<Task> action)
        {
            try
            {
                await action().ConfigureAwait(false);
            }
            catch (InjectedStoreFaultException)
            {
                Interlocked.Increment(ref _storeExceptions);
            }
#pragma warning disable CA1031 // Any other exception is a broken guarantee (totality), reported, not thrown.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Violate($"guarantee 6 (totality): unexpected {ex.GetType().Name}: {ex.Message}");
            }
        }

        private Task StepAsync(FulfillmentRuntime runtime, HistoryStep step, bool sequential, CancellationToken ct)
        {
            Interlocked.Increment(ref _steps);
            return Guard(() => step switch
            {
                ObserveStep o => ObserveAsync(runtime, o, sequential, ct),
                ShipStep s => ShipAsync(runtime, s, sequential, ct),
                MerchantCancelStep c => CheckedAsync(c.Order, sequential, () => runtime.CancelAsync(_plans[c.Order].Id, "NoInventory", ct), r =>
                {
                    if (r.Kind == DecisionKind.Applied)
                    {
                        _cancelApplied[c.Order] = true;
                    }
                }),
                RetryStep r => CheckedAsync(r.Order, sequential, () => runtime.RetryAsync(_plans[r.Order].Id, ct), _ => { }),
                SyncStep => runtime.SyncAsync(ct),
                _ => throw new InvalidOperationException($"{step} cannot run on a worker."),
            });
        }

        private async Task ObserveAsync(FulfillmentRuntime runtime, ObserveStep step, bool sequential, CancellationToken ct)
        {
            var plan = _plans[step.Order];
            var tick = Math.Clamp(step.Tick, 0, plan.Timeline.Length - 1);
            lock (_gate)
            {
                // Amazon "now" is at least as far as anything it reported.
                _amazonNow[step.Order] = Math.Max(_amazonNow[step.Order], tick);
                _maxObserved[step.Order] = Math.Max(_maxObserved[step.Order], tick);
                _shippedObserved[step.Order] |= plan.Timeline[tick].IsShipped();
                _canceledObserved[step.Order] |= plan.Timeline[tick] == AmazonOrderStatus.Canceled;
                _h.Amazon.SetOrderItems(plan.Id, plan.ItemsAt(_amazonNow[step.Order]));
            }

            var snapshot = plan.SnapshotAt(tick, step.WithItems);
            var before = sequential ? _h.OrderStore.All().FirstOrDefault(s => s.Order.Id == plan.Id) : null;
            var result = await runtime.ObserveAsync(snapshot, ct).ConfigureAwait(false);
            Count(result);
            if (result.Kind == DecisionKind.Applied)
            {
                lock (_gate)
                {
                    _maxApplied[step.Order] = Math.Max(_maxApplied[step.Order], tick);
                }
            }

            if (before is null)
            {
                return;
            }

            var after = Stored(plan.Id);
            if (snapshot.LastUpdateDate <= before.Order.LastUpdateDate)
            {
                if (result.Kind != DecisionKind.Ignored)
                {
                    Violate($"guarantee {(snapshot.LastUpdateDate == before.Order.LastUpdateDate ? "4 (idempotence): a duplicate" : "5 (monotonicity): a stale")} observation was {result.Kind}, not ignored.");
                }

                if (after is null || after.Order.LastUpdateDate != before.Order.LastUpdateDate || after.Order.AmazonStatus != before.Order.AmazonStatus)
                {
                    Violate("guarantee 5 (monotonicity): a stale or duplicate observation changed the order's Amazon status or LastUpdateDate.");
                }
            }
        }

        private async Task ShipAsync(FulfillmentRuntime runtime, ShipStep step, bool sequential, CancellationToken ct)
        {
            var plan = _plans[step.Order];
            var item = step.Line < plan.Lines.Length ? plan.Lines[step.Line].OrderItemId : OrderItemId.Parse("99999999999999");
            var candidate = ShipmentPackage.TryCreate(
                plan.Id.Value,
                step.PackageReferenceId.ToString(CultureInfo.InvariantCulture),
                step.Variant == ShipmentVariant.OtherCarrierWithoutName ? ShipmentPackage.OtherCarrier : "UPS",
                null,
                "Standard",
                step.Variant switch
                {
                    ShipmentVariant.BlankTracking => "  ",
                    ShipmentVariant.OtherTracking => "TBA" + step.PackageReferenceId.ToString(CultureInfo.InvariantCulture),
                    _ => "1Z" + step.PackageReferenceId.ToString(CultureInfo.InvariantCulture),
                },
                step.Variant == ShipmentVariant.FutureShipDate ? Start.AddDays(365) : plan.PurchaseDate.AddHours(1),
                [new PackageItem(item, step.Quantity)]);
            var invalid = step.PackageReferenceId <= 0 || step.Quantity <= 0 || step.Variant is ShipmentVariant.BlankTracking or ShipmentVariant.OtherCarrierWithoutName;
            if (candidate.IsValid == invalid)
            {
                Violate($"guarantee 12 (bad input): ShipmentPackage.TryCreate returned {candidate} for {step}.");
                return;
            }

            if (!candidate.IsValid)
            {
                if (string.IsNullOrEmpty(candidate.Field))
                {
                    Violate("guarantee 12 (bad input): a refusal does not name its field.");
                }

                Interlocked.Increment(ref _refused);
                return;
            }

            var package = candidate.Value;
            await CheckedAsync(step.Order, sequential, () => runtime.RecordShipmentAsync(package, ct), r =>
            {
                if (r.Kind == DecisionKind.Applied)
                {
                    _appliedShipments.Add(package);
                }
                else if (step.Line >= plan.Lines.Length || step.Variant == ShipmentVariant.FutureShipDate)
                {
                    if (r.Kind != DecisionKind.Refused)
                    {
                        Violate($"guarantee 12 (bad input): {step} was {r.Kind}, not refused.");
                    }
                }
            }).ConfigureAwait(false);
        }

        private async Task CheckedAsync(int order, bool sequential, Func<Task<ProcessResult>> call, Action<ProcessResult> after)
        {
            var id = _plans[order].Id;
            var before = sequential ? Stored(id) : null;
            var commerceBefore = sequential ? _h.Commerce.Orders.Count : 0;
            var callsBefore = sequential ? AmazonCalls() : 0;
            var result = await call().ConfigureAwait(false);
            Count(result);
            after(result);
            if (!sequential || result.Kind != DecisionKind.Refused)
            {
                return;
            }

            if (result.Refusal is null || string.IsNullOrWhiteSpace(result.Refusal.Reason))
            {
                Violate("guarantee 12 (bad input): a refusal carries no reason.");
            }

            var now = Stored(id);
            if (now?.Version != before?.Version || _h.Commerce.Orders.Count != commerceBefore || AmazonCalls() != callsBefore)
            {
                Violate($"guarantee 12 (bad input): a refused input changed something (version {before?.Version} -> {now?.Version}).");
            }
        }

        private int AmazonCalls() => _h.Faults.CallsOf("amazon", "ConfirmShipment") + _h.Faults.CallsOf("amazon", "CancelOrder");

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

        private StoredOrder? Stored(AmazonOrderId id) => _h.OrderStore.All().FirstOrDefault(s => s.Order.Id == id);

        private OrderPlan? PlanOf(AmazonOrderId id) => _plans.FirstOrDefault(p => p.Id == id);

        private int IndexOf(AmazonOrderId id) => _plans.Select((p, i) => (p, i)).First(x => x.p.Id == id).i;

        private void Violate(string message)
        {
            lock (_gate)
            {
                _violations.Add($"{_label}: {message}");
            }
        }

        /// <summary>Guarantees that hold after every command, whatever is still in flight.</summary>
        private void CheckAlways()
        {
            var stored = _h.OrderStore.All().ToDictionary(s => s.Order.Id);
            var commerce = _h.Commerce.Orders;

            foreach (var group in commerce.GroupBy(o => o.AmazonOrderId).Where(g => g.Count() > 1))
            {
                Violate($"guarantee 1 (exactly one Commerce order): {group.Count()} Commerce orders for {group.Key}.");
            }

            foreach (var group in _h.Customers.Customers.GroupBy(c => c.Email, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            {
                Violate($"guarantee 2 (one customer per email): {group.Count()} customers share one email.");
            }

            foreach (var confirmation in _h.Amazon.Confirmations)
            {
                var package = confirmation.Package;
                if (PlanOf(package.AmazonOrderId) is { Channel: FulfillmentChannel.Amazon })
                {
                    Violate($"guarantee 7 (FBA isolation): a package was confirmed to Amazon for FBA order {package.AmazonOrderId}.");
                }

                var recorded = stored.GetValueOrDefault(package.AmazonOrderId)?.Order.Packages.FirstOrDefault(p => p.Package.PackageReferenceId == package.PackageReferenceId);
                if (recorded is null || !recorded.Package.SameContentAs(package))
                {
                    Violate($"guarantee 3 (each package once): Amazon holds package {package.PackageReferenceId} of {package.AmazonOrderId}, which the order does not record with that content.");
                }
            }

            foreach (var group in _h.Amazon.Confirmations.GroupBy(c => (c.Package.AmazonOrderId, c.Package.PackageReferenceId)).Where(g => g.Count() > 1))
            {
                Violate($"guarantee 3 (each package once): Amazon holds package {group.Key.PackageReferenceId} of {group.Key.AmazonOrderId} {group.Count()} times.");
            }

            foreach (var cancellation in _h.Amazon.Cancellations)
            {
                if (PlanOf(cancellation.AmazonOrderId) is { Channel: FulfillmentChannel.Amazon })
                {
                    Violate($"guarantee 7 (FBA isolation): Amazon was asked to cancel FBA order {cancellation.AmazonOrderId}.");
                }

                if (stored.GetValueOrDefault(cancellation.AmazonOrderId)?.Order.MerchantCancelReason is null)
                {
                    Violate($"Amazon was asked to cancel {cancellation.AmazonOrderId}, which the merchant did not cancel.");
                }
            }

            foreach (var (id, s) in stored)
            {
                if (PlanOf(id) is not { } plan)
                {
                    Violate($"an order that was never observed is stored: {id}.");
                    continue;
                }

                var index = IndexOf(id);
                if (plan.Channel == FulfillmentChannel.Amazon && !_shippedObserved[index])
                {
                    Violate($"guarantee 7 (FBA isolation): FBA order {id} is stored though Amazon never reported it Shipped.");
                }

                if (commerce.FirstOrDefault(c => c.AmazonOrderId == id) is { Status: CommerceStatuses.Complete } && plan.Channel == FulfillmentChannel.Merchant && !s.Order.AllItemsShipped)
                {
                    Violate($"guarantee 8 (complete only when complete): the Commerce order of {id} is complete while items remain unshipped.");
                }

                if (_previous.GetValueOrDefault(id) is not { } prev)
                {
                    continue;
                }

                if (s.Version < prev.Version)
                {
                    Violate($"the stored version of {id} went back from {prev.Version} to {s.Version}.");
                }

                if (s.Order.LastUpdateDate < prev.Order.LastUpdateDate || s.Order.AmazonStatus.Rank() < prev.Order.AmazonStatus.Rank())
                {
                    Violate($"guarantee 5 (monotonicity): {id} regressed from {prev.Order.AmazonStatus} at {prev.Order.LastUpdateDate:O} to {s.Order.AmazonStatus} at {s.Order.LastUpdateDate:O}.");
                }

                if ((prev.Order.State == OrderState.Canceled && s.Order.State != OrderState.Canceled)
                    || (prev.Order.State == OrderState.Shipped && s.Order.State is not (OrderState.Shipped or OrderState.Canceled)))
                {
                    Violate($"guarantee 5 (monotonicity): {id} went from {prev.Order.State} back to {s.Order.State}.");
                }

                foreach (var p in prev.Order.Packages)
                {
                    if (!s.Order.Packages.Any(n => n.Package.PackageReferenceId == p.Package.PackageReferenceId && n.Package.SameContentAs(p.Package)))
                    {
                        Violate($"guarantee 9 (nothing lost): package {p.Package.PackageReferenceId} of {id} disappeared.");
                    }
                }
            }

            foreach (var id in _previous.Keys.Where(k => !stored.ContainsKey(k)))
            {
                Violate($"guarantee 9 (nothing lost): order {id} disappeared from the store.");
            }

            foreach (var c in commerce)
            {
                if (_previousCommerce.GetValueOrDefault(c.AmazonOrderId) is { } was && was != c.Status
                    && (was == CommerceStatuses.Canceled || (was == CommerceStatuses.Complete && c.Status != CommerceStatuses.Canceled)))
                {
                    Violate($"guarantee 5 (monotonicity): the Commerce order of {c.AmazonOrderId} went from {was} to {c.Status}.");
                }
            }

            _previous = stored;
            _previousCommerce = commerce.GroupBy(c => c.AmazonOrderId).ToDictionary(g => g.Key, g => g.Last().Status);
        }

        /// <summary>Guarantees of a quiet channel, and the outcomes the reference model predicts.</summary>
        private void CheckFinal()
        {
            var stored = _h.OrderStore.All().ToDictionary(s => s.Order.Id);
            for (var i = 0; i < _plans.Length; i++)
            {
                var plan = _plans[i];
                var s = stored.GetValueOrDefault(plan.Id)?.Order;
                var commerce = _h.Commerce.Find(plan.Id);
                if (_maxObserved[i] < 0 && s is not null)
                {
                    Violate($"{plan.Id} is stored though never observed.");
                }

                foreach (var package in _appliedShipments.Where(p => p.AmazonOrderId == plan.Id))
                {
                    if (s is null || !s.Packages.Any(p => p.Package.SameContentAs(package)))
                    {
                        Violate($"guarantee 9 (nothing lost): the recorded package {package.PackageReferenceId} of {plan.Id} is gone.");
                    }
                }

                if (_cancelApplied[i] && s?.State != OrderState.Canceled)
                {
                    Violate($"guarantee 9 (nothing lost): the merchant's cancellation of {plan.Id} was applied, but it ends {s?.State}.");
                }

                if (_maxApplied[i] >= 0 && (s is null || s.LastUpdateDate < plan.UpdatedAt(_maxApplied[i])))
                {
                    Violate($"guarantee 9 (nothing lost): the observation at tick {_maxApplied[i]} of {plan.Id} was applied, but the order shows an older one.");
                }

                if (s is null)
                {
                    if (commerce is not null)
                    {
                        Violate($"guarantee 1: a Commerce order exists for {plan.Id}, which is not tracked.");
                    }

                    continue;
                }

                if (s.HasRunnableWork)
                {
                    Violate($"guarantee 9 (crash safety): {plan.Id} still has runnable work after the drain: {string.Join(", ", s.Outbox.Select(e => e.Effect.IdempotencyKey))}.");
                }

                if (s.CommerceOrder is { } co)
                {
                    if (commerce is null || commerce.CommerceOrderId != co.CommerceOrderId)
                    {
                        Violate($"guarantee 1: {plan.Id} records Commerce order {co.CommerceOrderId}, Commerce holds {commerce?.CommerceOrderId ?? "none"}.");
                    }
                }
                else if (commerce is not null && s.State is not (OrderState.Canceled or OrderState.Blocked))
                {
                    Violate($"guarantee 1: Commerce holds an order for {plan.Id}, which the order does not record (state {s.State}).");
                }

                if (s.State is OrderState.Unshipped or OrderState.PartiallyShipped or OrderState.Shipped
                    && s.CommerceOrder is null
                    && (plan.Channel == FulfillmentChannel.Merchant || _history.ImportFbaOrders))
                {
                    Violate($"guarantee 1: {plan.Id} is {s.State} without a Commerce order.");
                }

                if (s.State == OrderState.Pending && commerce is not null)
                {
                    Violate($"{plan.Id} is Pending but has a Commerce order.");
                }

                if (commerce is not null && s.State == OrderState.Canceled && commerce.Status != CommerceStatuses.Canceled && !_permanentFaults.Contains("commerce.CancelOrder"))
                {
                    Violate($"{plan.Id} is cancelled, its Commerce order is {commerce.Status}.");
                }

                if (commerce is not null && s.State == OrderState.Shipped && s.CommerceOrder is not null && commerce.Status != CommerceStatuses.Complete
                    && !_permanentFaults.Contains("commerce.CompleteOrder"))
                {
                    Violate($"{plan.Id} is Shipped, its Commerce order is {commerce.Status}.");
                }

                if (plan.Channel == FulfillmentChannel.Amazon && commerce is not null && commerce.Status != CommerceStatuses.Complete)
                {
                    Violate($"guarantee 7/8: the FBA order {plan.Id} is {commerce.Status} in Commerce, not complete.");
                }

                foreach (var p in s.Packages)
                {
                    var onAmazon = _h.Amazon.Confirmations.Where(c => c.Package.AmazonOrderId == plan.Id && c.Package.PackageReferenceId == p.Package.PackageReferenceId).ToList();
                    switch (p.Confirmation)
                    {
                        case ConfirmationState.Confirmed when onAmazon.Count != 1:
                            Violate($"guarantee 3: package {p.Package.PackageReferenceId} of {plan.Id} is confirmed, Amazon holds it {onAmazon.Count} times.");
                            break;
                        case ConfirmationState.Failed when !_permanentFaults.Contains("amazon.ConfirmShipment"):
                            Violate($"package {p.Package.PackageReferenceId} of {plan.Id} failed without a permanent Amazon failure.");
                            break;
                        case ConfirmationState.Pending:
                            Violate($"guarantee 9: package {p.Package.PackageReferenceId} of {plan.Id} is still pending after the drain.");
                            break;
                    }
                }

                if (s.MerchantCancelReason is not null && !_permanentFaults.Contains("amazon.CancelOrder")
                    && !_h.Amazon.Cancellations.Any(c => c.AmazonOrderId == plan.Id))
                {
                    Violate($"the merchant cancelled {plan.Id}, Amazon was never asked to cancel it.");
                }

                if (_canceledObserved[i] && plan.Channel == FulfillmentChannel.Merchant && !s.AnyItemShipped && s.State != OrderState.Canceled)
                {
                    Violate($"Amazon reported {plan.Id} Canceled with nothing shipped, but it ends {s.State}.");
                }
            }
        }
    }
}
