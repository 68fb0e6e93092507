// Scans one folder with the built-in scanner and prints one JSON line per finding (file, line, rule; never the
// value) followed by a summary line, for the benchmark script to score against the corpus' truth file.
using System.Diagnostics;
using System.Text.Json;
using Pipeline.Secrets.Scanning;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: SecretScanBench FOLDER [--threads N]");
    return 2;
}
var threads = args.Length >= 3 && args[1] == "--threads" ? int.Parse(args[2]) : Environment.ProcessorCount;
var scanner = SecretScanner.CreateDefault(new SecretScannerOptions { MaxDegreeOfParallelism = threads });
var watch = Stopwatch.StartNew();
var result = scanner.ScanDirectory(args[0]);
watch.Stop();
foreach (var finding in result.Findings)
    Console.WriteLine(JsonSerializer.Serialize(new { file = finding.File, line = finding.Line, rule = finding.RuleId }));
Console.WriteLine(JsonSerializer.Serialize(new
{
    summary = true,
    files = result.FilesScanned,
    bytes = result.BytesScanned,
    seconds = Math.Round(watch.Elapsed.TotalSeconds, 3),
    mib_per_second = Math.Round(result.BytesScanned / 1048576.0 / watch.Elapsed.TotalSeconds, 1),
    findings = result.Findings.Count,
    skipped = result.Skipped.Count,
    threads,
}));
return 0;
