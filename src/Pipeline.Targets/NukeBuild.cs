using System.Linq.Expressions;

namespace Pipeline.Targets;

/// <summary>
/// Base class of a build: targets are <see cref="Target"/> properties, parameters are <c>[Parameter]</c> members.
/// Its surface keeps NUKE's names (a test holds build/ to them); what NUKE does not have is listed in README's
/// "Moving to Nuke.Common". Application services (evidence, tools) are the build's own, created in
/// <see cref="OnBuildInitialized"/>; log through Serilog's static <c>Log</c>, as in NUKE.
/// </summary>
public abstract class NukeBuild
{
    private AbsolutePath? _root;
    private Dictionary<string, string>? _summary;

    public AbsolutePath RootDirectory
    {
        get => _root ?? throw new InvalidOperationException("RootDirectory is set by the engine before targets run.");
        internal set => _root = value;
    }

    public AbsolutePath TemporaryDirectory => RootDirectory / ".nuke" / "temp";

    /// <summary>Cancelled on Ctrl-C; targets pass it to everything long-running. (Not in NUKE.)</summary>
    public CancellationToken CancellationToken { get; internal set; }

    /// <summary>Targets invoked on the command line (or the default), as opposed to running as a dependency.</summary>
    public IReadOnlyCollection<ExecutableTarget> InvokedTargets { get; internal set; } = [];

    /// <summary>The parameters as resolved for this run, secrets and URL credentials masked. (Not in NUKE.)</summary>
    public IReadOnlyList<ResolvedParameter> ResolvedParameters { get; internal set; } = [];

    /// <summary>NUKE's: the running target's lines in the end-of-run summary.</summary>
    public void ReportSummary(Configure<Dictionary<string, string>>? configurator = null) =>
        _summary = configurator?.Invoke(new Dictionary<string, string>()) ?? [];

    /// <summary>NUKE's hook: parameters are resolved and logging is set up; no target has run yet.</summary>
    protected internal virtual void OnBuildInitialized() { }

    /// <summary>NUKE's hook, called when a target's actions start.</summary>
    protected internal virtual void OnTargetRunning(string target) { }

    /// <summary>NUKE's hook, called when a target's actions completed.</summary>
    protected internal virtual void OnTargetSucceeded(string target) { }

    /// <summary>NUKE's hook, called when a target failed or was aborted.</summary>
    protected internal virtual void OnTargetFailed(string target) { }

    /// <summary>NUKE's hook, called after the last target, before the summary (also after a failure).</summary>
    protected internal virtual void OnBuildFinished() { }

    /// <summary>The summary lines a target reported: one value alone, several as "key: value".</summary>
    internal string? TakeSummary()
    {
        var summary = _summary;
        _summary = null;
        return summary is null || summary.Count == 0 ? null
            : summary.Count == 1 ? summary.Single().Value
            : string.Join("; ", summary.Select(pair => $"{pair.Key}: {pair.Value}"));
    }

    /// <summary>The entry point: <c>public static int Main() => Execute&lt;Build&gt;(x => x.Default);</c></summary>
    protected static int Execute<T>(Expression<Func<T, Target>> defaultTarget) where T : NukeBuild, new() =>
        BuildHost.Run(new T(), DefaultTargetName(defaultTarget), BuildHostOptions.FromProcess());

    internal static string DefaultTargetName<T>(Expression<Func<T, Target>> defaultTarget) =>
        defaultTarget.Body is MemberExpression member ? member.Member.Name
            : throw new ArgumentException("The default target must be a target property, as in x => x.Test.");
}
