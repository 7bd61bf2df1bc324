using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AmazonFulfillment.Testing.SellingPartner;

/// <summary>
/// A fake Amazon over HTTP, for integration tests and samples: an in-process Kestrel server on a loopback port
/// (127.0.0.1, a free port) that speaks Login with Amazon (<c>/auth/o2/token</c>), Orders v0 (getOrders, getOrder,
/// getOrderItems, confirmShipment), Orders 2026-01-01 (searchOrders, getOrder, items included), Feeds (createFeedDocument,
/// the upload URL, createFeed, getFeed, getFeedDocument, the processing report) and Tokens (createRestrictedDataToken) in
/// Amazon's JSON. It enforces Amazon's usage plans (429 QuotaExceeded with <c>x-amzn-RateLimit-Limit</c>), answers SP-API
/// error bodies, refuses what Amazon refuses (a confirmation of a canceled order, carrier <c>Other</c> without a name, a
/// missing marketplace, an unknown order item, more units than ordered, a cancellation of a shipped order), injects slow and
/// dropped connections on demand, plays a script of orders moving through their statuses, and logs every request.
/// Thread-safe.
/// </summary>
public sealed partial class FakeAmazon : IAsyncDisposable
{
    private const string RestrictedPrefix = "Atz.sprdt|fake-";
    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<FakeAmazonRequest> _requests = [];
    private readonly Dictionary<string, DateTimeOffset> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _restrictedTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<(FakeFault Fault, TimeSpan Delay)>> _faults = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly List<Action<FakeAmazon>> _script = [];
    private int _tokenCounter;
    private int _scriptStep;

    private FakeAmazon(WebApplication app, FakeAmazonOptions options, TimeProvider time)
    {
        _app = app;
        Options = options;
        _time = time;
    }

    /// <summary>Gets the fake's options.</summary>
    public FakeAmazonOptions Options { get; }

    /// <summary>Gets the SP-API endpoint, such as <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Gets the Login with Amazon token endpoint (<see cref="Endpoint"/> + <c>/auth/o2/token</c>).</summary>
    public Uri TokenEndpoint => new(Endpoint, "/auth/o2/token");

    /// <summary>Gets every request received so far, in order of arrival.</summary>
    public IReadOnlyList<FakeAmazonRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Gets how many access tokens were granted.</summary>
    public int AccessTokensGranted
    {
        get
        {
            lock (_gate)
            {
                return _accessTokens.Count;
            }
        }
    }

    /// <summary>Gets how many steps of the script were played.</summary>
    public int ScriptStep
    {
        get
        {
            lock (_gate)
            {
                return _scriptStep;
            }
        }
    }

    /// <summary>Starts a fake on a free loopback port.</summary>
    /// <param name="options">Its options; defaults when <see langword="null"/>.</param>
    /// <param name="time">Its clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The started fake; dispose it to stop it.</returns>
    public static async Task<FakeAmazon> StartAsync(FakeAmazonOptions? options = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeAmazon(app, options ?? new FakeAmazonOptions(), time ?? TimeProvider.System);
        app.Run(fake.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        return fake;
    }

    /// <summary>Makes the next calls of an operation fail.</summary>
    /// <param name="operation">The operation's model name (<c>getOrderItems</c>, <c>confirmShipment</c>, <c>lwaToken</c>, …).</param>
    /// <param name="fault">The fault.</param>
    /// <param name="times">How many calls, at least 1.</param>
    /// <param name="delay">For <see cref="FakeFault.Slow"/>: how long to wait; default 10 seconds.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is less than 1.</exception>
    public void FailNext(string operation, FakeFault fault, int times = 1, TimeSpan? delay = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        lock (_gate)
        {
            if (!_faults.TryGetValue(operation, out var queue))
            {
                _faults[operation] = queue = new Queue<(FakeFault, TimeSpan)>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue((fault, delay ?? TimeSpan.FromSeconds(10)));
            }
        }
    }

    /// <summary>Expires every access token and restricted data token granted so far, as if an hour had passed.</summary>
    public void ExpireAccessTokens()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var token in _accessTokens.Keys.ToList())
            {
                _accessTokens[token] = now;
            }

            foreach (var token in _restrictedTokens.Keys.ToList())
            {
                _restrictedTokens[token] = now;
            }
        }
    }

    /// <summary>Sets the script: each new order search (a getOrders or searchOrders call without a page token) plays the next step first.</summary>
    /// <param name="steps">The steps, in order; each changes the fake's orders.</param>
    public void Script(params Action<FakeAmazon>[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        lock (_gate)
        {
            _script.Clear();
            _script.AddRange(steps);
            _scriptStep = 0;
        }
    }

    /// <summary>Plays the script's next step now.</summary>
    /// <returns><see langword="true"/> when a step was played.</returns>
    public bool PlayNextStep()
    {
        Action<FakeAmazon> step;
        lock (_gate)
        {
            if (_scriptStep >= _script.Count)
            {
                return false;
            }

            step = _script[_scriptStep++];
        }

        step(this);
        return true;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
