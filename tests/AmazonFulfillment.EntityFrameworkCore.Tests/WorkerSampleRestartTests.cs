using AmazonFulfillment.EntityFrameworkCore.Tests.Support;

namespace AmazonFulfillment.EntityFrameworkCore.Tests;

/// <summary>The worker sample is durable by default: a second process over the same SQLite file still tracks the first one's orders.</summary>
public sealed class WorkerSampleRestartTests
{
    [Fact]
    public async Task WorkerSample_RestartedOverItsFile_KeepsItsOrdersAndImportsNothingAgain()
    {
        var file = Databases.NewSqliteFile();
        try
        {
            string[] args = ["--once", $"--OrderStore:Path={file}"];

            var first = await ChildProcess.RunAsync(ChildProcess.WorkerSample, args, TimeSpan.FromMinutes(2));
            Assert.True(first.ExitCode == 0, first.Output);
            Assert.Contains("Kept from an earlier run: 0", first.Output, StringComparison.Ordinal);
            Assert.Contains("Done: 4 Commerce orders, 3 complete, 1 canceled", first.Output, StringComparison.Ordinal);
            Assert.True(File.Exists(file));

            var second = await ChildProcess.RunAsync(ChildProcess.WorkerSample, args, TimeSpan.FromMinutes(2));
            Assert.True(second.ExitCode == 0, second.Output);
            Assert.Contains("Kept from an earlier run: 4", second.Output, StringComparison.Ordinal);
            Assert.Contains("Done after a restart: 4 orders still tracked, 0 imported again, 0 packages sent again", second.Output, StringComparison.Ordinal);
        }
        finally
        {
            Databases.DeleteSqlite(file);
        }
    }

    [Fact]
    public async Task WorkerSample_InMemory_ForgetsEverythingAtExit()
    {
        string[] args = ["--once", "--OrderStore:Kind=InMemory"];

        var first = await ChildProcess.RunAsync(ChildProcess.WorkerSample, args, TimeSpan.FromMinutes(2));
        var second = await ChildProcess.RunAsync(ChildProcess.WorkerSample, args, TimeSpan.FromMinutes(2));

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("Kept from an earlier run: 0", second.Output, StringComparison.Ordinal);
        Assert.Contains("in memory (forgotten at exit)", second.Output, StringComparison.Ordinal);
    }
}
