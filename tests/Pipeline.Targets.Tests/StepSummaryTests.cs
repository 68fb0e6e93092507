namespace Pipeline.Targets.Tests;

using Assert = Xunit.Assert; // the engine has NUKE's Assert too

public class StepSummaryTests : IDisposable
{
    private readonly BuildRun _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public void On_GitHub_Actions_the_summary_table_is_appended_to_the_step_summary_as_markdown_with_secrets_masked()
    {
        var summary = Path.Combine(_run.Root, "step-summary.md");
        File.WriteAllText(summary, "earlier step\n");
        _run.Environment["GITHUB_STEP_SUMMARY"] = summary;

        Assert.Equal(0, _run.Run(new ParameterBuild(), "Show", "--api-key", "sk-planted-0123456789abcdef"));

        var text = File.ReadAllText(summary);
        Assert.StartsWith("earlier step\n### Build succeeded in ", text);
        Assert.Contains("| Target | Status | Duration | Note |", text);
        Assert.Matches(@"\| Show \| Succeeded \| \d+\.\d s \| used \S+ \|", text);
        Assert.DoesNotContain("sk-planted-0123456789abcdef", text);
    }

    [Fact]
    public void A_failed_target_and_the_ones_not_run_are_listed()
    {
        var summary = Path.Combine(_run.Root, "step-summary.md");
        _run.Environment["GITHUB_STEP_SUMMARY"] = summary;

        Assert.Equal(BuildHost.ExitFailed, _run.Run(new FailingBuild(), "NeedsBreaks"));

        var text = File.ReadAllText(summary);
        Assert.StartsWith("### Build failed in ", text);
        Assert.Contains("| Breaks | Failed |", text);
        Assert.Contains("| NeedsBreaks | NotRun |  | an earlier target failed |", text);
    }

    [Fact]
    public void A_hostile_note_forms_no_html_link_or_extra_cell_on_the_summary_page()
    {
        var summary = Path.Combine(_run.Root, "step-summary.md");
        _run.Environment["GITHUB_STEP_SUMMARY"] = summary;

        Assert.Equal(0, _run.Run(new HostileNoteBuild(), "Quotes"));

        var row = File.ReadAllLines(summary).Single(l => l.StartsWith("| Quotes |", StringComparison.Ordinal));
        Assert.StartsWith("| Quotes | Succeeded | ", row);
        Assert.EndsWith(@" | &lt;img src=x onerror=alert\(1\)&gt; \[win\]\(https://evil.example\) a\|b \`code\` U+202E next line |", row);
        Assert.DoesNotContain("\u202E", row);
    }

    private sealed class HostileNoteBuild : NukeBuild
    {
        public Target Quotes => _ => _.Executes(() => ReportSummary(_ => _.AddPair("Note", "<img src=x onerror=alert(1)> [win](https://evil.example) a|b `code` \u202E\nnext line")));
    }

    [Fact]
    public void Without_GITHUB_STEP_SUMMARY_nothing_is_written()
    {
        Assert.Equal(0, _run.Run(new FailingBuild(), "First"));

        Assert.Empty(Directory.GetFiles(_run.Root, "*.md", SearchOption.AllDirectories));
    }
}
