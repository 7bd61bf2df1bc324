using System.Text.RegularExpressions;
using AmazonFulfillment.EntityFrameworkCore.Tests.Support;
using AmazonFulfillment.Tests.Shared;

namespace AmazonFulfillment.EntityFrameworkCore.Tests;

/// <summary>The worker sample exports the library's metrics with the OpenTelemetry SDK: by default on the console, at exit too.</summary>
public sealed partial class WorkerSampleTelemetryTests
{
    /// <summary>What the sample's three cycles always do: import, confirm, cancel, sweep, list the orders at risk, poll.</summary>
    private static readonly string[] Exercised =
    [
        "amazonfulfillment.imports", "amazonfulfillment.confirmations", "amazonfulfillment.cancellations", "amazonfulfillment.port.duration",
        "amazonfulfillment.process.duration", "amazonfulfillment.outbox.depth", "amazonfulfillment.outbox.held", "amazonfulfillment.order.blocked",
        "amazonfulfillment.order.at_risk", "amazonfulfillment.spapi.poll_lag",
    ];

    [Fact]
    public async Task WorkerSample_Once_PrintsTheLibrarysMetrics_AsTheTelemetryTableListsThem()
    {
        var (exitCode, output) = await ChildProcess.RunAsync(ChildProcess.WorkerSample, ["--once", "--OrderStore:Kind=InMemory"], TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, output);
        var printed = PrintedMetric().Matches(output).Select(m => (Name: m.Groups["name"].Value, Unit: m.Groups["unit"].Value)).ToList();
        var table = new[] { "AmazonFulfillment", "AmazonFulfillment.SellingPartner.Client" }
            .SelectMany(TelemetryTable.Instruments)
            .ToDictionary(i => i.Name, i => i.Unit, StringComparer.Ordinal);
        Assert.All(printed, p => Assert.Equal(table.GetValueOrDefault(p.Name), p.Unit));
        Assert.All(Exercised, name => Assert.Contains(name, printed.Select(p => p.Name)));
        Assert.Subset(table.Keys.ToHashSet(StringComparer.Ordinal), Exercised.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The console exporter's heading of one metric.</summary>
    [GeneratedRegex(@"^Metric Name: (?<name>\S+), Description: .*, Unit: (?<unit>\S*), Metric Type: \w+\s*$", RegexOptions.Multiline)]
    private static partial Regex PrintedMetric();
}
