using System.Threading.Channels;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.SellingPartner.Client.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmazonFulfillment.SellingPartner.Client;

/// <summary>
/// Polls one seller's orders into the runtime: each poll reads every page of the next <see cref="OrderPollingWindow"/>
/// (<c>searchOrders</c> with items, or v0 <c>getOrders</c>) into <see cref="FulfillmentRuntime.ObserveManyAsync"/>, and
/// checkpoints its cursor after each page in the order store (<see cref="IPollingCursorStore"/>), so a restart neither skips
/// nor re-reads a window; a page token older than <see cref="SellingPartnerPollerOptions.PageTokenLifetime"/>, or one Amazon
/// refuses, restarts its window. <see cref="NotifyOrderChanged"/> (an <c>ORDER_CHANGE</c> notification) fetches that one order
/// at once, so the slow <c>searchOrders</c> rate is not the latency. The lag (how far the window trails now) is the
/// <c>amazonfulfillment.spapi.poll_lag</c> gauge, in seconds, and a warning past a threshold. One poller per seller polls at a
/// time across hosts: before each poll, and after each page, it takes or renews the lease <c>orders:{seller}</c>
/// (<see cref="IPollerLeaseStore"/>, kept by the order store when it can, else in this process's memory); while another host
/// holds it the cycle is skipped (<see cref="OrderPollResult.LeaseHeldElsewhere"/>). Stopping releases the lease; a host that
/// dies without releasing it is taken over once <see cref="SellingPartnerPollerOptions.LeaseDuration"/> passed.
/// </summary>
public sealed partial class SellingPartnerOrderPoller : BackgroundService
{
    private readonly SellingPartnerClient _client;
    private readonly FulfillmentRuntime _runtime;
    private readonly IPollingCursorStore? _cursors;
    private readonly IPollerLeaseStore _leases;
    private readonly bool _leasesInMemory;
    private readonly SellingPartnerPollerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly OrderObservationDeduplicator _deduplicator = new();
    private readonly Channel<AmazonOrderId> _notified = Channel.CreateUnbounded<AmazonOrderId>();
    private readonly SemaphoreSlim _polling = new(1, 1);
    private PollingCursor? _memoryCursor;
    private DateTimeOffset? _watermark;
    private bool _holdsLease;

    /// <summary>Creates a poller.</summary>
    /// <param name="client">The seller's client.</param>
    /// <param name="runtime">The runtime the orders go to.</param>
    /// <param name="store">The order store; its cursor capability (<see cref="IPollingCursorStore"/>) is used when it has it.</param>
    /// <param name="options">The poller's options.</param>
    /// <param name="time">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">The logger; none when <see langword="null"/>.</param>
    /// <param name="leases">
    /// Where the poller's lease is kept; when <see langword="null"/>, the order store when it is an <see cref="IPollerLeaseStore"/>,
    /// else an in-memory one of this poller's own (no other poller sees it).
    /// </param>
    /// <exception cref="ArgumentNullException">
    /// An argument other than <paramref name="time"/>, <paramref name="logger"/> and <paramref name="leases"/> is null.
    /// </exception>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public SellingPartnerOrderPoller(
        SellingPartnerClient client,
        FulfillmentRuntime runtime,
        IOrderStore store,
        IOptions<SellingPartnerPollerOptions> options,
        TimeProvider? time = null,
        ILogger<SellingPartnerOrderPoller>? logger = null,
        IPollerLeaseStore? leases = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        Problems.ThrowIfAny(_options.Validate(), "order poller options", nameof(options), ProblemCodes.SettingsOptionsInvalid);

        _client = client;
        _runtime = runtime;
        _cursors = store as IPollingCursorStore;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        CursorName = $"orders:{client.Options.SellerId}:{(client.Options.OrdersApi == OrdersApiVersion.V0 ? "v0" : "2026-01-01")}";
        LeaseName = $"orders:{client.Options.SellerId}";
        LeaseOwner = _options.LeaseOwner ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        _leases = leases ?? store as IPollerLeaseStore ?? new InMemoryPollerLeaseStore(_time);
        _leasesInMemory = _leases is InMemoryPollerLeaseStore;
        ClientTelemetry.Track(this, client.Options.SellerId);
    }

    /// <summary>Gets how far the last completed window trails now, or <see langword="null"/> before the first one completed.</summary>
    public TimeSpan? Lag => _watermark is { } watermark ? _time.GetUtcNow() - watermark : null;

    /// <summary>Asks for one order to be fetched at once (an <c>ORDER_CHANGE</c> notification); the hosted poller does it before its next poll.</summary>
    /// <param name="notification">The notification, read with <see cref="OrderChangeNotificationReader"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="notification"/> is null.</exception>
    public void NotifyOrderChanged(OrderChangeNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        _notified.Writer.TryWrite(notification.AmazonOrderId);
    }

    /// <summary>Fetches one order now (<c>getOrder</c>) and hands it to the runtime.</summary>
    /// <param name="amazonOrderId">The order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The runtime's result, or the failure of the call.</returns>
    public async Task<PortResult<ProcessResult>> FetchOrderAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default)
    {
        var order = await _client.GetOrderAsync(amazonOrderId, cancellationToken).ConfigureAwait(false);
        if (!order.IsSuccess)
        {
            return PortResult<ProcessResult>.From(order.WithoutValue());
        }

        return PortResult<ProcessResult>.Ok(await _runtime.ObserveAsync(order.Value!, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Reads every page of the next window (or the rest of the one a restart interrupted) into the runtime.</summary>
    /// <param name="cancellationToken">Cancels the poll; the cursor stays at the last page read.</param>
    /// <returns>What the poll did.</returns>
    public async Task<OrderPollResult> PollOnceAsync(CancellationToken cancellationToken = default)
    {
        await _polling.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await PollAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _polling.Release();
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        ClientTelemetry.Untrack(this);
        _polling.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.RunAsHostedService)
        {
            return;
        }

        if (_cursors is null)
        {
            ClientLog.NoCursorStore(_logger);
        }

        if (_leasesInMemory)
        {
            ClientLog.NoLeaseStore(_logger);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FetchNotifiedAsync(stoppingToken).ConfigureAwait(false);
                await PollOnceAsync(stoppingToken).ConfigureAwait(false);

                // Sleep until the next poll, waking early for a notification.
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wake.CancelAfter(_options.Interval);
                while (await _notified.Reader.WaitToReadAsync(wake.Token).ConfigureAwait(false))
                {
                    await FetchNotifiedAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The interval passed: poll again.
            }
            catch (OperationCanceledException)
            {
                return;
            }
#pragma warning disable CA1031 // A failed cycle must not stop the poller; the exception's type is logged, never its message (buyer data).
            catch (Exception e)
#pragma warning restore CA1031
            {
                ClientLog.CycleFailed(_logger, e.GetType().Name);
                await Task.Delay(_options.Interval, _time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task FetchNotifiedAsync(CancellationToken cancellationToken)
    {
        var seen = new HashSet<AmazonOrderId>();
        while (_notified.Reader.TryRead(out var id))
        {
            if (seen.Add(id))
            {
                var result = await FetchOrderAsync(id, cancellationToken).ConfigureAwait(false);
                if (!result.IsSuccess)
                {
                    ClientLog.PollFailed(_logger, "getOrder", result.Status.ToString(), result.Reason);
                }
            }
        }
    }

    private async Task<OrderPollResult> PollAsync(CancellationToken cancellationToken)
    {
        if (!await HoldLeaseAsync(cancellationToken).ConfigureAwait(false))
        {
            ClientLog.LeaseHeldElsewhere(_logger, LeaseName);
            return new OrderPollResult(0, 0, 0, false, null) { LeaseHeldElsewhere = true };
        }

        var now = _time.GetUtcNow();
        var cursor = await LoadCursorAsync(cancellationToken).ConfigureAwait(false);
        _watermark = cursor?.Watermark;
        if (WindowToRead(cursor, now) is not { } window)
        {
            return new OrderPollResult(0, 0, 0, false, null); // polled too recently: the window would be empty
        }

        _deduplicator.ForgetBefore(window.After);
        return await ReadWindowAsync(cursor, window, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The window to read: the one the cursor is inside (from its page, while the page token is fresh), or the next one;
    /// <see langword="null"/> when polled too recently.</summary>
    private WindowToResume? WindowToRead(PollingCursor? cursor, DateTimeOffset now)
    {
        if (cursor is { InWindow: true })
        {
            var after = WholeSeconds(cursor.WindowStart!.Value); // what is sent, so the watermark is exactly the bound Amazon saw
            var before = WholeSeconds(cursor.WindowEnd!.Value);
            if (cursor.PageToken is not null && now - cursor.SavedAt <= _options.PageTokenLifetime)
            {
                return new WindowToResume(after, before, cursor.PageToken);
            }

            if (cursor.PageToken is not null)
            {
                ClientLog.StaleToken(_logger, Describe(after, before));
            }

            return new WindowToResume(after, before, null);
        }

        return OrderPollingWindow.Next(cursor?.Watermark, now, _options.Window) is { } window
            ? new WindowToResume(window.LastUpdatedAfter, window.LastUpdatedBefore, null)
            : null;
    }

    /// <summary>Reads a window page by page, delivering each page and saving the cursor after it, until the last page or a failure.</summary>
    private async Task<OrderPollResult> ReadWindowAsync(PollingCursor? cursor, WindowToResume window, CancellationToken cancellationToken)
    {
        var (after, before, token) = window;
        int pages = 0, orders = 0, delivered = 0;
        var restarted = false;
        while (true)
        {
            var page = await _client.GetOrdersPageAsync(after, before, token, cancellationToken).ConfigureAwait(false);
            if (!page.IsSuccess)
            {
                if (token is not null && page.Status == PortStatus.Rejected && !restarted)
                {
                    // Amazon refused the page token (expired): read the window again from its first page.
                    ClientLog.StaleToken(_logger, Describe(after, before));
                    token = null;
                    restarted = true;
                    continue;
                }

                var operation = _client.Options.OrdersApi == OrdersApiVersion.V0 ? "getOrders" : "searchOrders";
                ClientLog.PollFailed(_logger, operation, page.Status.ToString(), page.Reason);
                ReportLag();
                return new OrderPollResult(pages, orders, delivered, false, page.Reason ?? page.Status.ToString());
            }

            pages++;
            orders += page.Value!.Orders.Length;
            delivered += await DeliverAsync(page.Value.Orders, cancellationToken).ConfigureAwait(false);
            token = page.Value.NextToken;
            if (await CheckpointAsync(cursor, after, before, token, cancellationToken).ConfigureAwait(false))
            {
                ClientLog.WindowRead(_logger, Describe(after, before), orders, pages);
                ReportLag();
                return new OrderPollResult(pages, orders, delivered, true, null);
            }

            if (!await HoldLeaseAsync(cancellationToken).ConfigureAwait(false))
            {
                // Another host took the lease (this one was too slow to renew it): it goes on from the checkpoint just saved.
                ClientLog.LeaseLost(_logger, LeaseName, Describe(after, before));
                return new OrderPollResult(pages, orders, delivered, false, "the poller's lease was taken by another host") { LeaseHeldElsewhere = true };
            }
        }
    }

    /// <summary>Delivers the page's orders not delivered before; answers how many it delivered (a failed one is delivered again by the next window).</summary>
    private async Task<int> DeliverAsync(IEnumerable<AmazonOrderSnapshot> orders, CancellationToken cancellationToken)
    {
        var fresh = orders.Where(_deduplicator.ShouldDeliver).ToList();
        var results = await _runtime.ObserveManyAsync(fresh, cancellationToken).ConfigureAwait(false);
        var failed = results.Where(r => r.Failed).Select(r => r.AmazonOrderId).ToHashSet();
        foreach (var snapshot in fresh.Where(s => !failed.Contains(s.Id)))
        {
            _deduplicator.MarkDelivered(snapshot);
        }

        return fresh.Count;
    }

    private void ReportLag()
    {
        if (Lag is { } lag && lag > _options.LagWarningThreshold)
        {
            ClientLog.Lagging(_logger, lag, _options.LagWarningThreshold);
        }
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static string Describe(DateTimeOffset after, DateTimeOffset before) =>
        $"{SellingPartnerClient.Time(after)}..{SellingPartnerClient.Time(before)}".Replace("%3A", ":", StringComparison.Ordinal);

    /// <summary>A window to read, and the page to resume it from (<see langword="null"/>: its first page).</summary>
    private sealed record WindowToResume(DateTimeOffset After, DateTimeOffset Before, string? Token);
}
