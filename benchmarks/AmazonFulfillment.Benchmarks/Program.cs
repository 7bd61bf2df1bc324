using System.Globalization;
using AmazonFulfillment.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// --memory [N]: a diagnostic, not a benchmark — the bytes the in-memory store holds per tracked order.
if (args.Length > 0 && args[0] == "--memory")
{
    var orders = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
    var perOrder = await LifecycleBenchmarks.MemoryPerTrackedOrderAsync(orders).ConfigureAwait(false);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Memory held per tracked order ({orders:N0} merchant-fulfilled orders, shipped and confirmed): {perOrder:N0} bytes"));
    return 0;
}

// --quick: proves every benchmark still runs (CI), not a measurement: one in-process invocation each.
// A loaded 2-core machine can take longer than the default two minutes to build the generated project.
IConfig config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
if (args.Contains("--quick"))
{
    args = [.. args.Where(a => a != "--quick")];
    LifecycleBenchmarks.Quick = true;
    config = config.AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance));
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
var failed = summaries.Where(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)).ToList();
if (failed.Count > 0 || !summaries.Any())
{
    Console.Error.WriteLine(failed.Count > 0 ? $"{failed.Count} benchmark run(s) failed." : "No benchmark ran.");
    return 1;
}

return 0;
