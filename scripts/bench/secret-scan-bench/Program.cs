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
// Written with Utf8JsonWriter: the serializer's start-up (reflection, generic code to compile) would be timed
// as if it were the scanner's.
using var output = Console.OpenStandardOutput();
using (var json = new Utf8JsonWriter(output))
{
    foreach (var finding in result!.Findings)
    {
        json.WriteStartObject();
        json.WriteString("file", finding.File);
        json.WriteNumber("line", finding.Line);
        json.WriteString("rule", finding.RuleId);
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
        json.Reset();
    }
    json.WriteStartObject();
    json.WriteBoolean("summary", true);
    json.WriteNumber("files", result.FilesScanned);
    json.WriteNumber("bytes", result.BytesScanned);
    json.WriteStartArray("seconds");
    foreach (var s in seconds) json.WriteNumberValue(s);
    json.WriteEndArray();
    json.WriteStartArray("mib_per_second");
    foreach (var s in seconds) json.WriteNumberValue(Math.Round(result.BytesScanned / 1048576.0 / s, 1));
    json.WriteEndArray();
    json.WriteNumber("findings", result.Findings.Count);
    json.WriteNumber("skipped", result.Skipped.Count);
    json.WriteNumber("threads", threads);
    json.WriteEndObject();
    json.Flush();
    output.WriteByte((byte)'\n');
}
return 0;
