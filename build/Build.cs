using Pipeline.Targets;

/// <summary>
/// Pipeline's build. Targets live in one partial file per area (Build.Secrets.cs, Build.Drills.cs,
/// Build.Perf.cs, Build.Evidence.cs); this file holds the entry point and the housekeeping targets.
/// </summary>
partial class Build : NukeBuild
{
    public static int Main() => Execute<Build>(x => x.Test);

    [Parameter("Test configuration to build and run")] readonly string Configuration = "Debug";
    [Parameter("Also delete evidence under reports/ and docs/screenshots (Clean)")] readonly bool IncludeEvidence;

    Target Clean => _ => _
        .Description("Removes build output and temp files; evidence only with --include-evidence")
        .Executes(() => Note($"{Housekeeping.Clean(RootDirectory, IncludeEvidence)} folders removed"));

    Target Test => _ => _
        .Description("Runs the test suite; TRX and JUnit results go to reports/tests/")
        .Produces(ReportsDirectory / "tests" / "*.trx", ReportsDirectory / "tests" / "*.junit.xml")
        .Executes(async () =>
        {
            var summary = await TestRun.RunAsync(RootDirectory, Configuration, Tools, CancellationToken);
            Note(summary.ToString());
            if (summary.Failed > 0 || summary.Total == 0) throw new TargetFailedException(summary.ToString());
        });
}
