using Pipeline.Core.Redaction;
using Pipeline.Resilience.Health;

namespace Pipeline.Resilience.Tests.Health;

public sealed class HealthHistoryTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("health-history-").FullName;
    private string HistoryPath => Path.Combine(_folder, "reports", "health", "history.jsonl");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    internal static HealthRecord Record(DateTimeOffset at, bool healthy = true, double p95 = 20, string version = "15.8") => new()
    {
        Timestamp = at,
        Endpoint = "postgres@db.example.supabase.co:5432/postgres",
        Healthy = healthy,
        P50Ms = p95 / 2,
        P95Ms = healthy ? p95 : null,
        ServerVersion = healthy ? version : null,
        FailureStep = healthy ? null : "tcp",
        FailureKind = healthy ? null : "Transient",
        FailureMessage = healthy ? null : "Connection refused by 10.0.0.5:5432",
        Pooler = "None",
    };

    [Fact]
    public void Appends_in_order_and_reads_back_every_field()
    {
        HealthHistory.Load(HistoryPath).AppendAndPrune(Record(Now.AddDays(-1)), TimeSpan.FromDays(30), Now);
        HealthHistory.Load(HistoryPath).AppendAndPrune(Record(Now, healthy: false), TimeSpan.FromDays(30), Now);

        var history = HealthHistory.Load(HistoryPath);

        Assert.Equal(2, history.Records.Count);
        Assert.Equal(2, File.ReadAllLines(HistoryPath).Length);
        Assert.False(history.Latest!.Healthy);
        Assert.Equal("tcp", history.Latest.FailureStep);
        Assert.Equal(Now.AddDays(-1), history.Records[0].Timestamp);
        Assert.Equal(20, history.Records[0].P95Ms);
    }

    [Fact]
    public void Prunes_records_older_than_the_retention()
    {
        foreach (var days in new[] { 40, 31, 29, 1 })
            HealthHistory.Load(HistoryPath).AppendAndPrune(Record(Now.AddDays(-days)), TimeSpan.FromDays(365), Now.AddDays(-days));

        var pruned = HealthHistory.Load(HistoryPath).AppendAndPrune(Record(Now), TimeSpan.FromDays(30), Now);

        Assert.Equal(2, pruned);
        Assert.Equal([Now.AddDays(-29), Now.AddDays(-1), Now], HealthHistory.Load(HistoryPath).Records.Select(r => r.Timestamp));
    }

    [Fact]
    public void Lines_that_are_not_records_are_kept_and_reported()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(HistoryPath)!);
        File.WriteAllText(HistoryPath, "this is not json\n");

        var history = HealthHistory.Load(HistoryPath);
        history.AppendAndPrune(Record(Now), TimeSpan.FromDays(30), Now);

        Assert.Equal(["this is not json"], history.UnreadableLines);
        Assert.Equal("this is not json", File.ReadLines(HistoryPath).First());
        Assert.Single(HealthHistory.Load(HistoryPath).Records);
    }

    [Fact]
    public void A_secret_in_a_failure_message_is_masked_in_the_file()
    {
        var redactor = new SecretRedactor();
        redactor.Register("planted-db-password-42");

        HealthHistory.Load(HistoryPath).AppendAndPrune(Record(Now, healthy: false) with { FailureMessage = "login failed for planted-db-password-42" },
            TimeSpan.FromDays(30), Now, redactor);

        Assert.DoesNotContain("planted-db-password-42", File.ReadAllText(HistoryPath));
    }
}
