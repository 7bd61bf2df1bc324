using System.Reflection;
using System.Text.RegularExpressions;
using AmazonFulfillment.Tests.Support;

namespace AmazonFulfillment.Tests;

/// <summary>
/// The catalog of problem codes is complete both ways: every code constant has one entry and every entry a constant, every code
/// is used by the sources, and every exception the shipping packages create carries a code.
/// </summary>
public partial class ProblemCodesTests
{
    /// <summary>The shipping packages whose exceptions are documented. The test doubles (AmazonFulfillment.Testing, .Testing.SellingPartner,
    /// .Verification) are left out: the exceptions they throw are the faults they inject, or the misuse of a test harness.</summary>
    private static readonly string[] ShippingProjects =
    [
        "AmazonFulfillment",
        "AmazonFulfillment.EntityFrameworkCore",
        "AmazonFulfillment.PostgreSql",
        "AmazonFulfillment.SellingPartner",
        "AmazonFulfillment.SellingPartner.Client",
    ];

    /// <summary>The library's own exception types, whose every constructor gives the code (checked in their own tests).</summary>
    private static readonly HashSet<string> CodedExceptionTypes = ["OrderStoreException", "OrderConflictException", "SellingPartnerFormatException"];

    private static IReadOnlyList<string> Constants() =>
        typeof(ProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != nameof(ProblemCodes.DataKey))
            .Select(f => f.Name)
            .ToList();

    private static string ValueOf(string constant) => (string)typeof(ProblemCodes).GetField(constant)!.GetRawConstantValue()!;

    [Fact]
    public void Catalog_EveryConstantHasOneEntry_AndEveryEntryAConstant()
    {
        var constants = Constants().Select(ValueOf).ToList();
        var entries = ProblemCodes.All.Select(e => e.Code).ToList();

        Assert.True(constants.Count > 40, $"Only {constants.Count} codes were found: the reflection over ProblemCodes is broken.");
        Assert.Equal(constants.Count, constants.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(entries.Count, entries.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(constants.Except(entries, StringComparer.Ordinal));
        Assert.Empty(entries.Except(constants, StringComparer.Ordinal));
    }

    [Fact]
    public void Catalog_EveryEntry_IsWellFormedAndDescribed()
    {
        Assert.All(ProblemCodes.All, e =>
        {
            Assert.Matches(CodeFormat(), e.Code);
            Assert.Same(e, ProblemCodes.Describe(e.Code));
            foreach (var text in new[] { e.Summary, e.Cause, e.Fix })
            {
                Assert.False(string.IsNullOrWhiteSpace(text), $"{e.Code} has a blank text.");
                Assert.True(text.EndsWith('.') || text.EndsWith(").", StringComparison.Ordinal), $"{e.Code}: '{text}' is not a sentence.");
                Assert.DoesNotContain('|', text);
                Assert.DoesNotContain('\n', text);
            }
        });
    }

    [Fact]
    public void Catalog_Areas_AreEachInOnePlace()
    {
        var areas = ProblemCodes.All.Select(e => e.Area).ToList();
        var runs = areas.Where((area, i) => i == 0 || areas[i - 1] != area).ToList();

        Assert.Equal(runs.Count, runs.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Sources_EveryCode_IsUsedOutsideTheCatalog()
    {
        var sources = string.Join("\n", SourceFiles()
            .Where(f => !Path.GetFileName(f).StartsWith("ProblemCodes", StringComparison.Ordinal))
            .Select(File.ReadAllText));

        var unused = Constants().Where(c => !Regex.IsMatch(sources, $@"\bProblemCodes\.{c}\b")).ToList();

        Assert.True(unused.Count == 0, $"Codes no source uses (remove them from ProblemCodes and its catalog, or use them): {string.Join(", ", unused)}.");
    }

    [Fact]
    public void Sources_EveryExceptionCreated_CarriesACode()
    {
        var uncoded = new List<string>();
        foreach (var file in SourceFiles())
        {
            var text = File.ReadAllText(file);
            foreach (Match created in NewException().Matches(text))
            {
                var type = created.Groups["type"].Value;
                if (type == nameof(ArgumentNullException) || CodedExceptionTypes.Contains(type) || Attached().IsMatch(text[..created.Index]))
                {
                    continue;
                }

                var line = text.AsSpan(0, created.Index).Count('\n') + 1;
                uncoded.Add($"{Path.GetRelativePath(RepositoryPaths.Root(), file)}:{line} new {type}");
            }
        }

        Assert.True(
            uncoded.Count == 0,
            "Exceptions created without a code: wrap each in ProblemCodes.Attach(ProblemCodes.<Code>, new …), with an entry in the catalog:\n"
            + string.Join("\n", uncoded));
    }

    [Fact]
    public void Sources_TheScan_FindsTheExceptionsItChecks()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root(), "src", "AmazonFulfillment", "Runtime", "FulfillmentRuntime.cs"));

        var created = NewException().Matches(text).Select(m => m.Groups["type"].Value).ToList();

        Assert.Contains(nameof(ArgumentException), created);
        Assert.Contains(nameof(InvalidOperationException), created);
        Assert.True(NewException().Matches(text).Where(m => m.Groups["type"].Value != nameof(ArgumentNullException)).All(m => Attached().IsMatch(text[..m.Index])));
        Assert.DoesNotMatch(Attached(), "throw new ");
    }

    private static IEnumerable<string> SourceFiles() =>
        ShippingProjects.SelectMany(project => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root(), "src", project), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex(@"^[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*$")]
    private static partial Regex CodeFormat();

    [GeneratedRegex(@"\bnew\s+(?<type>\w*Exception)\s*\(")]
    private static partial Regex NewException();

    // The text just before `new …Exception(`: ProblemCodes.Attach(<code>, 
    [GeneratedRegex(@"ProblemCodes\.Attach\(\s*[\w.]+,\s*$", RegexOptions.RightToLeft)]
    private static partial Regex Attached();
}
