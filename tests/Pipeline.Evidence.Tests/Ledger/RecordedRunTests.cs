using Microsoft.Extensions.Time.Testing;
using Pipeline.Core.Evidence;
using Pipeline.Core.Redaction;
using Pipeline.Evidence.Ledger;

namespace Pipeline.Evidence.Tests.Ledger;

public sealed class RecordedRunTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pipeline-ledger-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 10, 14, 10, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private EvidenceStore Invocation()
    {
        var store = new EvidenceStore(_root, _clock, new SecretRedactor());
        store.UseRunId("release-42");
        return store;
    }

    private void Run(EvidenceStore store, string target, bool succeeded, params string[] templates)
    {
        store.BeginTarget(target, new Dictionary<string, string> { ["Attempt"] = templates.Length.ToString() });
        foreach (var template in templates)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            store.WriteText(template, target);
        }
        store.EndTarget(target, succeeded);
    }

    [Fact]
    public void Targets_run_by_separate_invocations_form_one_run_and_a_target_run_again_counts_by_its_last_execution()
    {
        using (var first = Invocation())
        {
            Run(first, "ScanSecrets", succeeded: false, "reports/secrets-scan-{date}.txt", "reports/ci-secrets-scan-{date}.log");
            Run(first, "DrillOpenAI", succeeded: true, "reports/openai-resilience-{date}.log");
        }
        _clock.Advance(TimeSpan.FromMinutes(5));
        using (var second = Invocation())
            Run(second, "ScanSecrets", succeeded: true, "reports/secrets-scan-{date}.txt");

        var run = RecordedRun.Load(RunLedger.PathFor(_root, "release-42"));

        Assert.Equal("release-42", run.RunId);
        Assert.Equal(["reports/openai-resilience-20251014.log", "reports/secrets-scan-20251014-100504.txt"], run.Files.Select(f => f.Path));
        Assert.Equal(RunLedgerEntry.Succeeded, run.OutcomeOf("ScanSecrets"));
        Assert.Equal("1", run.ParametersOf("ScanSecrets")["Attempt"]);
        Assert.Equal("ScanSecrets", run.WriterOf("reports/secrets-scan-20251014-100504.txt"));
        Assert.Null(run.WriterOf("reports/ci-secrets-scan-20251014.log"));   // written by the earlier execution only
    }

    [Fact]
    public void A_target_that_never_finished_has_no_outcome()
    {
        var store = Invocation();
        store.BeginTarget("RunP95");
        store.WriteText("reports/p95_k6_{date}.json", "{}");   // the process died here

        var run = RecordedRun.Load(RunLedger.PathFor(_root, "release-42"));

        Assert.Null(run.OutcomeOf("RunP95"));
        Assert.Single(run.Files);
    }
}
