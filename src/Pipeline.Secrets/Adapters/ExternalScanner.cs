using System.Diagnostics;
using Pipeline.Core.Redaction;
using Pipeline.Core.Tools;
using Pipeline.Secrets.Scanning;
using Serilog;

namespace Pipeline.Secrets.Adapters;

/// <summary>
/// Runs trufflehog or detect-secrets through Core's tool runner when present. Never throws for the tool's
/// sake: missing, failing, hanging or printing garbage each becomes an <see cref="EngineRun"/> with a message
/// saying what happened and what to do, so the built-in result always lands.
/// </summary>
internal sealed class ExternalScanner(ToolRunner runner, ILogger logger, SecretRedactor? redactor = null)
{
    private readonly SecretRedactor _redactor = redactor ?? SecretRedactor.Global;

    public Task<ExternalScanResult> RunTrufflehogAsync(
        ExternalEngineSettings settings, string root, bool verify, CancellationToken cancellationToken) =>
        RunAsync(TrufflehogOutputParser.Engine, settings, root,
            "Install it (https://github.com/trufflesecurity/trufflehog#installation) or pass --trufflehog-path; the built-in scanner covers its detectors meanwhile.",
            // Verification calls the providers' APIs over the internet: only when asked.
            ["filesystem", "--json", "--no-update", .. verify ? Array.Empty<string>() : ["--no-verification"], "."],
            new HashSet<int> { 0, 183 },
            stdout => TrufflehogOutputParser.Parse(stdout, root, _redactor),
            cancellationToken);

    public Task<ExternalScanResult> RunDetectSecretsAsync(
        ExternalEngineSettings settings, string root, CancellationToken cancellationToken) =>
        RunAsync(DetectSecretsOutputParser.Engine, settings, root,
            "Install it (pip install detect-secrets) or pass --detect-secrets-path; the built-in scanner covers its plugins meanwhile.",
            ["scan", "--all-files", "."],
            new HashSet<int> { 0 },
            stdout => DetectSecretsOutputParser.Parse(stdout, root),
            cancellationToken);

    private async Task<ExternalScanResult> RunAsync(string engine, ExternalEngineSettings settings, string root,
        string installHint, string[] arguments, IReadOnlySet<int> successCodes, Func<string, IReadOnlyList<SecretFinding>> parse,
        CancellationToken cancellationToken)
    {
        if (!settings.Enabled) return new(new EngineRun(engine, EngineStatus.NotFound, null, TimeSpan.Zero, 0, "turned off"), []);
        var executable = ToolLocator.Find(engine, settings.ExecutablePath, settings.SearchPath);
        if (executable is null)
        {
            var message = settings.ExecutablePath is null
                ? $"not found on PATH. {installHint}"
                : $"'{settings.ExecutablePath}' does not exist or is not executable. Fix the path or drop the option.";
            var status = settings.ExecutablePath is null ? EngineStatus.NotFound : EngineStatus.Failed;
            logger.Warning("{Engine}: {Message}", engine, message);
            return new(new EngineRun(engine, status, null, TimeSpan.Zero, 0, message), []);
        }

        var watch = Stopwatch.StartNew();
        var version = await runner.GetVersionAsync(executable, "--version", cancellationToken: cancellationToken);
        if (version?.StartsWith(engine + " ", StringComparison.OrdinalIgnoreCase) == true) version = version[(engine.Length + 1)..]; // "trufflehog 3.90.0"
        try
        {
            var result = await runner.RunAsync(new ToolCommand(executable, arguments)
            {
                WorkingDirectory = root,
                Timeout = settings.Timeout,
                SuccessExitCodes = successCodes,
                LogStandardOutput = false, // stdout carries raw secrets
            }, cancellationToken);
            var findings = parse(result.StandardOutput);
            logger.Information("{Engine} {Version}: {Count} finding(s) in {Seconds:0.00} s", engine, version, findings.Count, watch.Elapsed.TotalSeconds);
            return new(new EngineRun(engine, EngineStatus.Ran, version, watch.Elapsed, findings.Count), findings);
        }
        catch (Exception exception) when (exception is ToolException or FormatException)
        {
            var message = _redactor.Redact(exception.Message) + " The built-in scanner's findings are reported without it.";
            logger.Error("{Engine} failed: {Message}", engine, message);
            return new(new EngineRun(engine, EngineStatus.Failed, version, watch.Elapsed, 0, message), []);
        }
    }
}
