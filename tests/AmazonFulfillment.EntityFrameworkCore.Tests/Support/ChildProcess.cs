using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace AmazonFulfillment.EntityFrameworkCore.Tests.Support;

/// <summary>Runs a built program of the repository (the worker sample, the crash host) as a child process with <c>dotnet</c>.</summary>
internal static class ChildProcess
{
    public static string WorkerSample { get; } = Built("WorkerSample");

    public static string CrashHost { get; } = Built("CrashHost");

    /// <summary>Runs the program to its end (killed after <paramref name="timeout"/>), returning its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string dll, IEnumerable<string> args, TimeSpan timeout)
    {
        using var process = Start(dll, args, out var output);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(dll)} did not end within {timeout}:\n{output}");
        }

        process.WaitForExit(); // the output is read to its end
        return (process.ExitCode, output.ToString());
    }

    public static Process Start(string dll, IEnumerable<string> args, out StringBuilder output)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var text = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(text, e.Data);
        process.ErrorDataReceived += (_, e) => Append(text, e.Data);
        Assert.True(process.Start(), $"{dll} did not start.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = text;
        return process;
    }

    private static string Built(string program) =>
        typeof(ChildProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == program).Value!;

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }
}
