using Pipeline.Core.Evidence;
using Pipeline.Core.Redaction;
using Pipeline.Core.Tools;
using Serilog;
using Spectre.Console;

namespace Pipeline.Core.Runs;

/// <summary>
/// The services every target's library runs with, passed to its <c>RunAsync(settings, context)</c>: where evidence goes,
/// how external tools start, where log lines and progress go, what time it is, where scratch files go, and when to stop.
/// The build creates one per target; tests create their own with the defaults below.
/// </summary>
public sealed class RunContext(
    EvidenceStore evidence,
    ILogger? log = null,
    IAnsiConsole? console = null,
    ToolRunner? tools = null,
    TimeProvider? clock = null,
    string? temporaryDirectory = null,
    CancellationToken cancellationToken = default)
{
    /// <summary>Names and writes evidence files (dated, atomic, redacted, recorded in the run ledger).</summary>
    public EvidenceStore Evidence { get; } = evidence;
    public ILogger Log { get; } = log ?? Serilog.Core.Logger.None;
    /// <summary>Progress bars and tables; a console that writes nothing when none is given.</summary>
    public IAnsiConsole Console { get; } = console ?? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
    public ToolRunner Tools { get; } = tools ?? new ToolRunner(log ?? Serilog.Core.Logger.None, evidence.Redactor);
    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;
    /// <summary>Scratch space (throwaway clusters, downloaded tools); defaults to .nuke/temp under the evidence root.</summary>
    public string TemporaryDirectory { get; } = temporaryDirectory ?? Path.Combine(evidence.Root, ".nuke", "temp");
    /// <summary>Cancelled on Ctrl-C: everything long-running takes it.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;
    /// <summary>The run's redactor: values registered here are masked in console, logs and evidence.</summary>
    public SecretRedactor Redactor => Evidence.Redactor;
}
