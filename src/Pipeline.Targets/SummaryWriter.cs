using Spectre.Console;

namespace Pipeline.Targets;

/// <summary>The end-of-run table (Target, Status, Duration, Note) and the final "Build succeeded/failed" line.</summary>
internal static class SummaryWriter
{
    public static void Write(IAnsiConsole console, IReadOnlyList<TargetOutcome> outcomes, bool succeeded, TimeSpan total, string logFile, string root)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Target").AddColumn("Status").AddColumn(new TableColumn("Duration").RightAligned()).AddColumn("Note");
        foreach (var outcome in outcomes)
            table.AddRow(Markup.Escape(outcome.Name), StatusMarkup(outcome.Status),
                outcome.Status is TargetStatus.Succeeded or TargetStatus.Failed or TargetStatus.Aborted ? Format(outcome.Duration) : "",
                Markup.Escape(outcome.Note ?? string.Empty));
        table.AddEmptyRow();
        table.AddRow("[bold]Total[/]", "", Format(total), "");
        console.WriteLine();
        console.Write(table);
        console.MarkupLine($"Log: {Markup.Escape(Path.GetRelativePath(root, logFile))}");
        console.MarkupLine(succeeded ? "[green bold]Build succeeded[/]" : "[red bold]Build failed[/]");
    }

    private static string StatusMarkup(TargetStatus status) => status switch
    {
        TargetStatus.Succeeded => "[green]Succeeded[/]",
        TargetStatus.Failed => "[red]Failed[/]",
        TargetStatus.Aborted => "[red]Aborted[/]",
        TargetStatus.Skipped => "[yellow]Skipped[/]",
        _ => "[grey]NotRun[/]",
    };

    internal static string Format(TimeSpan duration) =>
        duration.TotalSeconds < 60 ? $"{duration.TotalSeconds:0.0} s" : $"{(int)duration.TotalMinutes}:{duration.Seconds:00} min";
}
