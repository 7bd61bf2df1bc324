using System.Text;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Tests.Workflows;

/// <summary>
/// docs/workflows.md is generated from the Stateless definitions. The test fails when the committed file differs
/// from what the code generates; regenerate it with
/// <c>AMAZONFULFILLMENT_UPDATE_DOCS=1 dotnet test tests/AmazonFulfillment.Tests --filter WorkflowDiagram</c>.
/// </summary>
public class WorkflowDiagramTests
{
    public const string RegenerateCommand = "AMAZONFULFILLMENT_UPDATE_DOCS=1 dotnet test tests/AmazonFulfillment.Tests --filter WorkflowDiagram";

    [Fact]
    public void WorkflowDiagram_CommittedDocs_MatchStatelessDefinitions()
    {
        var path = Path.Combine(RepositoryPaths.Root(), "docs", "workflows.md");
        var generated = WorkflowDiagram.Generate();

        if (Environment.GetEnvironmentVariable("AMAZONFULFILLMENT_UPDATE_DOCS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, generated, new UTF8Encoding(false));
        }

        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : string.Empty;
        Assert.True(
            committed == generated,
            $"docs/workflows.md is out of date with the workflow definitions. Regenerate it with:\n{RegenerateCommand}");
    }

    [Fact]
    public void WorkflowDiagram_Generate_HasOneMermaidDiagramPerWorkflow()
    {
        var text = WorkflowDiagram.Generate();

        Assert.Equal(2, text.Split("```mermaid").Length - 1);
        Assert.Contains("stateDiagram", text, StringComparison.Ordinal);
        Assert.Contains("MerchantFulfilled", text, StringComparison.Ordinal);
        Assert.Contains("AmazonFulfilled", text, StringComparison.Ordinal);
    }
}

/// <summary>Writes docs/workflows.md from each workflow's <see cref="WorkflowGraph.ToMermaid"/>.</summary>
public static class WorkflowDiagram
{
    /// <summary>Generates the document.</summary>
    /// <returns>The Markdown text, with \n line endings.</returns>
    public static string Generate()
    {
        var text = new StringBuilder()
            .Append("# Order workflows\n\n")
            .Append("Generated from the Stateless definitions in `src/AmazonFulfillment/Workflows` — do not edit by hand.\n")
            .Append("Regenerate with `").Append(WorkflowDiagramTests.RegenerateCommand).Append("`.\n\n")
            .Append("Guards are named on the arrows in brackets. Stateless draws a trigger that a state explicitly ignores (a late duplicate\n")
            .Append("or a no-op) as a self-loop, like a re-entry; a trigger not drawn from a state is refused there.\n")
            .Append("Every observation older than the last applied one, or whose Amazon status would regress, is ignored before the graph is consulted.\n\n");
        Section(
            text,
            "Merchant-fulfilled (MFN)",
            "The merchant ships from its own warehouse ([rules.md](rules.md) section 3). The happy path is Pending → Importing → Unshipped → "
            + "PartiallyShipped → Shipped; Importing fetches the items, resolves the customer and creates the Commerce order, and "
            + "a refused creation blocks the order until a retry, a sync cycle or a newer observation.",
            MerchantFulfilledGraph.Graph);
        Section(
            text,
            "Fulfilled by Amazon (FBA)",
            "Amazon ships from its own stock ([rules.md](rules.md) section 4). Nothing is tracked before Amazon reports the order Shipped; the "
            + "Commerce order is then created directly as complete, and nothing is ever sent back to Amazon.",
            AmazonFulfilledGraph.Graph);
        return text.ToString().TrimEnd('\n') + "\n";
    }

    private static void Section(StringBuilder text, string title, string intro, WorkflowGraph graph) =>
        text.Append("## ").Append(title).Append(" — `").Append(graph.Name).Append("`\n\n")
            .Append(intro).Append("\n\n")
            .Append("```mermaid\n")
            .Append(graph.ToMermaid().ReplaceLineEndings("\n").TrimEnd('\n'))
            .Append("\n```\n\n");
}
