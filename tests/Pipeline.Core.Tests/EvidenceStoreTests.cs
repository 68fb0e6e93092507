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
}
