using Pipeline.Core.Errors;
using Pipeline.Core.Evidence;
using Pipeline.Core.Naming;
using Pipeline.Core.Processes;
using Pipeline.Core.Redaction;
using Pipeline.Core.Runs;
using Pipeline.Core.Testing;
using Pipeline.Core.Tools;
using Pipeline.Core.Workspace;
using Pipeline.LocalBackends.Postgres;
using Pipeline.Perf.Dashboard;
using Pipeline.Secrets;
using Pipeline.Targets;
using Serilog;
using Spectre.Console;

/// <summary>
/// Pipeline's build. Targets live in one partial file per area (Build.Secrets.cs, Build.Drills.cs,
/// Build.Perf.cs, Build.Evidence.cs); this file holds the entry point, the run's services and the housekeeping targets.
/// </summary>
partial class Build : NukeBuild
{
    public static int Main() => Execute<Build>(x => x.Test);

    [Parameter("Configuration the tests are built in")] readonly string Configuration = TestRunSettings.DefaultConfiguration;
    [Parameter("Only run tests matching this dotnet test filter (Test)")] readonly string TestFilter;
    [Parameter("Also delete evidence under reports/ and docs/screenshots/ (Clean)")] readonly bool IncludeEvidence;
    [Parameter("Run id of this build's evidence (several invocations with one id form one run); ArchiveEvidence archives that run")] readonly string RunId;

    AbsolutePath ReportsDirectory => RootDirectory / "reports";
    // The process-wide redactor: the engine masks the console and the log with it, so a secret a run finds is masked there too.
    static SecretRedactor Redactor => SecretRedactor.Global;
    static TimeProvider Clock => TimeProvider.System;
    EvidenceStore Evidence;
    ToolRunner Tools;

    // What every target's library runs with: evidence store, log, console, tools, clock, scratch folder, Ctrl-C.
    RunContext Context => new(Evidence, Log.Logger, AnsiConsole.Console, Tools, Clock, TemporaryDirectory, CancellationToken);

    // The [Secret] parameters (for the inventory audit) and the others' values (for the evidence manifests).
    IReadOnlyList<string> SecretParameterNames => [.. ResolvedParameters.Where(p => p.IsSecret).Select(p => p.Name)];
    IReadOnlyDictionary<string, string> NonSecretParameters => ResolvedParameters.Where(p => !p.IsSecret).ToDictionary(p => p.Name, p => p.DisplayValue);

    // Every target of this build records its files in reports/runs/<run id>.jsonl; --run-id names that run.
    protected override void OnBuildInitialized()
    {
        Evidence = new EvidenceStore(RootDirectory, Clock, Redactor);
        if (!string.IsNullOrEmpty(RunId)) Evidence.UseRunId(RunId);
        ProcessLedger.Current?.OnAbandon(Evidence.ReleaseUnwritten); // a second Ctrl-C or SIGTERM leaves no empty placeholder behind
        Tools = new ToolRunner(Log.Logger, Redactor);
    }

    protected override void OnTargetRunning(string target) => Evidence.BeginTarget(target, NonSecretParameters);
    protected override void OnTargetSucceeded(string target) => Evidence.EndTarget(target, succeeded: true);
    protected override void OnTargetFailed(string target) => Evidence.EndTarget(target, succeeded: false);

    // The one place a library's result becomes the target's: its headline in the summary, a failed outcome fails the target.
    // A library words a bad setting in its own terms and names the setting (Input); the user is told the flag they typed.
    async Task Run<TResult>(Task<TResult> run) where TResult : IRunResult
    {
        try
        {
            var result = await run;
            Log.Debug("Evidence written: {Files}", result.EvidenceFiles.Select(Evidence.Relative)); // the log file lists every file, also on failure
            ReportSummary(_ => _.AddPair("Result", result.Headline));
            if (result.Outcome.Failure is { } failure) Assert.Fail(failure);
        }
        catch (UserInputException exception) when (exception.Input is { } input && ResolvedParameters.Any(p => p.Name == ParameterOf(input)))
        {
            Assert.Fail($"--{KebabCase.From(ParameterOf(input))}: {exception.Message}");
        }
    }

    // The build parameter a settings property is filled from; they share their name except these. A setting no parameter
    // fills (a library's own) keeps its message as it is.
    string ParameterOf(string setting) => setting switch
    {
        nameof(SecretScanSettings.Root) => nameof(ScanRoot),
        nameof(DashboardSettings.ManualP95) => nameof(DashboardP95),
        nameof(EmbeddedPostgresSettings.BinDirectory) => nameof(PgBin),
        _ => setting,
    };

    // The upload globs of evidence files, from the one catalogue the producers write with.
    string[] EvidenceGlobs(params EvidenceName[] names) => [.. EvidenceNames.GlobsOf(names).Select(glob => (string)(RootDirectory / glob))];

    Target Clean => _ => _
        .Description("Removes build output and temp files; evidence only with --include-evidence")
        .Executes(() => ReportSummary(_ => _.AddPair("Removed", $"{WorkspaceCleaner.Clean(RootDirectory, IncludeEvidence, AppContext.BaseDirectory)} folders removed")));

    Target Test => _ => _
        .Description("Runs the test suite; TRX and JUnit results go to reports/tests/")
        .Produces(ReportsDirectory / "tests/*/*.trx", ReportsDirectory / "tests/*/*.junit.xml")
        .Executes(() => Run(DotNetTestRun.RunAsync(new TestRunSettings(RootDirectory) { Configuration = Configuration, Filter = TestFilter }, Context)));
}
