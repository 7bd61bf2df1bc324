using System.Diagnostics;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.PostgreSql.Tests.Support;
using AmazonFulfillment.Testing;
using Xunit.Abstractions;

namespace AmazonFulfillment.PostgreSql.Tests;

/// <summary>
/// Several hosts, each with its own data source, share one database and the same stream of orders: duplicated
/// deliveries, faults, one host crashing mid-way. docs/rules.md section 6's guarantees hold at the end.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class MultiInstanceTests(ITestOutputHelper output)
{
    private const int Orders = 2_000;
    private const int Hosts = 4;

    [PostgreSqlFact]
    public async Task Stream_FourHostsDuplicatesFaultsAndACrash_EveryGuaranteeHolds()
    {
        var watch = Stopwatch.StartNew();
        var world = new ScaleOutWorld(Orders, mixedFates: true);
        world.Fault("commerce", "CreateOrder", FaultMode.LostResponse, 60);
        world.Fault("commerce", "CreateOrder", FaultMode.Transient, 60);
        world.Fault("amazon", "ConfirmShipment", FaultMode.LostResponse, 80);
        world.Fault("amazon", "ConfirmShipment", FaultMode.Throttled, 40);
        world.Fault("amazon", "GetOrderItems", FaultMode.Throttled, 60);
        world.Fault("customers", "CreateCustomer", FaultMode.LostResponse, 20);
        world.Fault("commerce", "CompleteOrder", FaultMode.Transient, 40);
        world.Fault("commerce", "CancelOrder", FaultMode.LostResponse, 20);
        var table = PostgreSqlDatabase.NewTableName();
        var hosts = new List<ScaleOutHost>();
        for (var i = 0; i < Hosts; i++)
        {
            var dataSource = PostgreSqlDatabase.NewDataSource();
            hosts.Add(new ScaleOutHost(i, world, PostgreSqlDatabase.NewStore(dataSource, table), dataSource));
        }

        await using var inspector = PostgreSqlDatabase.NewDataSource();
        var store = PostgreSqlDatabase.NewStore(inspector, table);
        await Task.WhenAll(hosts.Select(h => ((PostgreSqlOrderStore)h.Store).EnsureSchemaAsync()));
        try
        {
            var random = new Random(5);
            var rounds = world.Rounds();
            var victim = hosts[^1];
            var victimShare = rounds[1].Count * 2 / Hosts;
            var settleSweeps = new List<int>();
            for (var r = 0; r < rounds.Count; r++)
            {
                await world.DeliverAsync(rounds[r], hosts, copies: 2, parallel: 8, random, onProgress: r != 1 ? null : async (host, done) =>
                {
                    if (host == victim && done == victimShare / 3)
                    {
                        // Crash in the middle of a sweep, holding claims it will never release.
                        var sweep = Task.Run(() => victim.Runtime.SyncAsync(victim.Life));
                        await Task.Delay(15);
                        world.Oracle.HostStopped(world.Options.MaxParallelOrders + 8);
                        await victim.KillAsync();
                        await Task.WhenAny(sweep);
                    }
                });

                settleSweeps.Add(await world.SettleAsync(hosts, TimeSpan.FromSeconds(20)));
            }

            output.WriteLine($"{Orders} orders on {Hosts} hosts (one crashed) in {watch.Elapsed.TotalSeconds:F1} s; settle sweeps per round {string.Join("/", settleSweeps)}; delivery conflicts retried {world.DeliveryConflicts}; faults left {world.Faults.PendingFaults}");
            Assert.True(victim.Killed);
            await AssertGuaranteesAsync(world, store);
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }

            await PostgreSqlDatabase.DropAsync(inspector, table);
        }
    }

    private static async Task AssertGuaranteesAsync(ScaleOutWorld world, PostgreSqlOrderStore store)
    {
        // Every order is tracked; the guarantees oracle judges them with what the fakes recorded, the faults and what Amazon reported.
        var stored = new List<StoredOrder>();
        foreach (var (id, fate) in world.Fates)
        {
            var s = await store.LoadAsync(id);
            Assert.True(s is not null, $"{id} ({fate}) is not tracked.");
            stored.Add(s);
        }

        var violations = world.Oracle.Check(stored, quiet: true);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));

        // And each order ends as its fate in the stream says.
        foreach (var s in stored)
        {
            var order = s.Order;
            var fate = world.Fates[order.Id];
            var commerce = world.Commerce.Find(order.Id);
            var confirmed = world.Amazon.Confirmations.Count(c => c.Package.AmazonOrderId == order.Id);
            var expected = fate switch
            {
                Fate.Lifecycle => (OrderState.Shipped, CommerceStatuses.Complete, 2),
                Fate.MerchantCancels or Fate.AmazonCancels => (OrderState.Canceled, CommerceStatuses.Canceled, 0),
                Fate.Fba => (OrderState.Shipped, CommerceStatuses.Complete, 0),
                _ => (OrderState.Blocked, (string?)null, 0),
            };
            Assert.True(
                (order.State, commerce?.Status, confirmed) == expected,
                $"{order.Id} ({fate}) ends {order.State}, Commerce {commerce?.Status ?? "none"}, {confirmed} packages on Amazon; expected {expected}.");
            Assert.Equal(fate == Fate.MerchantCancels, world.Amazon.Cancellations.Any(c => c.AmazonOrderId == order.Id));
        }
    }
}

/// <summary>The tests that run many runtimes and read the runtime's process-wide counters run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ScaleOutCollection
{
    public const string Name = "scale-out";
}
