using Pipeline.Core.Evidence;
using Pipeline.Resilience.Health;
using Pipeline.Resilience.OpenAI.Drill;
using Pipeline.Resilience.Postgres.Drill;
using Pipeline.Targets;
using DatabaseHealthCheck = Pipeline.Resilience.Health.HealthCheck; // the target HealthCheck hides the type's own name

// Resilience drills: DrillOpenAI (AC2.1, AC2.2), DrillSupabase and HealthCheck (AC2.2, AC2.3).
partial class Build
{
    [Parameter("OpenAI-compatible base URL for live probes, e.g. https://api.openai.com/v1 (default: the local OpenAI stub)")]
    readonly Uri OpenAIBaseUrl;
    [Parameter("OpenAI API key for the live probe with a key (only with --openai-base-url)")] [Secret]
    readonly string OpenAIApiKey;

    Target DrillOpenAI => _ => _
        .Description("OpenAI resilience drill: rate limit, quota, revoked key, 5xx, timeout, outage against the stub, or safe live probes (AC2.2)")
        .Produces(EvidenceGlobs(EvidenceNames.OpenAIResilience, EvidenceNames.OpenAIResilienceJUnit, EvidenceNames.OpenAIResilienceMarkdown))
        .Executes(() => Run(OpenAIDrill.RunAsync(new OpenAIDrillSettings { LiveBaseUrl = OpenAIBaseUrl, LiveApiKey = OpenAIApiKey }, Context)));

    [Parameter("PostgreSQL/Supabase to test: postgres:// URI or Npgsql connection string (default: an embedded PostgreSQL 15)")]
    [Secret] readonly string DatabaseUrl;
    [Parameter("Folder with initdb/pg_ctl for the embedded PostgreSQL (default /usr/lib/postgresql/15/bin)")] readonly AbsolutePath PgBin;
    [Parameter("DrillSupabase: also run the downtime drill (proxy down, reset mid-query, latency spike, server restart)")] readonly bool SimulateDowntime;
    [Parameter("DrillSupabase: how long the endpoint stays down in the drill")] readonly TimeSpan Downtime = DowntimeDrillSettings.DefaultDowntime;
    [Parameter("DrillSupabase: longest acceptable time from a fault's end to the first successful query")] readonly TimeSpan MaxRecovery = DowntimeDrillSettings.DefaultMaxRecovery;
    [Parameter("HealthCheck: days of history kept in reports/health/history.jsonl", Minimum = 1)] readonly int HealthRetentionDays = HealthCheckSettings.DefaultRetentionDays;

    Target DrillSupabase => _ => _
        .Description("PostgreSQL/Supabase connectivity test; with --simulate-downtime (always under ArchiveEvidence) the downtime drill (AC2.2)")
        .Produces(EvidenceGlobs(EvidenceNames.DbConnectivityTest, EvidenceNames.SupabaseDowntimeDrill))
        .Executes(() => Run(SupabaseDrill.RunAsync(new SupabaseDrillSettings
        {
            DatabaseUrl = DatabaseUrl, PgBin = PgBin?.ToString(), SimulateDowntime = SimulateDowntime || InvokedTargets.Any(x => x.Name == nameof(ArchiveEvidence)),
            Downtime = Downtime, MaxRecovery = MaxRecovery,
        }, Context)));

    Target HealthCheck => _ => _
        .Description("Database health check: history with retention and a diff against the previous run (AC2.3)")
        .Produces(EvidenceGlobs(EvidenceNames.HealthHistory, EvidenceNames.HealthDiff, EvidenceNames.DbConnectivityTest))
        .Executes(() => Run(DatabaseHealthCheck.RunAsync(new HealthCheckSettings
        {
            DatabaseUrl = DatabaseUrl, PgBin = PgBin?.ToString(), RetentionDays = HealthRetentionDays,
        }, Context)));
}
