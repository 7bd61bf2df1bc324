using System.Diagnostics;
using System.Globalization;
using AmazonFulfillment.Domain;
using AmazonFulfillment.EntityFrameworkCore.Tests.Support;
using AmazonFulfillment.Verification;
using AmazonFulfillment.Workflows;
using Xunit.Abstractions;

namespace AmazonFulfillment.EntityFrameworkCore.Tests;

/// <summary>
/// The crash tests run alone in this assembly, one after the other: the kills are timed by this process watching the fakes' calls,
/// and tests running beside it (their threads, their databases) delay that watch until the host has finished the work a kill should
/// interrupt.
/// </summary>
[CollectionDefinition(nameof(CrashCollection), DisableParallelization = true)]
public sealed class CrashCollection;

/// <summary>The crash test on SQLite: one host at a time over a file in write-ahead logging mode (see <see cref="CrashTests"/>).</summary>
[Collection(nameof(CrashCollection))]
public sealed class SqliteCrashTests(ITestOutputHelper log) : CrashTests(log)
{
    [Fact]
    public async Task Sqlite_HostKilledAtRandomMoments_KeepsEveryGuarantee()
    {
        var file = Databases.NewSqliteFile();
        try
        {
            await CrashAndCheckAsync(new CrashStore("Sqlite", Databases.Sqlite(file), null), seed: 1501);
        }
        finally
        {
            Databases.DeleteSqlite(file);
        }
    }
}

/// <summary>The crash test on PostgreSQL, where the store claims work: a killed host's claims lapse and its successor takes its work over (see <see cref="CrashTests"/>).</summary>
[Collection(nameof(CrashCollection))]
public sealed class PostgreSqlCrashTests(ITestOutputHelper log) : CrashTests(log)
{
    [PostgresFact]
    public async Task PostgreSql_HostKilledAtRandomMoments_KeepsEveryGuarantee()
    {
        var schema = Databases.NewSchema();
        try
        {
            await CrashAndCheckAsync(new CrashStore("PostgreSql", Databases.Postgres(), schema), seed: 1502);
        }
        finally
        {
            await Databases.DropSchemaAsync(schema);
        }
    }
}

/// <summary>
/// Crash tests with real processes: the crash host (a merchant's host with nothing kept in its process) runs as a child process
/// over the EF Core store, against the fake Amazon over SP-API and a fake Commerce over HTTP, both in this process; it is killed
/// with SIGKILL at seeded random moments of a busy cycle (resuming, polling, importing, resolving customers, recording packages,
/// confirming them), restarted with a new batch of orders each time, and finally run until nothing is left. The guarantees oracle
/// judges the store after every kill and the settled channel at the end; the test checks besides that nothing was lost or left
/// stuck. <see cref="PropertyRuns"/> scales the kills (<c>AMAZONFULFILLMENT_PROPERTY_RUNS=10</c> kills ten times as often). The
/// two stores' tests run one after the other, alone in this assembly (<see cref="CrashCollection"/>).
/// </summary>
public abstract class CrashTests(ITestOutputHelper log)
{
    /// <summary>Kills per store in CI, before the multiplier.</summary>
    private const int CiKills = 20;

    private protected async Task CrashAndCheckAsync(CrashStore store, int seed)
    {
        var kills = PropertyRuns.Scale(CiKills);
        var watch = Stopwatch.StartNew();
        await using var run = await CrashRun.StartAsync(store, seed);
        for (var i = 1; i <= kills; i++)
        {
            var kill = await run.KillRoundAsync();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"kill {i} after {kill.Calls} calls and {kill.Jitter.TotalMilliseconds:F0} ms (started in {kill.Startup.TotalMilliseconds:F0} ms): {kill.Unfinished} orders with unfinished work, {kill.NotImported} not imported, {kill.Unconfirmed} lines not confirmed"));
        }

        var final = await run.FinishAsync();
        log.WriteLine(final.Trim());

        // The guarantees oracle, after every kill and once settled.
        Assert.True(run.Violations.Count == 0, "Guarantees violated:\n" + string.Join("\n", run.Violations));

        // Not vacuous: the kills interrupted work, including work decided and saved but not yet done.
        var midWork = run.Kills.Count(k => k.MidWork);
        var withOutbox = run.Kills.Count(k => k.Unfinished > 0);
        Assert.True(midWork >= kills / 2, $"Only {midWork} of {kills} kills interrupted work.");
        Assert.True(withOutbox >= kills / 5, $"Only {withOutbox} of {kills} kills left decided work in the store.");

        var amazonOrders = run.Amazon.Orders;
        var stored = await run.StoredOrdersAsync();
        var commerce = run.Commerce.Commerce.Orders;
        Assert.Equal(kills * 6, amazonOrders.Count);

        // One Commerce order per Amazon order, and none lost: every order imported and tracked.
        Assert.Equal(amazonOrders.Select(o => o.AmazonOrderId).Order(StringComparer.Ordinal), commerce.Select(o => o.AmazonOrderId.Value).Order(StringComparer.Ordinal));
        Assert.Equal(amazonOrders.Count, stored.Count);

        // Every line shipped is confirmed on Amazon, each package once in effect: Amazon holds exactly the packages the store records, all confirmed.
        foreach (var order in amazonOrders.Where(o => o.MerchantFulfilled))
        {
            Assert.True(order.Status == "Shipped" && order.Items.All(i => i.QuantityShipped == i.QuantityOrdered), $"Amazon order {order.AmazonOrderId} is {order.Status}.");
        }

        var recorded = stored.SelectMany(s => s.Order.Packages.Select(p => (Order: s.Order.Id.Value, Package: p))).ToList();
        Assert.All(recorded, r => Assert.Equal(ConfirmationState.Confirmed, r.Package.Confirmation));
        Assert.Equal(
            recorded.Select(r => $"{r.Order}/{r.Package.Package.PackageReferenceId}").Order(StringComparer.Ordinal),
            run.Amazon.ConfirmedPackages.Keys.Select(k => $"{k.Order}/{k.Package}").Order(StringComparer.Ordinal));
        Assert.Equal(amazonOrders.Where(o => o.MerchantFulfilled).Sum(o => o.Items.Count), recorded.Count);

        // Nothing stuck: no unfinished work once the final run is done.
        Assert.Empty(await run.Store.ListUnfinishedAsync());

        var sent = run.Amazon.Requests.Count(r => r.Operation == "confirmShipment" && r.Status == 204);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{store.Kind}: {kills} kills survived ({midWork} mid-work, {withOutbox} with decided work left in the store) in {watch.Elapsed.TotalSeconds:F0} s; "
            + $"{amazonOrders.Count} orders, {recorded.Count} packages confirmed, {sent - recorded.Count} confirmations sent again after a kill."));
    }
}
