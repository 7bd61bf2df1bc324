using System.Diagnostics;
using System.Globalization;
using System.Text;
using AmazonFulfillment.Domain;
using AmazonFulfillment.PostgreSql.Tests.Support;
using AmazonFulfillment.Runtime;
using Xunit.Abstractions;

namespace AmazonFulfillment.PostgreSql.Tests;

/// <summary>
/// Throughput of the merchant-fulfilled lifecycle at 1, 2 and 4 runtime instances, PostgreSQL beside in-memory. A CI-sized
/// run by default; <c>AMAZONFULFILLMENT_SCALEOUT_ORDERS</c> sets the order count and <c>AMAZONFULFILLMENT_SCALEOUT_FIGURES</c>
/// a file to write the table to (docs/scale-out.md quotes such a run).
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class ScaleOutFiguresTests(ITestOutputHelper output)
{
    [PostgreSqlFact]
    public async Task Lifecycle_OneTwoFourInstances_AllOrdersShipped()
    {
        var orders = int.TryParse(Environment.GetEnvironmentVariable("AMAZONFULFILLMENT_SCALEOUT_ORDERS"), CultureInfo.InvariantCulture, out var n) ? n : 100;
        var table = new StringBuilder()
            .AppendLine("| store | instances | orders | seconds | orders/s | conflicts per 1,000 orders | retries per 1,000 orders |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var postgres in new[] { false, true })
        {
            foreach (var instances in new[] { 1, 2, 4 })
            {
                var (seconds, conflicts, retries) = await RunAsync(orders, instances, postgres);
                table.AppendLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {(postgres ? "PostgreSQL" : "in-memory")} | {instances} | {orders} | {seconds:F2} | {orders / seconds:F0} | {conflicts * 1000.0 / orders:F1} | {retries * 1000.0 / orders:F1} |"));
            }
        }

        output.WriteLine(table.ToString());
        var file = Environment.GetEnvironmentVariable("AMAZONFULFILLMENT_SCALEOUT_FIGURES");
        if (!string.IsNullOrEmpty(file))
        {
            await File.WriteAllTextAsync(file, table.ToString());
        }
    }

    private static async Task<(double Seconds, long Conflicts, long Retries)> RunAsync(int orders, int instances, bool postgres)
    {
        var world = new ScaleOutWorld(orders, mixedFates: false);
        var table = PostgreSqlDatabase.NewTableName();
        var shared = new InMemoryOrderStore();
        var hosts = new List<ScaleOutHost>();
        for (var i = 0; i < instances; i++)
        {
            var dataSource = postgres ? PostgreSqlDatabase.NewDataSource() : null;
            hosts.Add(new ScaleOutHost(i, world, dataSource is null ? shared : PostgreSqlDatabase.NewStore(dataSource, table), dataSource));
        }

        await using var inspector = PostgreSqlDatabase.NewDataSource();
        var check = postgres ? PostgreSqlDatabase.NewStore(inspector, table) : null;
        try
        {
            if (check is not null)
            {
                await check.EnsureSchemaAsync();
            }

            using var counters = new RuntimeCounters();
            var random = new Random(3);
            var watch = Stopwatch.StartNew();
            foreach (var round in world.Rounds())
            {
                await world.DeliverAsync(round, hosts, copies: 1, parallel: 8, random);
                await Task.WhenAll(hosts.Select(h => Task.Run(() => h.Runtime.SyncAsync())));
            }

            watch.Stop();
            var store = hosts[0].Store;
            foreach (var id in world.Fates.Keys)
            {
                Assert.Equal(OrderState.Shipped, (await store.LoadAsync(id))!.Order.State);
            }

            Assert.Equal(2 * orders, world.Amazon.Confirmations.Count);
            return (watch.Elapsed.TotalSeconds, counters.Conflicts + world.DeliveryConflicts, counters.Retries);
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }

            if (postgres)
            {
                await PostgreSqlDatabase.DropAsync(inspector, table);
            }
        }
    }
}
