using System.Linq.Expressions;
using Pipeline.Core.Evidence;
using Pipeline.Core.Redaction;
using Pipeline.Core.Tools;
using Serilog;

namespace Pipeline.Targets;

/// <summary>
/// Base class of a build: targets are <see cref="Target"/> properties, parameters are <c>[Parameter]</c> members.
/// The engine fills in the services below before the first target runs.
/// </summary>
public abstract class NukeBuild
{
    private AbsolutePath? _root;
    private string? _note;

    public AbsolutePath RootDirectory
    {
        get => _root ?? throw new InvalidOperationException("RootDirectory is set by the engine before targets run.");
        internal set => _root = value;
    }

    public AbsolutePath ReportsDirectory => RootDirectory / "reports";
    public AbsolutePath TemporaryDirectory => RootDirectory / ".nuke" / "temp";

    /// <summary>Names and writes evidence files (dated names, atomic, redacted, never overwritten).</summary>
    public EvidenceStore Evidence { get; internal set; } = null!;
    public ILogger Log { get; internal set; } = Serilog.Core.Logger.None;
    public ToolRunner Tools { get; internal set; } = null!;
    public SecretRedactor Redactor { get; internal set; } = SecretRedactor.Global;
    /// <summary>Cancelled on Ctrl-C; targets pass it to everything long-running.</summary>
    public CancellationToken CancellationToken { get; internal set; }
    /// <summary>The run's clock, so targets and tests agree on "today".</summary>
    public TimeProvider Clock { get; internal set; } = TimeProvider.System;
    /// <summary>Names of the build's <c>[Secret]</c> parameters (for the secrets inventory audit).</summary>
    public IReadOnlyList<string> SecretParameterNames { get; internal set; } = [];
    /// <summary>Non-secret parameters and their values as resolved for this run (for evidence manifests).</summary>
    public IReadOnlyDictionary<string, string> NonSecretParameters { get; internal set; } = new Dictionary<string, string>();
    /// <summary>Targets invoked on the command line (or the default).</summary>
    public IReadOnlyList<string> InvokedTargets { get; internal set; } = [];
    /// <summary>The log file of this run (reports/logs/build-*.clef).</summary>
    public string? LogFile { get; internal set; }

    /// <summary>Whether the user asked for this target (named it, or it is the default), as opposed to it running as a dependency.</summary>
    protected bool IsInvoked(string targetName) =>
        InvokedTargets.Any(t => BuildName.Normalize(t) == BuildName.Normalize(targetName));

    /// <summary>Sets the one-line note shown next to the running target in the end-of-run summary.</summary>
    protected void Note(string text) => _note = text;

    /// <summary>NUKE's hook, called when a target's actions start; the evidence store learns which target writes.</summary>
    protected internal virtual void OnTargetRunning(string target) => Evidence.BeginTarget(target, NonSecretParameters);

    /// <summary>NUKE's hook, called when a target's actions completed.</summary>
    protected internal virtual void OnTargetSucceeded(string target) => Evidence.EndTarget(target, succeeded: true);

    /// <summary>NUKE's hook, called when a target failed or was aborted.</summary>
    protected internal virtual void OnTargetFailed(string target) => Evidence.EndTarget(target, succeeded: false);

    internal string? TakeNote()
    {
        var note = _note;
        _note = null;
        return note;
    }

    /// <summary>The entry point: <c>public static int Main() => Execute&lt;Build&gt;(x => x.Default);</c></summary>
    protected static int Execute<T>(Expression<Func<T, Target>> defaultTarget) where T : NukeBuild, new() =>
        BuildHost.Run(new T(), DefaultTargetName(defaultTarget), BuildHostOptions.FromProcess());

    internal static string DefaultTargetName<T>(Expression<Func<T, Target>> defaultTarget) =>
        defaultTarget.Body is MemberExpression member ? member.Member.Name
            : throw new ArgumentException("The default target must be a target property, as in x => x.Test.");
}
