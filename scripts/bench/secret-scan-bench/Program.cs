// Scans one folder with the built-in scanner and prints one JSON line per finding (file, line, rule; never the
// value) followed by a summary line, for the benchmark script to score against the corpus' truth file.
// With --runs 2 the folder is scanned twice in the process: the second run shows the warm steady state
// (code already compiled, every secret already registered with the redactor).
using System.Diagnostics;
using System.Text.Json;
using Pipeline.Secrets.Scanning;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: SecretScanBench FOLDER [--threads N] [--runs N]");
    return 2;
}
int Option(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
var threads = Option("--threads", Environment.ProcessorCount);
var runs = Option("--runs", 1);
var scanner = SecretScanner.CreateDefault(new SecretScannerOptions { MaxDegreeOfParallelism = threads });
var seconds = new List<double>();
DirectoryScanResult? result = null;
for (var run = 0; run < runs; run++)
{
    var watch = Stopwatch.StartNew();
    result = scanner.ScanDirectory(args[0]);
    seconds.Add(Math.Round(watch.Elapsed.TotalSeconds, 3));
}
foreach (var finding in result!.Findings)
    Console.WriteLine(JsonSerializer.Serialize(new { file = finding.File, line = finding.Line, rule = finding.RuleId }));
Console.WriteLine(JsonSerializer.Serialize(new
{
    summary = true,
    files = result.FilesScanned,
    bytes = result.BytesScanned,
    seconds,
    mib_per_second = seconds.Select(s => Math.Round(result.BytesScanned / 1048576.0 / s, 1)).ToList(),
    findings = result.Findings.Count,
    skipped = result.Skipped.Count,
    threads,
}));
return 0;
