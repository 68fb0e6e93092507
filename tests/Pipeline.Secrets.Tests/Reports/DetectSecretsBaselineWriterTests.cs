using System.Text.Json;
using Pipeline.Core.Redaction;
using Pipeline.Secrets.Baseline;
using Pipeline.Secrets.Reports;
using Pipeline.Secrets.Scanning;

namespace Pipeline.Secrets.Tests.Reports;

/// <summary>The detect-secrets baseline we write is the format detect-secrets 1.5.0 writes, and reads back.</summary>
public sealed class DetectSecretsBaselineWriterTests
{
    private static readonly string FixturePath = Fixtures.Path("detect-secrets", "baseline-v1.5.0-real.json");

    [Fact]
    public void Rewriting_the_real_baseline_reproduces_it_byte_for_byte()
    {
        var fixture = File.ReadAllText(FixturePath);
        var generatedAt = DateTimeOffset.Parse("2026-11-25T22:28:04Z");
        var written = DetectSecretsBaselineWriter.Write(SecretsBaseline.Load(FixturePath), generatedAt);
        Assert.Equal(fixture.TrimEnd(), written.TrimEnd());
    }

    [Fact]
    public void A_report_from_a_scan_has_the_real_layout_key_for_key_and_round_trips()
    {
        var findings = SecretScanner.CreateDefault(redactor: new SecretRedactor()).ScanDirectory(Fixtures.Corpus).Findings;
        var text = DetectSecretsBaselineWriter.Write(new SecretsBaseline(SecretsBaseline.EntriesFor(findings).ToList()), DateTimeOffset.UtcNow);

        using var ours = JsonDocument.Parse(text);
        using var real = JsonDocument.Parse(File.ReadAllText(FixturePath));
        Assert.Equal(Keys(real.RootElement), Keys(ours.RootElement));
        Assert.Equal(real.RootElement.GetProperty("plugins_used").GetRawText(), ours.RootElement.GetProperty("plugins_used").GetRawText());
        Assert.Equal(real.RootElement.GetProperty("filters_used").GetRawText(), ours.RootElement.GetProperty("filters_used").GetRawText());
        var realEntry = real.RootElement.GetProperty("results").EnumerateObject().First().Value[0];
        foreach (var file in ours.RootElement.GetProperty("results").EnumerateObject())
        foreach (var entry in file.Value.EnumerateArray())
        {
            Assert.Equal(Keys(realEntry), Keys(entry));
            Assert.Equal(file.Name, entry.GetProperty("filename").GetString());
        }
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", ours.RootElement.GetProperty("generated_at").GetString());

        var reread = SecretsBaseline.Parse(text, "report");
        Assert.All(findings, f => Assert.True(reread.Contains(f), $"{f.File}:{f.Line} {f.RuleId} does not round-trip"));
        Assert.Equal(findings.Count, reread.Entries.Count);
    }

    [Fact]
    public void A_baseline_written_by_detect_secrets_accepts_our_findings_of_the_same_secrets()
    {
        var baseline = SecretsBaseline.Load(FixturePath);
        var findings = SecretScanner.CreateDefault(redactor: new SecretRedactor()).ScanDirectory(Fixtures.Corpus).Findings;
        var accepted = findings.Where(baseline.Contains).Select(f => $"{f.File}:{f.Line}").ToList();
        // Every built-in finding on the corpus is accepted by the baseline detect-secrets itself wrote for it.
        Assert.Contains("src/app.py:2", accepted);
        Assert.Contains("src/app.py:3", accepted);
        Assert.Contains("config/id_rsa.pem:1", accepted);
        Assert.Contains("config/appsettings.json:6", accepted);
        Assert.Equal("", string.Join(" ", findings.Where(f => !baseline.Contains(f)).Select(f => $"{f.File}:{f.Line}")));
    }

    [Fact]
    public void Updating_keeps_existing_entries_and_audit_flags_and_adds_only_new_findings()
    {
        var existing = new SecretsBaseline([new BaselineEntry("Secret Keyword", "a.txt", new string('a', 40), false, 3) { IsSecret = false }]);
        var finding = SecretScanner.CreateDefault(redactor: new SecretRedactor()).ScanText("b.env", "GITHUB_TOKEN=" + PlantedSecrets.GitHubToken(new Random(1))).Single();
        var updated = existing.With([finding]).With([finding]);
        Assert.Equal(2, updated.Entries.Count);
        Assert.False(updated.Entries[0].IsSecret);
        Assert.True(updated.Contains(finding));
        Assert.Contains("\"is_secret\": false", DetectSecretsBaselineWriter.Write(updated, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void A_malformed_baseline_is_a_clear_error_that_says_how_to_recover()
    {
        var path = Path.Combine(Fixtures.TempFolder(), ".secrets.baseline");
        File.WriteAllText(path, "{\"version\": \"1.5.0\", \"results\": [1, 2]}");
        var error = Assert.Throws<Pipeline.Core.Errors.UserInputException>(() => SecretsBaseline.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("--update-baseline", error.Message);
        Assert.Empty(SecretsBaseline.Load(path + ".missing").Entries);
    }

    private static List<string> Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToList();
}
