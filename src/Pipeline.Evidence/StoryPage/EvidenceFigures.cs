namespace Pipeline.Evidence.StoryPage;

/// <summary>
/// The headline figures read back from the evidence files. Every figure is nullable: a file that is
/// missing or in a shape the readers do not know gives "not available", never an error.
/// <see cref="Sources"/> says which file and field each figure came from.
/// </summary>
internal sealed record EvidenceFigures
{
    public int? SecretFindings { get; init; }
    public int? DetectSecretsResults { get; init; }
    public int? SarifResults { get; init; }
    public TestCounts? OpenAIScenarios { get; init; }
    public SecretsScanLog SecretsLog { get; init; } = SecretsScanLog.Empty;
    public DrillLogSummary OpenAIDrill { get; init; } = DrillLogSummary.Empty;
    public DrillLogSummary DowntimeDrill { get; init; } = DrillLogSummary.Empty;
    public DrillLogSummary Connectivity { get; init; } = DrillLogSummary.Empty;
    public long? Requests { get; init; }
    public IReadOnlyList<EndpointP95> P95 { get; init; } = [];
    public double MaxDeltaPercent { get; init; } = 10;
    public IReadOnlyList<string> Sources { get; init; } = [];

    public double? WorstDeltaPercent
    {
        get
        {
            var deltas = P95.Where(e => e.DeltaPercent is not null).Select(e => e.DeltaPercent!.Value).ToList();
            return deltas.Count == 0 ? null : deltas.Max();
        }
    }
}
