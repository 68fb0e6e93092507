using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pipeline.Build.Tests;

/// <summary>
/// Issue #14.6 through the real engine: two RunP95 started at the same moment in one root (two child processes
/// of the real build, each with its own PostgreSQL and reference API) both keep their evidence under distinct
/// names with their own run id; then two Summarize at once both keep their report, JSON and chart, each set
/// sharing one suffix.
/// </summary>
public sealed partial class ConcurrentRunsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pipeline-concurrent-").FullName;

    public ConcurrentRunsTests()
    {
        // The postgres account must reach the cluster folder under the root (a temp folder is 700).
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
        Directory.CreateDirectory(Path.Combine(_root, ".nuke"));
        var perf = Directory.CreateDirectory(Path.Combine(_root, "scripts", "perf")).FullName;
        // Latency thresholds out of reach of a loaded test machine: this test is about names, not speed.
        var scenario = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "scripts", "perf", "p95.scenario.json"));
        File.WriteAllText(Path.Combine(perf, "p95.scenario.json"), LatencyThreshold().Replace(scenario, "p(95)<600000"));
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task Two_RunP95_and_two_Summarize_started_together_both_keep_their_evidence()
    {
        if (!OperatingSystem.IsLinux()) return; // the embedded PostgreSQL's binaries

        var loads = await Task.WhenAll(Build("RunP95", "--engine", "builtin", "--allow-small-run", "--requests", "50"),
                                       Build("RunP95", "--engine", "builtin", "--allow-small-run", "--requests", "50"));
        Assert.All(loads, run => Assert.True(run.Exit == 0, $"RunP95 exited {run.Exit}:\n{run.Output}"));

        var ndjson = Reports("reports", "p95_k6_*.json").Where(f => !f.EndsWith(".summary.json", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, ndjson.Count);
        foreach (var stamp in ndjson.Select(f => Stamp(f, "p95_k6_", ".json")))
        {
            Assert.True(File.Exists(Path.Combine(_root, "reports", $"p95_k6_{stamp}.summary.json")), $"no summary for the NDJSON of {stamp}");
            Assert.True(File.Exists(Path.Combine(_root, "reports", $"p95-server-metrics-{stamp}-before.prom")), $"no 'before' snapshot for {stamp}");
            Assert.True(File.Exists(Path.Combine(_root, "reports", $"p95-server-metrics-{stamp}-after.prom")), $"no 'after' snapshot for {stamp}");
        }
        Assert.Equal(2, Reports("reports", "*.prom").Count / 2);
        // Each run recorded its own NDJSON under its own run id.
        var recorders = ndjson.Select(f => RunIdsRecording("reports/" + f)).ToList();
        Assert.All(recorders, ids => Assert.Single(ids));
        Assert.NotEqual(recorders[0].Single(), recorders[1].Single());
        Assert.All(ndjson, f => Assert.True(new FileInfo(Path.Combine(_root, "reports", f)).Length > 0, $"{f} is empty"));

        var summaries = await Task.WhenAll(ndjson.Select(f => Build("Summarize", "--results", Path.Combine(_root, "reports", f))));
        Assert.All(summaries, run => Assert.True(run.Exit == 0, $"Summarize exited {run.Exit}:\n{run.Output}"));

        var reports = Reports("reports", "metrics-p95-*.md");
        Assert.Equal(2, reports.Count);
        Assert.Equal(2, Reports("reports", "metrics-p95-*.json").Count);
        Assert.Equal(2, Reports(Path.Combine("docs", "screenshots"), "p95-dashboard-*.png").Count);
        var read = new List<string>();
        foreach (var stamp in reports.Select(f => Stamp(f, "metrics-p95-", ".md")))
        {
            var json = Path.Combine(_root, "reports", $"metrics-p95-{stamp}.json");
            Assert.True(File.Exists(json), $"no JSON beside metrics-p95-{stamp}.md");
            Assert.True(File.Exists(Path.Combine(_root, "docs", "screenshots", $"p95-dashboard-{stamp}.png")), $"no chart beside metrics-p95-{stamp}.md");
            read.Add(ndjson.Single(f => File.ReadAllText(json).Contains(f, StringComparison.Ordinal)));
        }
        // Each summary read its own NDJSON: the two reports are of the two runs, not one run twice.
        Assert.Equal(ndjson.Order(), read.Order());
    }

    private List<string> Reports(string folder, string pattern) =>
        Directory.GetFiles(Path.Combine(_root, folder), pattern).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();

    private static string Stamp(string fileName, string prefix, string extension) => fileName[prefix.Length..^extension.Length];

    /// <summary>The run ids whose ledger records the file as written.</summary>
    private List<string> RunIdsRecording(string relativePath) =>
        Directory.GetFiles(Path.Combine(_root, "reports", "runs"), "*.jsonl")
            .SelectMany(File.ReadLines)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(entry => entry.TryGetProperty("path", out var path) && path.GetString() == relativePath)
            .Select(entry => entry.GetProperty("run_id").GetString()!)
            .Distinct()
            .ToList();

    private async Task<(int Exit, string Output)> Build(params string[] arguments)
    {
        using var build = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "_build.dll"), .. arguments, "--root", _root])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root,
        })!;
        try
        {
            var output = build.StandardOutput.ReadToEndAsync();
            var errors = build.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await build.WaitForExitAsync(timeout.Token);
            return (build.ExitCode, await output + await errors);
        }
        finally
        {
            if (!build.HasExited) build.Kill(entireProcessTree: true);
        }
    }

    [GeneratedRegex(@"p\(95\)<\d+")]
    private static partial Regex LatencyThreshold();
}
