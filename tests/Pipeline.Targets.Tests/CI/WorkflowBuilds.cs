using Pipeline.Targets;
using Pipeline.Targets.CI.GitHubActions;

namespace Pipeline.Targets.Tests.CI;

[GitHubActions("ci", GitHubActionsImage.UbuntuLatest,
    Description = "Checks every push.",
    OnPushBranches = ["main"], On = [GitHubActionsTrigger.PullRequest],
    InvokedTargets = [nameof(Compile), nameof(Scan) + " --fail-on new"], ContinueAfterFailedTarget = true,
    WritePermissions = [GitHubActionsPermissions.SecurityEvents], ReadPermissions = [GitHubActionsPermissions.Actions],
    ImportSecrets = [nameof(ApiKey)], ImportVariables = [nameof(BaseUrl)], ImportPrefix = "STAGING_",
    ConcurrencyGroup = "ci-${{ github.ref }}", ConcurrencyCancelInProgress = true, TimeoutMinutes = 20)]
[GitHubActions("release", GitHubActionsImage.UbuntuLatest,
    On = [GitHubActionsTrigger.WorkflowDispatch, GitHubActionsTrigger.ReleasePublished],
    InvokedTargets = [nameof(Package)], PublishToRelease = true, AttestProvenance = true,
    WritePermissions = [GitHubActionsPermissions.Contents, GitHubActionsPermissions.IdToken, GitHubActionsPermissions.Attestations])]
[GitHubActions("load", GitHubActionsImage.UbuntuLatest,
    On = [GitHubActionsTrigger.WorkflowDispatch], OnCronSchedule = "0 3 * * 1",
    OnWorkflowDispatchOptionalInputs = [nameof(BaseUrl), nameof(Requests), nameof(DryRun)],
    InvokedTargets = [nameof(Report)], ShardedTarget = nameof(Load), MaxShards = 3, ShardMergeCommand = nameof(Report) + " --results shards/*/load-*.json",
    ImportSecrets = [nameof(ApiKey)], ImportPrefix = "STAGING_", RequiredImports = [nameof(ApiKey)],
    CachePaths = ["reports/history.jsonl"], ArtifactRetentionDays = 7)]
internal sealed class WorkflowBuild : NukeBuild
{
    [Parameter("API under test")] readonly string? BaseUrl;
    [Parameter("Total requests")] readonly int? Requests;
    [Parameter("Only plan the run")] readonly bool DryRun;
    [Parameter("Results to report")] readonly string[] Results = [];
    [Parameter("Which findings fail the scan")] readonly string? FailOn;
    [Parameter("API key")] [Secret] readonly string? ApiKey;

    public Target Compile => _ => _.Produces("reports/compile-*.log").Executes(() => { });
    public Target Scan => _ => _.DependsOn(Compile).Produces(RootDirectory / "reports/scan-*.sarif", RootDirectory / "reports/scan-*.txt").Executes(() => { });
    public Target Package => _ => _.DependsOn(Compile).Produces("reports/package-*.zip", "reports/package-*.manifest.json").Executes(() => { });
    public Target Load => _ => _.Produces("reports/load-*.json").Executes(() => { });
    public Target Report => _ => _.DependsOn(Load).Produces("reports/report-*.md").Executes(() => { });
}

/// <summary>Imports a non-secret parameter as a repository secret: its value would reach reports unmasked.</summary>
[GitHubActions("leaky", GitHubActionsImage.UbuntuLatest, On = [GitHubActionsTrigger.WorkflowDispatch],
    InvokedTargets = [nameof(Go)], ImportSecrets = [nameof(BaseUrl)])]
internal sealed class LeakyWorkflowBuild : NukeBuild
{
    [Parameter("API under test")] readonly string? BaseUrl;
    public Target Go => _ => _.Executes(() => { });
}

/// <summary>Imports a URL (which may carry credentials) from a repository secret.</summary>
[GitHubActions("urls", GitHubActionsImage.UbuntuLatest, On = [GitHubActionsTrigger.WorkflowDispatch],
    InvokedTargets = [nameof(Go)], ImportSecrets = [nameof(MetricsUrl)], ImportPrefix = "STAGING_")]
internal sealed class UriSecretWorkflowBuild : NukeBuild
{
    [Parameter("Metrics endpoint")] readonly Uri? MetricsUrl;
    public Target Go => _ => _.Executes(() => { });
}

[GitHubActions("typo", GitHubActionsImage.UbuntuLatest, On = [GitHubActionsTrigger.WorkflowDispatch], InvokedTargets = ["Compil"])]
internal sealed class MisspeltTargetWorkflowBuild : NukeBuild
{
    public Target Compile => _ => _.Executes(() => { });
}
