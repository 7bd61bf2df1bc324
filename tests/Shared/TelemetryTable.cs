using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;

namespace AmazonFulfillment.Tests.Shared;

/// <summary>An instrument as docs/telemetry.md lists it.</summary>
/// <param name="Meter">The meter's name, from the heading the table is under.</param>
/// <param name="Name">The instrument's name.</param>
/// <param name="Type">The instrument's type as C# spells it, such as <c>Counter&lt;long&gt;</c>.</param>
/// <param name="Unit">The unit.</param>
/// <param name="Attributes">The attributes its measurements carry.</param>
internal sealed record DocumentedInstrument(string Meter, string Name, string Type, string Unit, IReadOnlySet<string> Attributes);

/// <summary>
/// Reads the tables of docs/telemetry.md: the instruments under each <c>### Meter `name`</c> heading of <c>## Metrics</c>, the
/// spans and span events under <c>## Traces</c>, and the <c>## Attributes</c> table. Linked into each test project that checks a
/// part of it against the code.
/// </summary>
internal static partial class TelemetryTable
{
    private static readonly Lazy<Parsed> Document = new(() => Parse(File.ReadAllLines(Path())));

    /// <summary>Gets the path of docs/telemetry.md, found by walking up from the test assembly to the folder holding the solution.</summary>
    public static string Path()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "AmazonFulfillment.sln")))
            {
                return System.IO.Path.Combine(dir.FullName, "docs", "telemetry.md");
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds AmazonFulfillment.sln.");
    }

    /// <summary>Gets the instruments listed for one meter.</summary>
    public static IReadOnlyList<DocumentedInstrument> Instruments(string meter) =>
        Document.Value.Instruments.Where(i => i.Meter == meter).ToList();

    /// <summary>Gets the spans and the attributes each lists.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Spans => Document.Value.Spans;

    /// <summary>Gets the span events and the attributes each lists.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Events => Document.Value.Events;

    /// <summary>Gets the attributes the attribute table describes.</summary>
    public static IReadOnlySet<string> Attributes => Document.Value.Attributes;

    /// <summary>Fails, naming every line only one side has, unless the table's lines and the code's are the same.</summary>
    public static void AssertAgree(IEnumerable<string> documented, IEnumerable<string> emitted, string other = "the code")
    {
        var table = documented.ToHashSet(StringComparer.Ordinal);
        var code = emitted.ToHashSet(StringComparer.Ordinal);
        var onlyTable = table.Except(code).Order(StringComparer.Ordinal).ToList();
        var onlyCode = code.Except(table).Order(StringComparer.Ordinal).ToList();
        Assert.True(
            onlyTable.Count == 0 && onlyCode.Count == 0,
            $"docs/telemetry.md and {other} disagree.\nIn docs/telemetry.md only:\n  " + string.Join("\n  ", onlyTable)
            + $"\nIn {other} only:\n  " + string.Join("\n  ", onlyCode));
    }

    /// <summary>One instrument as a line to compare: name, type, unit and its attributes in order.</summary>
    public static string Line(string name, string type, string unit, IEnumerable<string> attributes) =>
        $"{name} | {type} | {unit} | {string.Join(", ", attributes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))}";

    /// <summary>One instrument as the table lists it, as a line to compare.</summary>
    public static string Line(DocumentedInstrument instrument) =>
        Line(instrument.Name, instrument.Type, instrument.Unit, instrument.Attributes);

    /// <summary>The instrument's type as C# spells it: <c>Counter&lt;long&gt;</c>, <c>Histogram&lt;double&gt;</c> …</summary>
    public static string TypeName(Instrument instrument)
    {
        var type = instrument.GetType();
        var value = type.GetGenericArguments().Single() switch
        {
            var t when t == typeof(long) => "long",
            var t when t == typeof(double) => "double",
            var t when t == typeof(int) => "int",
            var t => t.Name,
        };
        return $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{value}>";
    }

    private static Parsed Parse(string[] lines)
    {
        var parsed = new Parsed();
        string? section = null, subsection = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                (section, subsection) = (line[3..].Trim(), null);
                continue;
            }

            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                subsection = line[4..].Trim();
                continue;
            }

            if (Row(line) is not { } cells || Code(cells[0]) is not { } name)
            {
                continue;
            }

            switch (section, subsection)
            {
                case ("Metrics", { } heading) when heading.StartsWith("Meter ", StringComparison.Ordinal) && cells.Count >= 4:
                    parsed.Instruments.Add(new DocumentedInstrument(CodeSpans().Match(heading).Groups[1].Value, name, Code(cells[1]) ?? cells[1], Code(cells[2]) ?? cells[2], Names(cells[3])));
                    break;
                case ("Traces", "Spans") when cells.Count >= 3:
                    parsed.Spans.Add(name, Names(cells[2]));
                    break;
                case ("Traces", "Span events") when cells.Count >= 3:
                    parsed.Events.Add(name, Names(cells[2]));
                    break;
                case ("Attributes", _):
                    parsed.Attributes.Add(name);
                    break;
            }
        }

        return parsed;
    }

    /// <summary>The cells of a table row, or <see langword="null"/> for any other line (the separator row included).</summary>
    private static List<string>? Row(string line)
    {
        var trimmed = line.Trim();
        if (!trimmed.StartsWith('|') || trimmed.StartsWith("|---", StringComparison.Ordinal))
        {
            return null;
        }

        return trimmed.Trim('|').Split('|').Select(c => c.Trim()).ToList();
    }

    /// <summary>The text of a cell that is one code span, such as <c>`amazonfulfillment.imports`</c>; <see langword="null"/> otherwise.</summary>
    private static string? Code(string cell)
    {
        var match = CodeSpan().Match(cell);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>The names in a cell of code spans separated by commas; none for a cell without one (<c>none</c>).</summary>
    private static HashSet<string> Names(string cell) =>
        CodeSpans().Matches(cell).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex("^`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpans();

    private sealed class Parsed
    {
        public List<DocumentedInstrument> Instruments { get; } = [];

        public Dictionary<string, IReadOnlySet<string>> Spans { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, IReadOnlySet<string>> Events { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Attributes { get; } = new(StringComparer.Ordinal);
    }
}
