using Pipeline.Targets.CI.GitHubActions;

// The GitHub Actions workflows, generated from these attributes by ./build.sh --generate-configuration
// (.github/workflows/<name>.yml; a test fails while a committed workflow differs). What each job uploads comes
// from the Produces globs of the targets it runs.

[GitHubActions("pipeline", GitHubActionsImage.UbuntuLatest,
    Description = "Push/PR pipeline (AC1.2): the tests, then a secret scan of the repository and of this job's logs and reports\n" +
                  "(SARIF to code scanning), and the secrets inventory audit; the same targets a developer runs locally.",
    OnPushBranches = ["main"], On = [GitHubActionsTrigger.PullRequest],
    InvokedTargets = [nameof(Test), nameof(ScanSecrets) + " --fail-on new --scan-paths reports", nameof(AuditSecrets)],
    ContinueAfterFailedTarget = true, // the scan still runs, and reports, after failed tests
    WritePermissions = [GitHubActionsPermissions.SecurityEvents], ReadPermissions = [GitHubActionsPermissions.Actions],
    ConcurrencyGroup = "pipeline-${{ github.ref }}", ConcurrencyCancelInProgress = true,
    PostgreSql = true, TimeoutMinutes = 60)]

[GitHubActions("p95", GitHubActionsImage.UbuntuLatest,
    Description = "P95 latency evidence (AC3.1-AC3.3): RunP95 + Summarize against staging when the STAGING_* secrets\n" +
                  "are set, against the reference API on the runner otherwise; weekly and by hand, optionally spread over machines.",
    On = [GitHubActionsTrigger.WorkflowDispatch], OnCronSchedule = "0 3 * * 1",
    OnWorkflowDispatchOptionalInputs = [nameof(BaseUrl), nameof(Requests)],
    InvokedTargets = [nameof(Summarize) + " --fail-on-delta"],
    // The URLs come from secrets: GitHub masks only secrets.* in the log, and a URL may carry credentials.
    ImportSecrets = [nameof(Token), nameof(JwtSecret), nameof(BaseUrl), nameof(MetricsUrl), nameof(PrometheusUrl)],
    ImportPrefix = "STAGING_",
    ShardedTarget = nameof(RunP95), MaxShards = 4,
    ShardMergeCommand = nameof(Summarize) + " --results shards/*/p95_k6_*[0-9].json --fail-on-delta", // the NDJSON, not the summary exports
    PostgreSql = true, TimeoutMinutes = 30)]

[GitHubActions("evidence", GitHubActionsImage.UbuntuLatest,
    Description = "Evidence package for QA (AC4.1, AC4.3): ArchiveEvidence, then VerifyEvidence on the archive it wrote; the archive,\n" +
                  "manifest and in-toto statement are attested and, on a published release, attached to it.",
    On = [GitHubActionsTrigger.WorkflowDispatch, GitHubActionsTrigger.ReleasePublished],
    InvokedTargets = [nameof(ArchiveEvidence), nameof(VerifyEvidence) + " --archive reports/evidence-*.zip"],
    WritePermissions = [GitHubActionsPermissions.Contents, GitHubActionsPermissions.IdToken, GitHubActionsPermissions.Attestations],
    PublishToRelease = true, AttestProvenance = true,
    PostgreSql = true, TimeoutMinutes = 60)]

[GitHubActions("nightly-health", GitHubActionsImage.UbuntuLatest,
    Description = "Nightly Supabase/PostgreSQL health check (AC2.3): the same target as a developer, with the history kept between runs.",
    On = [GitHubActionsTrigger.WorkflowDispatch], OnCronSchedule = "15 2 * * *",
    InvokedTargets = [nameof(HealthCheck) + " --health-retention-days 30"],
    ImportSecrets = [nameof(DatabaseUrl)], ImportPrefix = "SUPABASE_", RequiredImports = [nameof(DatabaseUrl)],
    CachePaths = ["reports/health/history.jsonl"], // two runs must not append at once: one concurrency group, never cancelled
    ArtifactRetentionDays = 30, TimeoutMinutes = 15)]
partial class Build;
