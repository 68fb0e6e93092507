using Pipeline.Core.Files;
using System.Text;

namespace Pipeline.Targets;

/// <summary>--plan: the execution order on the console and a Mermaid graph of every target in a Markdown file.</summary>
internal static class PlanWriter
{
    public static void Write(TextWriter output, ExecutionPlan plan, TargetGraph graph, string markdownPath)
    {
        output.WriteLine("Execution plan:");
        var step = 1;
        foreach (var node in plan.Order)
        {
            var marks = new List<string>();
            if (plan.Invoked.Contains(node)) marks.Add("invoked");
            if (plan.Skipped.Contains(node)) marks.Add("skipped");
            if (node.Definition.IsAssuredAfterFailure) marks.Add("assured");
            output.WriteLine($"  {step++}. {node.Name}{(marks.Count > 0 ? $" ({string.Join(", ", marks)})" : string.Empty)}");
        }

        var markdown = new StringBuilder("# Execution plan\n\n```mermaid\ngraph TD\n");
        foreach (var node in graph.Nodes)
        {
            markdown.Append($"  {node.Name}[\"{node.Name}\"]\n");
            foreach (var dependency in node.Dependencies) markdown.Append($"  {dependency.Name} --> {node.Name}\n");
            foreach (var after in node.RunsAfter.Except(node.Dependencies)) markdown.Append($"  {after.Name} -.-> {node.Name}\n");
        }
        var planned = plan.Order.Where(n => !plan.Skipped.Contains(n)).Select(n => n.Name).ToList();
        if (planned.Count > 0) markdown.Append($"  classDef planned fill:#cfe8ff,stroke:#1f6feb\n  class {string.Join(',', planned)} planned\n");
        markdown.Append("```\n\nSolid arrows: dependencies. Dotted arrows: ordering only (After, Before, Triggers). Blue: in this plan.\n");
        AtomicFile.WriteAllText(markdownPath, markdown.ToString(), overwrite: true);
        output.WriteLine($"Mermaid graph: {markdownPath}");
        output.Flush();
    }
}
