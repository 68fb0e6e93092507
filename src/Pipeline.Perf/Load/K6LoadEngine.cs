using System.Globalization;
using Pipeline.Core.Tools;

namespace Pipeline.Perf.Load;

/// <summary>
/// Runs real k6 on scripts/perf/p95_local_test.js through Core's tool runner:
/// <c>k6 run --out json=… --summary-export=… p95_local_test.js</c>. k6 writes to <c>.partial</c> names that
/// are moved into place only when it finished, so a crashed run leaves no half-written evidence. Exit 99
/// (thresholds crossed) is a verdict; any other non-zero exit, a missing or malformed summary, or a
/// timeout is an error that says what happened.
/// </summary>
internal static class K6LoadEngine
{
    public const string InstallHint = "Install k6 (https://grafana.com/docs/k6/latest/set-up/install-k6/) or pass --k6-path; without k6 use --engine builtin.";

    public static async Task<K6RunOutcome> RunAsync(K6RunSettings settings, ToolRunner tools, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(settings.ScriptPath))
            throw new ToolException($"The k6 script '{settings.ScriptPath}' is missing; restore scripts/perf/p95_local_test.js from the repository.");

        var version = await tools.GetVersionAsync(settings.K6Executable, "version", cancellationToken: cancellationToken);
        var ndjsonPartial = settings.NdjsonPath + ".partial";
        var summaryPartial = settings.SummaryPath + ".partial";
        Directory.CreateDirectory(Path.GetDirectoryName(settings.NdjsonPath)!);

        var environment = new Dictionary<string, string?>
        {
            ["BASE_URL"] = settings.Target.BaseUri.ToString().TrimEnd('/'),
            ["SCENARIO_FILE"] = Path.GetFullPath(settings.ScenarioPath),
            ["REQUESTS"] = settings.Scenario.Requests.ToString(CultureInfo.InvariantCulture),
            ["CONCURRENCY"] = settings.Scenario.Concurrency.ToString(CultureInfo.InvariantCulture),
            ["K6_NO_USAGE_REPORT"] = "true",
        };
        if (!string.IsNullOrEmpty(settings.Target.Token)) environment["TOKEN"] = settings.Target.Token;

        List<string> arguments = ["run", "--quiet", "--out", $"json={ndjsonPartial}", $"--summary-export={summaryPartial}"];
        // k6 splits the run itself (striped iterations, scaled VUs); the tags name the run and the segment on every point.
        if (!settings.Shard.IsWhole)
            arguments.AddRange(["--execution-segment", settings.Shard.Segment, "--execution-segment-sequence", settings.Shard.Sequence]);
        foreach (var (name, value) in RunTags.For(settings.RunId, settings.Shard))
            arguments.AddRange(["--tag", $"{name}={value}"]);
        arguments.Add(settings.ScriptPath);
        var command = new ToolCommand(settings.K6Executable, arguments)
        {
            Timeout = settings.EffectiveTimeout,
            WorkingDirectory = settings.WorkingDirectory,
            Environment = environment,
            SuccessExitCodes = new HashSet<int> { 0, K6RunSettings.ThresholdsCrossedExitCode },
            BufferStandardOutput = false,
            LogStandardOutput = true,
        };

        try
        {
            var result = await tools.RunAsync(command, cancellationToken);
            if (!File.Exists(summaryPartial) || !File.Exists(ndjsonPartial))
                throw new ToolException($"k6 exited with {result.ExitCode} but did not write {(File.Exists(ndjsonPartial) ? "the summary export" : "the NDJSON (--out json)")}. " +
                                        "Check that this k6 supports --out json and --summary-export (k6 v0.47 does).");
            K6SummaryExport summary;
            try { summary = K6SummaryExport.Parse(await File.ReadAllTextAsync(summaryPartial, cancellationToken), "k6's summary export"); }
            catch (FormatException exception) { throw new ToolException($"{exception.Message} k6 may have crashed while writing it; run again.", exception); }

            // The paths are names the evidence store reserved: their empty create-new placeholders are replaced.
            File.Move(ndjsonPartial, settings.NdjsonPath, overwrite: true);
            File.Move(summaryPartial, settings.SummaryPath, overwrite: true);
            return new K6RunOutcome(summary, result.ExitCode == K6RunSettings.ThresholdsCrossedExitCode, result.ExitCode, version);
        }
        finally
        {
            TryDelete(ndjsonPartial);
            TryDelete(summaryPartial);
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
