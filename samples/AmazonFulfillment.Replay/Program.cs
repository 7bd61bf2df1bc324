namespace AmazonFulfillment.Replay;

/// <summary>
/// <c>dotnet run --project samples/AmazonFulfillment.Replay -- &lt;scenario.jsonl&gt; [--json]</c>: replays a scenario
/// through the real runtime with in-memory ports and prints what happened (REPLAY.md).
/// </summary>
public static class Program
{
    /// <summary>The entry point.</summary>
    /// <param name="args">The scenario file and, optionally, <c>--json</c>.</param>
    /// <returns>0 when the scenario ran, 2 for an unreadable or invalid scenario file.</returns>
    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>Runs the command with the given output streams.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var json = args.Contains("--json", StringComparer.Ordinal);
        var files = args.Where(a => a != "--json").ToList();
        if (files.Count != 1 || files[0].StartsWith("--", StringComparison.Ordinal))
        {
            await stderr.WriteLineAsync("usage: AmazonFulfillment.Replay <scenario.jsonl> [--json]");
            return 2;
        }

        string text;
        try
        {
            text = await File.ReadAllTextAsync(files[0]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await stderr.WriteLineAsync($"cannot read {files[0]}: {e.Message}");
            return 2;
        }

        var result = await ScenarioReplayer.RunAsync(text, json, Path.GetFileName(files[0]));
        await stdout.WriteAsync(result.Stdout);
        await stderr.WriteAsync(result.Stderr);
        return result.ExitCode;
    }
}
