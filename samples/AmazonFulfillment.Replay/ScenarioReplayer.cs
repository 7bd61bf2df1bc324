using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.SellingPartner;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Replay;

/// <summary>What a replay printed and how it ended.</summary>
/// <param name="ExitCode">0 when the scenario ran; 2 for an invalid scenario file; 1 when the runtime failed unexpectedly.</param>
/// <param name="Stdout">The report (JSON or text).</param>
/// <param name="Stderr">Errors and warnings.</param>
public sealed record ReplayResult(int ExitCode, string Stdout, string Stderr);

/// <summary>An input that was refused, with its scenario line.</summary>
/// <param name="Line">The 1-based line number.</param>
/// <param name="AmazonOrderId">The order it named, as given, or <see langword="null"/>.</param>
/// <param name="Reason">Why it was refused.</param>
public sealed record ReplayRefusal(int Line, string? AmazonOrderId, string Reason);

/// <summary>One step of an order's timeline.</summary>
/// <param name="At">The virtual time after the step.</param>
/// <param name="Line">The scenario line that caused it, or <see langword="null"/> for the final run.</param>
/// <param name="AmazonOrderId">The order.</param>
/// <param name="Text">What happened (never buyer data).</param>
public sealed record TimelineEntry(DateTimeOffset At, int? Line, string AmazonOrderId, string Text);

/// <summary>Everything a finished replay knows: the harness (fakes, store, call counts), the refusals and the timeline.</summary>
/// <param name="Harness">The in-memory channel after the run.</param>
/// <param name="Refusals">Refused inputs, in file order.</param>
/// <param name="Timeline">What happened, in order.</param>
/// <param name="Warnings">Runtime failures the replay went on after.</param>
/// <param name="Events">How many events ran.</param>
/// <param name="Start">The clock's start.</param>
public sealed record ReplayRun(
    InMemoryFulfillment Harness,
    IReadOnlyList<ReplayRefusal> Refusals,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<string> Warnings,
    int Events,
    DateTimeOffset Start);

/// <summary>
/// Replays a scenario file through the real runtime over the in-memory ports, as <c>samples/AmazonFulfillment.Replay</c>
/// does from the command line (see REPLAY.md): the whole file is checked first, then every event runs in order,
/// then the runtime keeps resuming until no retryable work is left.
/// </summary>
public static class ScenarioReplayer
{
    private const int MaxFinalRounds = 1_000;

    /// <summary>Replays a scenario and renders its report.</summary>
    /// <param name="text">The scenario file's text.</param>
    /// <param name="json">Whether to print the JSON report rather than the readable one.</param>
    /// <param name="name">The scenario's name for the readable report.</param>
    /// <returns>The exit code and what was printed.</returns>
    public static async Task<ReplayResult> RunAsync(string text, bool json, string? name = null)
    {
        var (events, error) = ScenarioParser.Parse(text);
        if (error is not null)
        {
            return new ReplayResult(2, string.Empty, error + Environment.NewLine);
        }

        var run = await ReplayAsync(events).ConfigureAwait(false);
        var stdout = json ? JsonReport.Write(run) : TextReport.Write(run, name);
        var stderr = string.Concat(run.Warnings.Select(w => w + Environment.NewLine));
        var failed = run.Warnings.Any(w => !w.Contains(nameof(InjectedStoreFaultException), StringComparison.Ordinal));
        return new ReplayResult(failed ? 1 : 0, stdout, stderr);
    }

    /// <summary>
    /// The settings a replay starts from, and that a <c>settings</c> line's absent keys take: the library's defaults, with store
    /// view <c>default</c> (the library requires one) and <see cref="CarrierCheckMode.SendAndFlag"/>, so that scenarios with made-up
    /// tracking numbers still confirm them (carriers are still mapped to Amazon's spelling; set <c>carrierCheck</c> to
    /// <c>Refuse</c> to see the refusals a host gets by default).
    /// </summary>
    /// <returns>New settings.</returns>
    public static OrderSettings Defaults() => new() { StoreView = "default", CarrierCheck = CarrierCheckMode.SendAndFlag };

    /// <summary>Replays parsed events.</summary>
    /// <param name="events">The events, in file order.</param>
    /// <returns>The finished run.</returns>
    public static async Task<ReplayRun> ReplayAsync(IReadOnlyList<ScenarioEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var start = events.FirstOrDefault(e => e.At is not null)?.At
            ?? DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());

        // One order at a time, so that Commerce ids, customer ids and the timeline are the same on every run.
        // Every Amazon store the file names runs with its own settings, starting from the defaults.
        var options = new FulfillmentRuntimeOptions { MaxParallelOrders = 1 };
        foreach (var store in events.Select(e => e.AmazonStore).Where(s => s != ScenarioEvent.DefaultStore).Distinct(StringComparer.Ordinal))
        {
            options.AmazonStores.Add(store);
        }

        var harness = new InMemoryFulfillment(Defaults(), start, options);
        var session = new Session(harness);
        foreach (var e in events)
        {
            if (e.At is { } at)
            {
                harness.Clock.AdvanceTo(at);
            }

            await session.RunAsync(e).ConfigureAwait(false);
        }

        await session.FinishAsync().ConfigureAwait(false);
        return new ReplayRun(harness, session.Refusals, session.Timeline, session.Warnings, events.Count, start);
    }

    private sealed class Session(InMemoryFulfillment harness)
    {
        private readonly Dictionary<AmazonOrderId, FulfillmentOrder> _seen = [];
        private readonly Dictionary<AmazonOrderId, (DateTimeOffset LastUpdateDate, AmazonOrderStatus Status)> _amazonStatus = [];

        public List<ReplayRefusal> Refusals { get; } = [];

        public List<TimelineEntry> Timeline { get; } = [];

        public List<string> Warnings { get; } = [];

        public async Task RunAsync(ScenarioEvent e)
        {
            try
            {
                await RunCoreAsync(e).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The replay reports a failing runtime and goes on, as a host would.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Warnings.Add($"line {e.Line}: the runtime failed: {ex.GetType().Name}: {ex.Message}");
                Track(null, e.Line);
            }
        }

        public async Task FinishAsync()
        {
            // A host that stays up keeps retrying failed effects; blocked imports wait for sync, retry or a newer observation.
            for (var round = 0; round < MaxFinalRounds; round++)
            {
                int left;
                try
                {
                    left = await harness.Runtime.ResumeAsync().ConfigureAwait(false);
                }
#pragma warning disable CA1031 // As above.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Warnings.Add($"end of file: the runtime failed: {ex.GetType().Name}: {ex.Message}");
                    left = 1;
                }

                Track(null, null);
                if (left == 0)
                {
                    return;
                }

                harness.Clock.Advance(harness.Options.RetryMaxDelay);
            }

            Warnings.Add($"end of file: work was still left after {MaxFinalRounds} resume rounds.");
        }

        private async Task RunCoreAsync(ScenarioEvent e)
        {
            switch (e)
            {
                case SettingsEvent s:
                    harness.Settings.Set(s.AmazonStore == ScenarioEvent.DefaultStore ? null : s.AmazonStore, s.Settings);
                    break;
                case CatalogEvent c:
                    foreach (var p in c.Products)
                    {
                        harness.Commerce.SetProduct(p.Sku, p.Stock, p.Enabled);
                    }

                    break;
                case CustomersEvent c:
                    foreach (var customer in c.Customers)
                    {
                        harness.Customers.Add(customer.Email, customer.Name);
                    }

                    break;
                case AmazonEvent a:
                    await ObserveAsync(a).ConfigureAwait(false);
                    break;
                case ShipmentEvent s:
                    await ShipAsync(s).ConfigureAwait(false);
                    break;
                case CancelEvent c:
                    if (Id(c.AmazonOrderId, c.Line) is { } cancelId)
                    {
                        Outcome(c.Line, c.AmazonOrderId, await harness.Runtime.CancelAsync(cancelId, c.Reason ?? string.Empty).ConfigureAwait(false));
                    }

                    break;
                case RetryEvent r:
                    if (Id(r.AmazonOrderId, r.Line) is { } retryId)
                    {
                        Outcome(r.Line, r.AmazonOrderId, await harness.Runtime.RetryAsync(retryId).ConfigureAwait(false));
                    }

                    break;
                case SyncEvent s:
                    foreach (var result in await (s.NamedStore is { } store ? harness.Runtime.SyncStoreAsync(store) : harness.Runtime.SyncAsync()).ConfigureAwait(false))
                    {
                        if (result.Failed)
                        {
                            // One order never stops the others: the sweep reports it and goes on.
                            Note(s.Line, result.AmazonOrderId, $"processing failed ({result.Exception?.GetType().Name ?? "failure"}): skipped, tried again at the next sweep");
                        }
                    }

                    Track(null, s.Line);
                    break;
                case FaultEvent f:
                    harness.Faults.Add(f.Port, f.Operation, f.Mode, f.Count);
                    break;
                case DropEvent d:
                    harness.Amazon.DropAcceptedConfirmations(d.Count, null);
                    break;
                case RestartEvent r:
                    await harness.Restart().ResumeAsync().ConfigureAwait(false);
                    Note(r.Line, null, "host restarted; unfinished work resumed");
                    Track(null, r.Line);
                    break;
            }
        }

        private async Task ObserveAsync(AmazonEvent a)
        {
            var given = a.Order.TryGetProperty("AmazonOrderId", out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString() : null;
            var snapshot = OrdersV0Reader.TryReadOrder(a.Order);
            if (!snapshot.IsValid)
            {
                Refuse(a.Line, given, $"Amazon order refused by SP-API validation: {snapshot.Field}: {snapshot.Error}");
                return;
            }

            var order = snapshot.Value with { AmazonStore = a.AmazonStore };

            // The fake Amazon knows the order as Amazon reports it now (its newest observation), and refuses calls accordingly.
            if (!_amazonStatus.TryGetValue(order.Id, out var known) || order.LastUpdateDate >= known.LastUpdateDate)
            {
                known = (order.LastUpdateDate, order.Status);
                _amazonStatus[order.Id] = known;
            }

            harness.Amazon.SetOrderStatus(order.Id, known.Status);
            if (a.Items is { } items)
            {
                ImmutableArray<AmazonOrderItem> lines;
                try
                {
                    lines = OrdersV0Reader.ReadOrderItems(items, order.Id.Value);
                }
                catch (SellingPartnerFormatException ex)
                {
                    Refuse(a.Line, given, $"Amazon order items refused by SP-API validation: {ex.Message}");
                    return;
                }

                harness.Amazon.SetOrderItems(order.Id, lines);
            }

            Outcome(a.Line, given, await harness.Runtime.ObserveAsync(order).ConfigureAwait(false));
        }

        private async Task ShipAsync(ShipmentEvent s)
        {
            var j = s.Shipment;
            var given = Raw(j, "amazonOrderId");
            if (ReadShipment(j) is not { } package)
            {
                return;
            }

            var id = package.AmazonOrderId;
            var before = await harness.OrderStore.LoadAsync(id).ConfigureAwait(false);
            var result = await harness.Runtime.RecordShipmentAsync(package).ConfigureAwait(false);
            var after = await harness.OrderStore.LoadAsync(id).ConfigureAwait(false);
            var applied = after is not null
                && after.Order.Packages.Any(p => p.Package.PackageReferenceId == package.PackageReferenceId)
                && !(before?.Order.Packages.Any(p => p.Package.PackageReferenceId == package.PackageReferenceId) ?? false);
            if (applied && harness.Commerce.Find(id) is { } commerceOrder && commerceOrder.Status != CommerceStatuses.Complete)
            {
                // The merchant shipped in Commerce: the back office moves the order on itself.
                harness.Commerce.SetStatus(id, CommerceStatuses.Processing);
            }

            Outcome(s.Line, given, result);

            ShipmentPackage? ReadShipment(JsonElement shipment)
            {
                DateTimeOffset shipDate = default;
                var dateText = Raw(shipment, "shipDate");
                if (string.IsNullOrWhiteSpace(dateText))
                {
                    return Refused("shipDate: is required.");
                }

                if (dateText.Length < 11 || dateText[10] != 'T'
                    || !DateTimeOffset.TryParse(dateText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out shipDate))
                {
                    return Refused($"shipDate: '{dateText}' is not an ISO-8601 date-time.");
                }

                List<PackageItem>? items = null;
                if (shipment.TryGetProperty("items", out var list) && list.ValueKind != JsonValueKind.Null)
                {
                    if (list.ValueKind != JsonValueKind.Array)
                    {
                        return Refused("items: must be an array of { orderItemId, quantity }.");
                    }

                    items = [];
                    foreach (var item in list.EnumerateArray())
                    {
                        if (item.ValueKind != JsonValueKind.Object)
                        {
                            return Refused("items: each item must be an object { orderItemId, quantity }.");
                        }

                        var itemId = OrderItemId.TryCreate(Raw(item, "orderItemId"));
                        if (!itemId.IsValid)
                        {
                            return Refused($"items.orderItemId: {itemId.Error}");
                        }

                        if (!item.TryGetProperty("quantity", out var q) || q.ValueKind != JsonValueKind.Number || !q.TryGetInt32(out var quantity))
                        {
                            return Refused($"items.quantity: the quantity of order item {itemId.Value} must be a whole number.");
                        }

                        items.Add(new PackageItem(itemId.Value, quantity));
                    }
                }

                var created = ShipmentPackage.TryCreate(
                    Raw(shipment, "amazonOrderId"),
                    Raw(shipment, "packageReferenceId"),
                    Raw(shipment, "carrierCode"),
                    Raw(shipment, "carrierName"),
                    Raw(shipment, "shippingMethod"),
                    Raw(shipment, "trackingNumber"),
                    shipDate,
                    items);
                return created.IsValid ? created.Value : Refused($"{created.Field}: {created.Error}");
            }

            ShipmentPackage? Refused(string reason)
            {
                Refuse(s.Line, given, "shipment refused: " + reason);
                return null;
            }
        }

        private AmazonOrderId? Id(string? text, int line)
        {
            var id = AmazonOrderId.TryCreate(text, "amazonOrderId");
            if (id.IsValid)
            {
                return id.Value;
            }

            Refuse(line, text, $"{id.Field}: {id.Error}");
            return null;
        }

        private void Outcome(int line, string? given, ProcessResult result)
        {
            switch (result.Kind)
            {
                case DecisionKind.Refused:
                    Refuse(line, given ?? result.AmazonOrderId.Value, result.Refusal?.ToString() ?? "refused.");
                    break;
                case DecisionKind.Ignored when result.Note is not null:
                    Note(line, result.AmazonOrderId, "ignored: " + result.Note);
                    break;
            }

            Track(result.AmazonOrderId, line);
        }

        private void Refuse(int line, string? given, string reason)
        {
            Refusals.Add(new ReplayRefusal(line, given, reason));
            Timeline.Add(new TimelineEntry(harness.Clock.GetUtcNow(), line, given ?? "(no order id)", "refused: " + reason));
        }

        private void Note(int line, AmazonOrderId? id, string text) =>
            Timeline.Add(new TimelineEntry(harness.Clock.GetUtcNow(), line, id?.Value ?? "(host)", text));

        /// <summary>Compares orders with how they were last seen and adds what changed to the timeline.</summary>
        private void Track(AmazonOrderId? only, int? line)
        {
            var now = harness.Clock.GetUtcNow();
            IEnumerable<FulfillmentOrder> orders = only is { } id
                ? harness.OrderStore.All().Where(s => s.Order.Id == id).Select(s => s.Order)
                : harness.OrderStore.All().Select(s => s.Order);
            foreach (var order in orders)
            {
                _seen.TryGetValue(order.Id, out var before);
                if (ReferenceEquals(before, order))
                {
                    continue;
                }

                foreach (var text in Changes.Describe(before, order))
                {
                    Timeline.Add(new TimelineEntry(now, line, order.Id.Value, text));
                }

                _seen[order.Id] = order;
            }
        }

        private static string? Raw(JsonElement obj, string name) =>
            !obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
            : v.ValueKind == JsonValueKind.String ? v.GetString()
            : v.GetRawText();
    }
}
