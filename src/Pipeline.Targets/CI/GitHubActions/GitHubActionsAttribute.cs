namespace Pipeline.Targets.CI.GitHubActions;

/// <summary>
/// One GitHub Actions workflow, <c>.github/workflows/&lt;name&gt;.yml</c>, written by <c>./build.sh --generate-configuration</c>
/// (property names follow NUKE's attribute). Every job step that does work is a <c>./build.sh</c> command; what a job
/// uploads comes from the <c>Produces</c> globs of the targets it runs, so a new evidence file needs no YAML change.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class GitHubActionsAttribute(string name, GitHubActionsImage image, params GitHubActionsImage[] images) : Attribute
{
    /// <summary>The workflow's name and file name.</summary>
    public string Name { get; } = name;
    /// <summary>One job per image (sharding needs exactly one).</summary>
    public IReadOnlyList<GitHubActionsImage> Images { get; } = [image, .. images];

    /// <summary>What the workflow is for: the file's header comment.</summary>
    public string Description { get; set; } = "";

    public GitHubActionsTrigger[] On { get; set; } = [];
    public string[] OnPushBranches { get; set; } = [];
    public string[] OnPullRequestBranches { get; set; } = [];
    /// <summary>A cron expression, in UTC.</summary>
    public string? OnCronSchedule { get; set; }
    /// <summary>Build parameters offered as optional workflow_dispatch inputs; each reaches its parameter through the environment.</summary>
    public string[] OnWorkflowDispatchOptionalInputs { get; set; } = [];

    /// <summary>One step each, in order: a target name, optionally followed by its arguments ("ScanSecrets --fail-on new").</summary>
    public string[] InvokedTargets { get; set; } = [];
    /// <summary>Run every invoked target's step even when an earlier one failed (the job still fails): a scan after failed tests.</summary>
    public bool ContinueAfterFailedTarget { get; set; }

    /// <summary>
    /// <c>[Secret]</c> or <see cref="Uri"/> parameters read from repository secrets named <see cref="ImportPrefix"/> + CONSTANT_CASE
    /// name, through the environment only. A URL may carry credentials: GitHub masks only <c>secrets.*</c> in the job log,
    /// and the build masks the URL's userinfo and secret query values in its own output.
    /// </summary>
    public string[] ImportSecrets { get; set; } = [];
    /// <summary>Non-secret parameters read from repository variables (<c>vars.</c>) named like <see cref="ImportSecrets"/>.</summary>
    public string[] ImportVariables { get; set; } = [];
    /// <summary>Prefix of the repository secret and variable names, e.g. "STAGING_" (TOKEN -> STAGING_TOKEN).</summary>
    public string ImportPrefix { get; set; } = "";
    /// <summary>Imported parameters without which the workflow must fail at once rather than fall back to a local default.</summary>
    public string[] RequiredImports { get; set; } = [];

    public int TimeoutMinutes { get; set; } = 60;
    /// <summary>Default: the workflow's name (one run at a time).</summary>
    public string? ConcurrencyGroup { get; set; }
    public bool ConcurrencyCancelInProgress { get; set; }
    /// <summary>Scopes granted write access; <c>contents: read</c> is always granted.</summary>
    public GitHubActionsPermissions[] WritePermissions { get; set; } = [];
    public GitHubActionsPermissions[] ReadPermissions { get; set; } = [];

    /// <summary>Upload what the job's targets produce, and the build log, even when a target failed.</summary>
    public bool PublishArtifacts { get; set; } = true;
    /// <summary>0: the repository's default retention.</summary>
    public int ArtifactRetentionDays { get; set; }
    /// <summary>Files kept from one run to the next (restored before the targets run, saved after).</summary>
    public string[] CachePaths { get; set; } = [];
    /// <summary>Make sure the PostgreSQL server binaries the drills and the reference API start are installed.</summary>
    public bool PostgreSql { get; set; }
    /// <summary>Attach the files the invoked targets themselves produce to the release that started the run.</summary>
    public bool PublishToRelease { get; set; }
    /// <summary>A GitHub build-provenance attestation of the files the invoked targets themselves produce.</summary>
    public bool AttestProvenance { get; set; }

    /// <summary>A target that can be spread over machines with <c>--shard i/N --run-id ID</c>; adds a <c>shards</c> input.</summary>
    public string? ShardedTarget { get; set; }
    /// <summary>Largest number of shards offered by the <c>shards</c> input.</summary>
    public int MaxShards { get; set; } = 1;
    /// <summary>Run after all shards, with every shard's uploads downloaded to <c>shards/&lt;artifact&gt;/</c>.</summary>
    public string? ShardMergeCommand { get; set; }
}
