using Pipeline.Core.Naming;

namespace Pipeline.Targets.CI.GitHubActions;

/// <summary>
/// Turns one <see cref="GitHubActionsAttribute"/> into its workflow: triggers, permissions, jobs and steps.
/// Parameters reach the build only through step environments (secrets never appear on a command line), and
/// uploads, release assets and attestations come from the targets' <c>Produces</c> globs.
/// </summary>
internal sealed class GitHubActionsWorkflow(GitHubActionsAttribute workflow, TargetGraph graph, IReadOnlyList<BuildParameter> parameters, string root)
{
    private const string ShardsInput = "shards";
    private const string BuildLogs = "reports/logs/";
    private static readonly string SingleShard = $"(inputs.{ShardsInput} || '1') == '1'", Sharded = $"(inputs.{ShardsInput} || '1') != '1'";
    private bool IsSharded => workflow.ShardedTarget is not null;

    public string RelativePath => $".github/workflows/{workflow.Name}.yml";

    public string Generate()
    {
        Validate();
        var document = new YamlMap
        {
            { "name", workflow.Name },
            { "on", Triggers() },
            { "permissions", Permissions() },
            { "concurrency", new YamlMap
                {
                    { "group", workflow.ConcurrencyGroup ?? workflow.Name },
                    { "cancel-in-progress", workflow.ConcurrencyCancelInProgress },
                } },
            { "jobs", Jobs() },
        };
        var header = workflow.Description.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => "# " + line.Trim())
            .Append($"# Generated from the build's [GitHubActions(\"{workflow.Name}\")] attribute: edit the attribute, then run")
            .Append($"# `{GitHubActionsGenerator.Command}` (a test fails while this file and the build disagree).");
        return string.Join("\n", header) + "\n\n" + YamlText.Write(document);
    }

    private void Validate()
    {
        string Where(string property) => $"[GitHubActions(\"{workflow.Name}\")] {property}";
        if (workflow.InvokedTargets.Length == 0) throw new BuildSetupException($"{Where("InvokedTargets")} is empty: name the targets the workflow runs.");
        foreach (var command in workflow.InvokedTargets.Append(workflow.ShardedTarget).Append(workflow.ShardMergeCommand).OfType<string>())
            TargetOf(command);
        foreach (var name in workflow.OnWorkflowDispatchOptionalInputs.Concat(workflow.ImportSecrets).Concat(workflow.ImportVariables).Concat(workflow.RequiredImports))
            ParameterOf(name, Where("names"));
        // A Uri parameter may come from a secret: its value can carry credentials, which the build masks anyway.
        foreach (var name in workflow.ImportSecrets.Where(n => ParameterOf(n, "") is { IsSecret: false } p && p.Type != typeof(Uri)))
            throw new BuildSetupException($"{Where("ImportSecrets")}: {name} is neither a [Secret] nor a Uri parameter, so its value would not be masked; import it with ImportVariables or mark it [Secret].");
        foreach (var name in workflow.ImportVariables.Where(n => ParameterOf(n, "").IsSecret))
            throw new BuildSetupException($"{Where("ImportVariables")}: {name} is a [Secret] parameter; import it with ImportSecrets.");
        foreach (var name in workflow.RequiredImports.Where(n => !workflow.ImportSecrets.Concat(workflow.ImportVariables).Contains(n)))
            throw new BuildSetupException($"{Where("RequiredImports")}: {name} is not imported; add it to ImportSecrets or ImportVariables.");
        if (IsSharded && (workflow.MaxShards < 2 || workflow.ShardMergeCommand is null || workflow.Images.Count != 1))
            throw new BuildSetupException($"{Where("ShardedTarget")} needs MaxShards >= 2, a ShardMergeCommand and exactly one image.");
    }

    private TargetNode TargetOf(string command) =>
        graph.Find(command.Split(' ', 2)[0]) ?? throw ExecutionPlan.UnknownTarget(graph, command.Split(' ', 2)[0]);

    private BuildParameter ParameterOf(string name, string where) =>
        parameters.FirstOrDefault(p => BuildName.Normalize(p.Name) == BuildName.Normalize(name))
        ?? throw new BuildSetupException($"{where} {name}, which is not a parameter of the build.");

    private YamlMap Triggers()
    {
        var on = new YamlMap();
        if (workflow.OnPushBranches.Length > 0) on.Add("push", new YamlMap { { "branches", workflow.OnPushBranches } });
        if (workflow.OnPullRequestBranches.Length > 0) on.Add("pull_request", new YamlMap { { "branches", workflow.OnPullRequestBranches } });
        else if (workflow.On.Contains(GitHubActionsTrigger.PullRequest)) on.Add("pull_request", new YamlMap());
        if (workflow.OnCronSchedule is not null) on.Add("schedule", new[] { new YamlMap { { "cron", workflow.OnCronSchedule } } });
        if (workflow.On.Contains(GitHubActionsTrigger.WorkflowDispatch) || workflow.OnWorkflowDispatchOptionalInputs.Length > 0 || IsSharded)
            on.Add("workflow_dispatch", Inputs() is { Count: > 0 } inputs ? new YamlMap { { "inputs", inputs } } : new YamlMap());
        if (workflow.On.Contains(GitHubActionsTrigger.ReleasePublished)) on.Add("release", new YamlMap { { "types", new[] { "published" } } });
        if (on.Count == 0) throw new BuildSetupException($"[GitHubActions(\"{workflow.Name}\")] has no trigger: set On, OnPushBranches, OnPullRequestBranches or OnCronSchedule.");
        return on;
    }

    private YamlMap Inputs()
    {
        var inputs = new YamlMap();
        foreach (var parameter in workflow.OnWorkflowDispatchOptionalInputs.Select(n => ParameterOf(n, "")))
        {
            var type = Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type;
            var input = new YamlMap { { "description", parameter.Description }, { "required", false } };
            if (type == typeof(bool)) input.Add("type", "boolean");
            else if (type.IsEnum) { input.Add("type", "choice"); input.Add("options", Enum.GetNames(type).Select(KebabCase.From).ToArray()); }
            else if (type == typeof(int) || type == typeof(double)) input.Add("type", "number");
            else input.Add("type", "string");
            inputs.Add(InputId(parameter), input);
        }
        if (IsSharded)
            inputs.Add(ShardsInput, new YamlMap
            {
                { "description", $"Machines the {workflow.ShardedTarget} run is spread over (1: one job runs everything)" },
                { "required", false }, { "type", "choice" },
                { "options", Enumerable.Range(1, workflow.MaxShards).Select(i => i.ToString()).ToArray() }, { "default", "1" },
            });
        return inputs;
    }

    private static string InputId(BuildParameter parameter) => KebabCase.From(parameter.Name).Replace('-', '_');

    private YamlMap Permissions()
    {
        var permissions = new YamlMap();
        foreach (var scope in Enum.GetValues<GitHubActionsPermissions>())
        {
            var level = workflow.WritePermissions.Contains(scope) ? "write"
                : workflow.ReadPermissions.Contains(scope) || scope == GitHubActionsPermissions.Contents ? "read" : null;
            permissions.Add(KebabCase.From(scope.ToString()), level);
        }
        return permissions;
    }

    private YamlMap Jobs()
    {
        var jobs = new YamlMap();
        foreach (var image in workflow.Images)
        {
            var artifact = workflow.Images.Count > 1 ? $"{workflow.Name}-{Label(image)}-${{{{ github.run_number }}}}" : $"{workflow.Name}-${{{{ github.run_number }}}}";
            var steps = Prelude(postgreSql: workflow.PostgreSql).Concat(CacheRestore())
                .Concat(workflow.InvokedTargets.Select((command, i) => BuildStep(command, alwaysRun: i > 0 && workflow.ContinueAfterFailedTarget)))
                .Concat(CacheSave()).Concat(Upload(artifact, workflow.InvokedTargets)).Concat(CodeScanning()).Concat(Attestation()).Concat(ReleaseAssets());
            jobs.Add(Label(image), Job(image, IsSharded ? $"${{{{ {SingleShard} }}}}" : null, steps));
        }
        if (!IsSharded) return jobs;

        var lists = Enumerable.Range(1, workflow.MaxShards).Select(n => $"\"{n}\":[{string.Join(",", Enumerable.Range(1, n))}]");
        var strategy = new YamlMap
        {
            { "fail-fast", false }, // the merge names a failed shard; the others still bring their results
            { "matrix", new YamlMap { { "shard", $"${{{{ fromJSON('{{{string.Join(",", lists)}}}')[inputs.{ShardsInput} || '1'] }}}}" } } },
        };
        jobs.Add("shards", Job(workflow.Images[0], $"${{{{ {Sharded} }}}}", Prelude(workflow.PostgreSql)
                .Append(BuildStep($"{workflow.ShardedTarget} --shard ${{{{ matrix.shard }}}}/${{{{ inputs.{ShardsInput} }}}} --run-id ${{{{ github.run_id }}}}-${{{{ github.run_attempt }}}}", alwaysRun: false))
                .Concat(Upload($"{workflow.Name}-shard-${{{{ matrix.shard }}}}", [workflow.ShardedTarget!])), strategy: strategy));

        jobs.Add("merge-shards", Job(workflow.Images[0], $"${{{{ !cancelled() && {Sharded} }}}}", Prelude(postgreSql: false)
                .Append(new YamlMap
                {
                    { "name", "Download every shard's results" }, { "uses", "actions/download-artifact@v4" },
                    { "with", new YamlMap { { "pattern", $"{workflow.Name}-shard-*" }, { "path", "shards" } } },
                })
                .Append(BuildStep(workflow.ShardMergeCommand!, alwaysRun: false))
                .Concat(Upload($"{workflow.Name}-${{{{ github.run_number }}}}", [workflow.ShardMergeCommand!])), needs: ["shards"]));
        return jobs;
    }

    private YamlMap Job(GitHubActionsImage image, string? condition, IEnumerable<YamlMap> steps, string[]? needs = null, YamlMap? strategy = null)
    {
        var job = new YamlMap { { "needs", needs }, { "runs-on", Label(image) } };
        job.Add("if", condition);
        job.Add("strategy", strategy);
        job.Add("timeout-minutes", workflow.TimeoutMinutes);
        job.Add("steps", steps.ToList());
        return job;
    }

    private static string Label(GitHubActionsImage image) => image switch
    {
        GitHubActionsImage.Ubuntu2404 => "ubuntu-24.04",
        GitHubActionsImage.Ubuntu2204 => "ubuntu-22.04",
        GitHubActionsImage.MacOsLatest => "macos-latest",
        _ => KebabCase.From(image.ToString()),
    };

    private IEnumerable<YamlMap> Prelude(bool postgreSql)
    {
        yield return new YamlMap { { "uses", "actions/checkout@v4" } };
        yield return new YamlMap { { "uses", "actions/setup-dotnet@v4" }, { "with", new YamlMap { { "global-json-file", "global.json" } } } };
        if (postgreSql)
            yield return new YamlMap
            {
                { "name", "PostgreSQL server binaries (the drills and the reference API start throwaway clusters; 15 preferred, the newest installed otherwise)" },
                { "run", "ls -d /usr/lib/postgresql/*/bin 2>/dev/null || (sudo apt-get update -qq && sudo apt-get install -y -qq postgresql)" },
            };
        foreach (var name in workflow.RequiredImports)
        {
            var (_, variable, source) = Imports().First(i => BuildName.Normalize(i.Parameter) == BuildName.Normalize(name));
            // Fails before any target runs: without the value the build would quietly check a local stand-in instead.
            yield return new YamlMap
            {
                { "name", $"Require {source}" },
                { "env", new YamlMap { { variable, Expression(source) } } },
                { "run", $"if [ -z \"${variable}\" ]; then\n  echo \"::error::The repository {(source.StartsWith("secrets.") ? "secret" : "variable")} {source.Split('.')[1]} is not set (Settings > Secrets and variables > Actions).\"\n  exit 1\nfi\n" },
            };
        }
    }

    private YamlMap BuildStep(string command, bool alwaysRun)
    {
        var step = new YamlMap { { "name", command.Split(' ', 2)[0] } };
        step.Add("if", alwaysRun ? "${{ !cancelled() }}" : null);
        var environment = Environment();
        step.Add("env", environment.Count > 0 ? environment : null);
        step.Add("run", $"./build.sh {command}");
        return step;
    }

    // Each parameter's environment variable, fed from the dispatch input first, then the repository secret or variable.
    private YamlMap Environment()
    {
        var environment = new YamlMap();
        var names = workflow.OnWorkflowDispatchOptionalInputs.Concat(workflow.ImportSecrets).Concat(workflow.ImportVariables)
            .Select(n => ParameterOf(n, "")).Distinct();
        foreach (var parameter in names)
        {
            var sources = new List<string>();
            if (workflow.OnWorkflowDispatchOptionalInputs.Any(n => BuildName.Normalize(n) == BuildName.Normalize(parameter.Name)))
                sources.Add($"inputs.{InputId(parameter)}");
            sources.AddRange(Imports().Where(i => i.Parameter == parameter.Name).Select(i => i.Source));
            environment.Add(BuildName.ToConstantCase(parameter.Name), $"${{{{ {string.Join(" || ", sources)} }}}}");
        }
        return environment;
    }

    /// <summary>Imported parameters: their environment variable and the secret or variable feeding it.</summary>
    private IEnumerable<(string Parameter, string Variable, string Source)> Imports() =>
        workflow.ImportSecrets.Select(n => (ParameterOf(n, "").Name, Context: "secrets."))
            .Concat(workflow.ImportVariables.Select(n => (ParameterOf(n, "").Name, Context: "vars.")))
            .Select(x => (x.Name, BuildName.ToConstantCase(x.Name), x.Context + workflow.ImportPrefix + BuildName.ToConstantCase(x.Name)));

    private static string Expression(string source) => $"${{{{ {source} }}}}";

    private IEnumerable<YamlMap> CacheRestore()
    {
        if (workflow.CachePaths.Length == 0) yield break;
        yield return new YamlMap
        {
            { "name", "Restore what the previous run kept" }, { "uses", "actions/cache/restore@v4" },
            { "with", new YamlMap { { "path", Lines(workflow.CachePaths) }, { "key", CacheKey }, { "restore-keys", $"{workflow.Name}-" } } },
        };
    }

    private IEnumerable<YamlMap> CacheSave()
    {
        if (workflow.CachePaths.Length == 0) yield break;
        yield return new YamlMap
        {
            { "name", "Keep it for the next run" },
            { "if", $"${{{{ always() && hashFiles({string.Join(", ", workflow.CachePaths.Select(p => $"'{p}'"))}) != '' }}}}" },
            { "uses", "actions/cache/save@v4" },
            { "with", new YamlMap { { "path", Lines(workflow.CachePaths) }, { "key", CacheKey } } },
        };
    }

    private string CacheKey => $"{workflow.Name}-${{{{ github.run_id }}}}";

    private IEnumerable<YamlMap> Upload(string artifact, IReadOnlyList<string> commands)
    {
        if (!workflow.PublishArtifacts) yield break;
        var with = new YamlMap { { "name", artifact }, { "path", Lines(ProducedBy(commands, withDependencies: true).Append(BuildLogs).Distinct()) } };
        if (workflow.ArtifactRetentionDays > 0) with.Add("retention-days", workflow.ArtifactRetentionDays);
        with.Add("if-no-files-found", "warn");
        yield return new YamlMap { { "name", "Upload what the targets produced" }, { "if", "${{ always() }}" }, { "uses", "actions/upload-artifact@v4" }, { "with", with } };
    }

    // SARIF among the produced files goes to code scanning when the workflow may write security events. A pull request
    // from a fork gets a read-only token: the upload is skipped there, and never fails the job (code scanning may be off).
    private IEnumerable<YamlMap> CodeScanning()
    {
        if (!workflow.WritePermissions.Contains(GitHubActionsPermissions.SecurityEvents)) yield break;
        foreach (var sarif in ProducedBy(workflow.InvokedTargets, withDependencies: true).Where(p => p.EndsWith(".sarif")))
            yield return new YamlMap
            {
                { "name", "Send the SARIF report to code scanning" },
                { "if", $"${{{{ !cancelled() && hashFiles('{sarif}') != '' && (github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository) }}}}" },
                { "continue-on-error", true },
                { "uses", "github/codeql-action/upload-sarif@v3" },
                { "with", new YamlMap { { "sarif_file", FolderOf(sarif) }, { "category", workflow.Name } } },
            };
    }

    private IEnumerable<YamlMap> Attestation()
    {
        if (!workflow.AttestProvenance) yield break;
        yield return new YamlMap
        {
            { "name", "Attest the provenance of what the targets produced" }, { "uses", "actions/attest-build-provenance@v2" },
            { "with", new YamlMap { { "subject-path", Lines(ProducedBy(workflow.InvokedTargets, withDependencies: false)) } } },
        };
    }

    private IEnumerable<YamlMap> ReleaseAssets()
    {
        if (!workflow.PublishToRelease) yield break;
        yield return new YamlMap
        {
            { "name", "Attach what the targets produced to the release" },
            { "if", "${{ github.event_name == 'release' }}" },
            { "env", new YamlMap { { "GH_TOKEN", "${{ github.token }}" }, { "TAG", "${{ github.event.release.tag_name }}" } } },
            { "run", $"gh release upload \"$TAG\" {string.Join(" ", ProducedBy(workflow.InvokedTargets, withDependencies: false))} --clobber" },
        };
    }

    /// <summary>The Produces globs, relative to the repository, of the commands' targets (and of what they depend on).</summary>
    private IEnumerable<string> ProducedBy(IEnumerable<string> commands, bool withDependencies)
    {
        var targets = commands.Select(TargetOf).ToList();
        var nodes = withDependencies ? ExecutionPlan.Create(graph, targets.Select(t => t.Name).ToList(), null).Order : targets;
        return nodes.SelectMany(n => n.Produces)
            .Select(p => Path.GetRelativePath(root, Path.GetFullPath(p, root)).Replace('\\', '/'))
            .Distinct();
    }

    private static string FolderOf(string glob)
    {
        var parts = glob.Split('/');
        return string.Join("/", parts.TakeWhile(p => !p.Contains('*')).Take(parts.Length - 1)) is { Length: > 0 } folder ? folder : ".";
    }

    private static string Lines(IEnumerable<string> values) => string.Join("\n", values) + "\n";
}
