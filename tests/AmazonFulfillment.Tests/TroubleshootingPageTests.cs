using System.Text;
using System.Text.RegularExpressions;
using AmazonFulfillment.Tests.Support;

namespace AmazonFulfillment.Tests;

/// <summary>
/// docs/troubleshooting.md is a hand-written runbook followed by the problem codes, generated from <see cref="ProblemCodes.All"/>.
/// The test fails when the committed codes differ from the catalog; regenerate them with
/// <c>AMAZONFULFILLMENT_UPDATE_DOCS=1 dotnet test tests/AmazonFulfillment.Tests --filter TroubleshootingPage</c>
/// (the runbook above the marker is kept as it is).
/// </summary>
public partial class TroubleshootingPageTests
{
    public const string RegenerateCommand = "AMAZONFULFILLMENT_UPDATE_DOCS=1 dotnet test tests/AmazonFulfillment.Tests --filter TroubleshootingPage";

    private static string PagePath => Path.Combine(RepositoryPaths.Root(), "docs", "troubleshooting.md");

    /// <summary>The committed page; regenerated first when asked to, so that every test of the page reads the new one.</summary>
    private static string Committed()
    {
        var committed = File.Exists(PagePath) ? File.ReadAllText(PagePath).ReplaceLineEndings("\n") : string.Empty;
        if (Environment.GetEnvironmentVariable("AMAZONFULFILLMENT_UPDATE_DOCS") == "1" && committed.Contains(TroubleshootingPage.Marker, StringComparison.Ordinal))
        {
            committed = TroubleshootingPage.Generate(TroubleshootingPage.HandWritten(committed));
            File.WriteAllText(PagePath, committed, new UTF8Encoding(false));
        }

        return committed;
    }

    [Fact]
    public void TroubleshootingPage_CommittedDocs_MatchTheCatalog()
    {
        var committed = Committed();
        Assert.True(committed.Contains(TroubleshootingPage.Marker, StringComparison.Ordinal), $"docs/troubleshooting.md has no line\n{TroubleshootingPage.Marker}\nbelow its runbook.");
        var generated = TroubleshootingPage.Generate(TroubleshootingPage.HandWritten(committed));

        Assert.True(
            committed == generated,
            $"The problem codes in docs/troubleshooting.md are out of date with ProblemCodes.All. Regenerate them with:\n{RegenerateCommand}");
    }

    [Fact]
    public void TroubleshootingPage_EveryCode_HasItsEntryWithCauseAndFix()
    {
        var page = Committed();

        var missing = ProblemCodes.All.Where(e => !page.Contains($"<a id=\"{e.Code}\"></a>`{e.Code}` | {e.Summary} | {e.Cause} | {e.Fix} |", StringComparison.Ordinal)).Select(e => e.Code).ToList();

        Assert.True(missing.Count == 0, $"docs/troubleshooting.md lacks the entry of {string.Join(", ", missing)}. Regenerate it with:\n{RegenerateCommand}");
    }

    [Fact]
    public void TroubleshootingPage_EveryLinkWithinThePage_HasItsAnchor()
    {
        var page = Committed();
        var anchors = Heading().Matches(page).Select(m => Slug(m.Groups["title"].Value))
            .Concat(Anchor().Matches(page).Select(m => m.Groups["id"].Value))
            .ToHashSet(StringComparer.Ordinal);

        var broken = Link().Matches(page).Select(m => m.Groups["target"].Value).Where(t => !anchors.Contains(t)).Distinct().ToList();

        Assert.Contains("an-import-is-blocked", anchors);
        Assert.Contains(ProblemCodes.OrderNotTracked, anchors);
        Assert.True(broken.Count == 0, $"Links to no anchor of docs/troubleshooting.md: {string.Join(", ", broken)}.");
    }

    [Fact]
    public void TroubleshootingPage_RunbookCodes_AreCatalogCodes()
    {
        var runbook = TroubleshootingPage.HandWritten(Committed());

        // Only names of a known area are codes (`amazonfulfillment.conflicts` is an instrument).
        var unknown = CodeInBackticks().Matches(runbook).Select(m => m.Groups["code"].Value)
            .Where(c => TroubleshootingPage.AreaTitles.ContainsKey(c[..c.IndexOf('.', StringComparison.Ordinal)]) && ProblemCodes.Describe(c) is null)
            .Distinct()
            .ToList();

        Assert.Contains(ProblemCodes.ImportRefusedByCommerce, runbook, StringComparison.Ordinal);
        Assert.True(unknown.Count == 0, $"The runbook names codes the catalog does not have: {string.Join(", ", unknown)}.");
    }

    [Fact]
    public void Generate_EveryArea_HasATitle()
    {
        var untitled = ProblemCodes.All.Select(e => e.Area).Distinct().Where(a => !TroubleshootingPage.AreaTitles.ContainsKey(a)).ToList();

        Assert.Empty(untitled);
        Assert.Throws<InvalidOperationException>(() => TroubleshootingPage.Codes([new ProblemEntry("unknown.code", "S.", "C.", "F.")]));
    }

    /// <summary>GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static string Slug(string title) =>
        string.Concat(title.Trim().ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')).Replace(' ', '-');

    [GeneratedRegex(@"^#{2,4} (?<title>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex("<a id=\"(?<id>[^\"]+)\"></a>")]
    private static partial Regex Anchor();

    [GeneratedRegex(@"\]\(#(?<target>[^)]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"`(?<code>[a-z]+(?:_[a-z]+)*\.[a-z]+(?:_[a-z]+)*)`")]
    private static partial Regex CodeInBackticks();
}

/// <summary>Writes the problem codes of docs/troubleshooting.md from <see cref="ProblemCodes.All"/>, below the hand-written runbook.</summary>
public static class TroubleshootingPage
{
    /// <summary>The line between the hand-written runbook (above) and the generated codes (below).</summary>
    public const string Marker = "<!-- Generated from ProblemCodes.All below this line: do not edit by hand. -->";

    /// <summary>Gets the title of each area of codes, in no particular order (the catalog's order is the page's).</summary>
    public static IReadOnlyDictionary<string, string> AreaTitles { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["order"] = "Orders",
        ["amazon_store"] = "Amazon stores",
        ["observation"] = "Amazon's observations",
        ["workflow"] = "The workflow graph",
        ["shipment"] = "Shipments",
        ["carrier"] = "Carriers",
        ["cancel"] = "Cancellations",
        ["retry"] = "Retries",
        ["import"] = "Imports",
        ["confirmation"] = "Confirmations",
        ["effect"] = "Other effects",
        ["port"] = "Port answers",
        ["store"] = "Order stores",
        ["settings"] = "Settings and options",
        ["input"] = "Values given to the library",
        ["spapi"] = "Amazon's payloads",
        ["usage"] = "Misuse",
        ["internal"] = "Defects",
    };

    /// <summary>The runbook: the committed page above the marker (the whole page when it has none).</summary>
    /// <param name="committed">The committed page.</param>
    /// <returns>The hand-written part, without trailing blank lines.</returns>
    public static string HandWritten(string committed)
    {
        var at = committed.IndexOf(Marker, StringComparison.Ordinal);
        return (at < 0 ? committed : committed[..at]).TrimEnd('\n');
    }

    /// <summary>Generates the page: the runbook, the marker, then the codes.</summary>
    /// <param name="handWritten">The runbook.</param>
    /// <returns>The Markdown text, with \n line endings.</returns>
    public static string Generate(string handWritten) =>
        handWritten.TrimEnd('\n') + "\n\n" + Marker + "\n\n" + Codes(ProblemCodes.All);

    /// <summary>Generates the codes section.</summary>
    /// <param name="entries">The catalog.</param>
    /// <returns>The section.</returns>
    /// <exception cref="InvalidOperationException">An area has no title.</exception>
    public static string Codes(IEnumerable<ProblemEntry> entries)
    {
        var text = new StringBuilder()
            .Append("## Problem codes\n\n")
            .Append("Every refusal (`Refusal.Code`), order error (`FulfillmentOrder.ErrorCode`), effect failure (`EffectFailure.Code`) and exception\n")
            .Append("of the library (`ProblemCodes.Of(exception)`; `Code` on `OrderStoreException`, `OrderConflictException` and\n")
            .Append("`SellingPartnerFormatException`) carries one of these stable codes beside its message. Match on the code, never on the\n")
            .Append("message: a message names the values involved and may be reworded, a code stays. Options validated at start-up end their\n")
            .Append("message with the code in brackets. The same catalog is in code: `ProblemCodes.All` and `ProblemCodes.Describe(code)`.\n")
            .Append("This section is generated from it; regenerate with `").Append(TroubleshootingPageTests.RegenerateCommand).Append("`.\n");
        foreach (var area in entries.GroupBy(e => e.Area))
        {
            var title = AreaTitles.TryGetValue(area.Key, out var t) ? t : throw new InvalidOperationException($"Area '{area.Key}' has no title in TroubleshootingPage.AreaTitles.");
            text.Append("\n### ").Append(title).Append(" — `").Append(area.Key).Append(".*`\n\n")
                .Append("| code | what happened | cause | what to do |\n")
                .Append("|---|---|---|---|\n");
            foreach (var e in area)
            {
                text.Append("| <a id=\"").Append(e.Code).Append("\"></a>`").Append(e.Code).Append("` | ")
                    .Append(e.Summary).Append(" | ").Append(e.Cause).Append(" | ").Append(e.Fix).Append(" |\n");
            }
        }

        return text.ToString();
    }
}
