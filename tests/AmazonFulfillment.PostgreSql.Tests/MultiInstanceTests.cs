using System.Diagnostics;
using AmazonFulfillment.Domain;
using AmazonFulfillment.PostgreSql.Tests.Support;
using AmazonFulfillment.Testing;
using Xunit.Abstractions;

namespace AmazonFulfillment.PostgreSql.Tests;

/// <summary>
/// Several hosts, each with its own data source, share one database and the same stream of orders: duplicated
/// deliveries, faults, one host crashing mid-way. SPEC section 6's guarantees hold at the end.
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
        world.Faults.Add("commerce", "CreateOrder", FaultMode.LostResponse, 60);
        world.Faults.Add("commerce", "CreateOrder", FaultMode.Transient, 60);
        world.Faults.Add("amazon", "ConfirmShipment", FaultMode.LostResponse, 80);
        world.Faults.Add("amazon", "ConfirmShipment", FaultMode.Throttled, 40);
        world.Faults.Add("amazon", "GetOrderItems", FaultMode.Throttled, 60);
        world.Faults.Add("customers", "CreateCustomer", FaultMode.LostResponse, 20);
        world.Faults.Add("commerce", "CompleteOrder", FaultMode.Transient, 40);
        world.Faults.Add("commerce", "CancelOrder", FaultMode.LostResponse, 20);
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
        // Nothing lost: every order is tracked and none has runnable work left.
        Assert.Empty(await ScaleOutWorld.RunnableAsync(store));
        var commerce = world.Commerce.Orders.GroupBy(o => o.AmazonOrderId).ToDictionary(g => g.Key, g => g.ToList());
        var confirmations = world.Amazon.Confirmations.GroupBy(c => c.Package.AmazonOrderId).ToDictionary(g => g.Key, g => g.ToList());
        var cancellations = world.Amazon.Cancellations.GroupBy(c => c.AmazonOrderId).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (id, fate) in world.Fates)
        {
            var stored = await store.LoadAsync(id);
            Assert.True(stored is not null, $"{id} ({fate}) is not tracked.");
            var order = stored.Order;
            Assert.False(order.HasRunnableWork, $"{id} ({fate}) has runnable work.");
            var created = commerce.GetValueOrDefault(id) ?? [];
            var confirmed = confirmations.GetValueOrDefault(id) ?? [];

            // Guarantee 1: exactly one Commerce order per imported Amazon order, none for a blocked one.
            Assert.True(created.Count == (fate == Fate.UnknownSku ? 0 : 1), $"{id} ({fate}) has {created.Count} Commerce orders.");

            // Guarantee 3: each package confirmed once in effect (one accepted package per reference id), nothing for others.
            Assert.Equal(confirmed.Count, confirmed.Select(c => c.Package.PackageReferenceId).Distinct().Count());
            switch (fate)
            {
                case Fate.Lifecycle:
                    Assert.Equal(OrderState.Shipped, order.State);
                    Assert.Equal(CommerceStatuses.Complete, created[0].Status);
                    Assert.Equal(2, order.Packages.Length);
                    Assert.All(order.Packages, p => Assert.Equal(ConfirmationState.Confirmed, p.Confirmation));
                    Assert.Equal([1L, 2L], confirmed.Select(c => c.Package.PackageReferenceId.Value).Order());
                    break;
                case Fate.MerchantCancels:
                    Assert.Equal(OrderState.Canceled, order.State);
                    Assert.Equal(CommerceStatuses.Canceled, created[0].Status);
                    Assert.Equal(1, cancellations.GetValueOrDefault(id));
                    Assert.Empty(confirmed);
                    break;
                case Fate.AmazonCancels:
                    Assert.Equal(OrderState.Canceled, order.State);
                    Assert.Equal(CommerceStatuses.Canceled, created[0].Status);
                    Assert.Equal(0, cancellations.GetValueOrDefault(id));
                    Assert.Empty(confirmed);
                    break;
                case Fate.Fba:
                    // Guarantee 7: created complete, nothing ever sent to Amazon.
                    Assert.Equal(OrderState.Shipped, order.State);
                    Assert.Equal(CommerceStatuses.Complete, created[0].Status);
                    Assert.Empty(confirmed);
                    Assert.Equal(0, cancellations.GetValueOrDefault(id));
                    break;
                case Fate.UnknownSku:
                    Assert.Equal(OrderState.Blocked, order.State);
                    Assert.Empty(confirmed);
                    break;
            }
        }

        // Guarantee 2: at most one customer per buyer email.
        Assert.Equal(world.Customers.Customers.Count, world.Customers.Customers.Select(c => c.Email).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(world.Fates.Count, world.Fates.Keys.Count(id => world.Commerce.Find(id) is not null) + world.Fates.Values.Count(f => f == Fate.UnknownSku));
    }
}

/// <summary>The tests that run many runtimes and read the runtime's process-wide counters run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ScaleOutCollection
{
    public const string Name = "scale-out";
}
