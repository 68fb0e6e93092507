using Pipeline.Core.Evidence;
using Pipeline.Core.Runs;
using Pipeline.Core.Testing;
using Pipeline.Core.Workspace;
using Pipeline.Targets;
using Spectre.Console;

/// <summary>
/// Pipeline's build. Targets live in one partial file per area (Build.Secrets.cs, Build.Drills.cs,
/// Build.Perf.cs, Build.Evidence.cs); this file holds the entry point and the housekeeping targets.
/// </summary>
partial class Build : NukeBuild
{
    public static int Main() => Execute<Build>(x => x.Test);

    [Parameter("Configuration the tests are built in")] readonly string Configuration = "Debug";
    [Parameter("Only run tests matching this dotnet test filter (Test)")] readonly string TestFilter;
    [Parameter("Also delete evidence under reports/ and docs/screenshots/ (Clean)")] readonly bool IncludeEvidence;
    [Parameter("Run id of this build's evidence (several invocations with one id form one run); ArchiveEvidence archives that run")] readonly string RunId;

    // Every target of this build records its files in reports/runs/<run id>.jsonl; --run-id names that run.
    protected override void OnTargetRunning(string target)
    {
        if (!string.IsNullOrEmpty(RunId)) Evidence.UseRunId(RunId);
        base.OnTargetRunning(target);
    }

    // What every target's library runs with: evidence store, tools, log, console, clock, scratch folder, Ctrl-C.
    RunContext Context => new(Evidence, Log, AnsiConsole.Console, Tools, Clock, TemporaryDirectory, CancellationToken);

    // The one place a library's result becomes the target's: its headline in the summary, a failed outcome fails the target.
    async Task Run<TResult>(Task<TResult> run) where TResult : IRunResult
    {
        var result = await run;
        Note(result.Headline);
        if (result.Outcome.Failure is { } failure) throw new TargetFailedException(failure);
    }

    // The upload globs of evidence files, from the one catalogue the producers write with.
    string[] EvidenceGlobs(params EvidenceName[] names) => [.. EvidenceNames.GlobsOf(names).Select(glob => (string)(RootDirectory / glob))];

    Target Clean => _ => _
        .Description("Removes build output and temp files; evidence only with --include-evidence")
        .Executes(() => Note($"{WorkspaceCleaner.Clean(RootDirectory, IncludeEvidence, AppContext.BaseDirectory)} folders removed"));

    Target Test => _ => _
        .Description("Runs the test suite; TRX and JUnit results go to reports/tests/")
        .Produces(ReportsDirectory / "tests/*/*.trx", ReportsDirectory / "tests/*/*.junit.xml")
        .Executes(async () =>
        {
            var summary = await DotNetTestRun.RunAsync(RootDirectory, Configuration, Tools, Log, Clock.GetLocalNow(), TestFilter, CancellationToken);
            Note(summary.ToString());
            if (summary.Failed > 0 || summary.Total == 0) throw new TargetFailedException($"{summary}. Results: {summary.ResultsDirectory}");
        });
}
