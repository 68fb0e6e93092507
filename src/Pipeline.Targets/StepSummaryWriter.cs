using System.Text;
using Pipeline.Core.Text;

namespace Pipeline.Targets;

/// <summary>
/// On GitHub Actions (<c>GITHUB_STEP_SUMMARY</c> set), appends the end-of-run table as Markdown to the job's
/// summary page, so each workflow run shows the targets' statuses and notes without opening the log.
/// </summary>
internal static class StepSummaryWriter
{
    public const string Variable = "GITHUB_STEP_SUMMARY";

    /// <remarks>The notes are already redacted; they are the same text as the console table.</remarks>
    public static void Append(string path, IReadOnlyList<TargetOutcome> outcomes, bool succeeded, TimeSpan total)
    {
        var text = new StringBuilder();
        text.Append("### Build ").Append(succeeded ? "succeeded" : "failed").Append(" in ").Append(SummaryWriter.Format(total)).Append("\n\n");
        text.Append("| Target | Status | Duration | Note |\n|---|---|---:|---|\n");
        foreach (var outcome in outcomes)
            text.Append("| ").Append(Cell(outcome.Name)).Append(" | ").Append(outcome.Status).Append(" | ")
                .Append(outcome.Status is TargetStatus.Succeeded or TargetStatus.Failed or TargetStatus.Aborted ? SummaryWriter.Format(outcome.Duration) : "")
                .Append(" | ").Append(Cell(outcome.Note ?? "")).Append(" |\n");
        File.AppendAllText(path, text.Append('\n').ToString());
    }

    // A note can quote hostile input (a file name, a server's answer): no HTML, link, image or broken cell on the page.
    private static string Cell(string text) => UntrustedText.Markdown(text);
}
