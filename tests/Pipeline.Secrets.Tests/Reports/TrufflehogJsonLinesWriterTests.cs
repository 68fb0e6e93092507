using System.Text.Json;
using Pipeline.Core.Redaction;
using Pipeline.Secrets.Adapters;
using Pipeline.Secrets.Reports;
using Pipeline.Secrets.Scanning;

namespace Pipeline.Secrets.Tests.Reports;

/// <summary>Our trufflehog-format report reads like trufflehog's own output, with masks in place of values.</summary>
public sealed class TrufflehogJsonLinesWriterTests
{
    [Fact]
    public void Lines_have_trufflehogs_fields_in_its_order_and_read_back_through_the_trufflehog_parser()
    {
        var findings = SecretScanner.CreateDefault(redactor: new SecretRedactor()).ScanDirectory(Fixtures.Corpus).Findings;
        var text = TrufflehogJsonLinesWriter.Write(findings);
        var realFirst = File.ReadLines(Fixtures.Path("trufflehog", "filesystem-scan.jsonl")).First();

        using var real = JsonDocument.Parse(realFirst);
        var realKeys = real.RootElement.EnumerateObject().Select(p => p.Name).Where(k => k != "SecretParts").ToList();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var ours = JsonDocument.Parse(line);
            Assert.Equal(realKeys, ours.RootElement.EnumerateObject().Select(p => p.Name).ToList());
            Assert.Contains("***[redacted:", ours.RootElement.GetProperty("Raw").GetString());
        }

        var reread = TrufflehogOutputParser.Parse(text, Fixtures.Corpus, new SecretRedactor());
        Assert.Equal(findings.Select(f => (f.File, f.Line, f.TrufflehogDetector)), reread.Select(f => (f.File, f.Line, f.TrufflehogDetector)));
    }
}
