using Pipeline.Core.Files;
using Microsoft.Extensions.Time.Testing;
using Pipeline.Core.Evidence;
using Pipeline.Core.Redaction;

namespace Pipeline.Core.Tests;

public sealed class EvidenceStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pipeline-evidence-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 14, 57, 28, TimeSpan.Zero)) { };

    public EvidenceStoreTests() => _clock.SetLocalTimeZone(TimeZoneInfo.Utc);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_run_date_names_the_file_and_a_second_run_the_same_day_gets_the_time()
    {
        var store = new EvidenceStore(_root, _clock, new SecretRedactor());
        var first = store.WriteText("reports/metrics-p95-{date}.md", "first");
        _clock.Advance(TimeSpan.FromMinutes(3));
        var second = new EvidenceStore(_root, _clock, new SecretRedactor()).WriteText("reports/metrics-p95-{date}.md", "second");

        Assert.Equal(Path.Combine(_root, "reports", "metrics-p95-20261125.md"), first);
        Assert.Equal(Path.Combine(_root, "reports", "metrics-p95-20261125-150028.md"), second);
        Assert.Equal("first", File.ReadAllText(first));
        Assert.Equal("second", File.ReadAllText(second));
    }

    [Fact]
    public void Collisions_within_the_same_second_still_never_overwrite()
    {
        var store = new EvidenceStore(_root, _clock, new SecretRedactor());
        var paths = Enumerable.Range(0, 4).Select(i => store.WriteText("reports/p95_k6_{date}.json", $"run {i}")).ToList();
        Assert.Equal(4, paths.Distinct().Count());
        Assert.EndsWith("p95_k6_20261125-145728-3.json", paths[3]);
        Assert.Equal(["run 0", "run 1", "run 2", "run 3"], paths.Select(File.ReadAllText));
    }

    [Fact]
    public void Files_reserved_together_share_one_suffix()
    {
        var store = new EvidenceStore(_root, _clock, new SecretRedactor());
        store.WriteText("reports/p95_k6_{date}.json", "earlier run");
        var pair = store.Reserve("reports/p95_k6_{date}.json", "reports/p95_k6_{date}.summary.json");
        Assert.EndsWith("p95_k6_20261125-145728.json", pair[0]);
        Assert.EndsWith("p95_k6_20261125-145728.summary.json", pair[1]);
    }

    [Fact]
    public void Text_is_redacted_and_no_temp_file_is_left_behind()
    {
        var redactor = new SecretRedactor();
        redactor.Register("postgres-password-0123456789");
        var store = new EvidenceStore(_root, _clock, redactor);
        var path = store.WriteText("reports/db_connectivity_test_{date}.log", "url=postgres://app:postgres-password-0123456789@db");
        var text = File.ReadAllText(path);
        Assert.DoesNotContain("postgres-password-0123456789", text);
        Assert.Contains("[redacted:", text);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void A_failed_write_keeps_the_existing_file_and_removes_its_temp_file()
    {
        var path = Path.Combine(_root, "reports", "x.txt");
        AtomicFile.WriteAllText(path, "kept", overwrite: false);
        Assert.Throws<IOException>(() => AtomicFile.WriteAllText(path, "lost", overwrite: false));
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(Path.Combine(_root, "reports", "y.txt"), _ => throw new InvalidOperationException("disk full"), overwrite: true));
        Assert.Equal("kept", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(Path.Combine(_root, "reports")));
    }

    [Fact]
    public void Two_runs_in_the_same_second_over_one_folder_get_distinct_names_and_both_files_survive()
    {
        // Two stores over one folder are what two processes amount to: they share nothing but the file system.
        using var first = new EvidenceStore(_root, _clock, new SecretRedactor());
        using var second = new EvidenceStore(_root, _clock, new SecretRedactor());
        string[] group = ["reports/p95_k6_{date}.json", "reports/p95_k6_{date}.summary.json"];

        var firstPaths = first.Reserve(group);     // both reserve before either writes (a long load run)
        var secondPaths = second.Reserve(group);
        first.WriteTextTo(firstPaths[0], "first ndjson");
        first.WriteTextTo(firstPaths[1], "first summary");
        second.WriteTextTo(secondPaths[0], "second ndjson");
        second.WriteTextTo(secondPaths[1], "second summary");

        Assert.EndsWith("p95_k6_20261125.json", firstPaths[0]);
        Assert.EndsWith("p95_k6_20261125-145728.json", secondPaths[0]);
        Assert.EndsWith("p95_k6_20261125-145728.summary.json", secondPaths[1]);
        Assert.Equal(["first ndjson", "first summary", "second ndjson", "second summary"],
            firstPaths.Concat(secondPaths).Select(File.ReadAllText));
    }

    [Fact]
    public void A_group_moves_on_whole_when_another_run_holds_one_of_its_names()
    {
        using var other = new EvidenceStore(_root, _clock, new SecretRedactor());
        var held = other.Reserve("reports/metrics-p95-{date}.json");
        using var store = new EvidenceStore(_root, _clock, new SecretRedactor());

        var paths = store.Reserve("reports/metrics-p95-{date}.md", "reports/metrics-p95-{date}.json", "docs/screenshots/p95-dashboard-{date}.png");

        Assert.All(paths, p => Assert.Contains("20261125-145728", p));
        Assert.False(File.Exists(Path.Combine(_root, "reports", "metrics-p95-20261125.md")));   // the partial group was given back
        Assert.True(File.Exists(held));
    }

    [Fact]
    public void Names_reserved_and_not_written_are_given_back_when_the_target_ends_and_written_files_stay()
    {
        var store = new EvidenceStore(_root, _clock, new SecretRedactor());
        store.BeginTarget("Summarize");
        var paths = store.Reserve("reports/metrics-p95-{date}.md", "reports/p95-delta-action-{date}.md");
        store.WriteTextTo(paths[0], "report");
        store.EndTarget("Summarize", succeeded: true);

        Assert.Equal("report", File.ReadAllText(paths[0]));
        Assert.False(File.Exists(paths[1]));
        using var disposed = new EvidenceStore(_root, _clock, new SecretRedactor());
        var unwritten = disposed.Reserve("reports/openai-resilience-{date}.log");
        disposed.Dispose();
        Assert.False(File.Exists(unwritten));
    }

    [Fact]
    public void A_reserved_name_is_written_once_and_an_unreserved_existing_file_is_never_replaced()
    {
        using var store = new EvidenceStore(_root, _clock, new SecretRedactor());
        var path = store.Reserve("reports/x-{date}.log");
        store.WriteTextTo(path, "once");
        Assert.Throws<IOException>(() => store.WriteTextTo(path, "twice"));
        Assert.Equal("once", File.ReadAllText(path));
    }

    [Fact]
    public void Files_written_inside_a_target_are_recorded_in_the_run_ledger_with_sha256_parameters_and_outcome()
    {
        var redactor = new SecretRedactor();
        redactor.Register("ledger-secret-0123456789");
        using var store = new EvidenceStore(_root, _clock, redactor);
        store.UseRunId("release-1");
        store.BeginTarget("RunP95", new Dictionary<string, string>
        {
            ["BaseUrl"] = "https://user:pa55word@api.example.com/v1", ["Engine"] = "Builtin", ["Hint"] = "ledger-secret-0123456789", ["Token"] = "",   // test value, pipeline:allow-secret
        });
        var path = store.WriteText("reports/p95_k6_{date}.json", "{}\n");
        store.EndTarget("RunP95", succeeded: true);
        store.BeginTarget("Test");
        store.EndTarget("Test", succeeded: false);   // wrote nothing: not in the ledger

        var ledger = File.ReadAllText(Path.Combine(_root, "reports", "runs", "release-1.jsonl"));
        var entries = RunLedger.Read(Path.Combine(_root, "reports", "runs", "release-1.jsonl"));
        Assert.Equal([RunLedgerEntry.TargetStarted, RunLedgerEntry.FileWritten, RunLedgerEntry.TargetFinished], entries.Select(e => e.Kind));
        Assert.All(entries, e => Assert.Equal(("release-1", "RunP95"), (e.RunId, e.Target)));
        Assert.Equal("reports/p95_k6_20261125.json", entries[1].Path);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), entries[1].Sha256);
        Assert.Equal("https://user:***@api.example.com/v1", entries[0].Parameters!["BaseUrl"]);
        Assert.Equal("Builtin", entries[0].Parameters!["Engine"]);
        Assert.False(entries[0].Parameters!.ContainsKey("Token"));
        Assert.Equal(RunLedgerEntry.Succeeded, entries[2].Outcome);
        Assert.DoesNotContain("pa55word", ledger);
        Assert.DoesNotContain("ledger-secret-0123456789", ledger);
    }

    [Fact]
    public void A_file_a_tool_wrote_into_a_reserved_name_is_recorded_when_the_target_ends()
    {
        using var store = new EvidenceStore(_root, _clock, new SecretRedactor());
        store.BeginTarget("RunP95");
        var path = store.Reserve("reports/p95_k6_{date}.json");
        File.WriteAllText(path, "k6 wrote this\n");   // k6 moves its output over the placeholder
        store.EndTarget("RunP95", succeeded: false);

        var entries = RunLedger.Read(store.LedgerPath);
        Assert.Equal("reports/p95_k6_20261125.json", entries.Single(e => e.Kind == RunLedgerEntry.FileWritten).Path);
        Assert.Equal(RunLedgerEntry.Failed, entries[^1].Outcome);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("has space")]
    [InlineData("a/b")]
    public void A_run_id_that_cannot_name_a_file_is_refused(string runId)
    {
        using var store = new EvidenceStore(_root, _clock, new SecretRedactor());
        var error = Assert.Throws<Pipeline.Core.Errors.UserInputException>(() => store.UseRunId(runId));
        Assert.StartsWith($"--run-id '{runId}' is not a valid run id", error.Message);
    }
}
