using System.Text.Json;
using Pipeline.Core.Redaction;
using Pipeline.Secrets.Reports;
using Pipeline.Secrets.Scanning;

namespace Pipeline.Secrets.Tests.Reports;

/// <summary>
/// The SARIF has the structure GitHub code scanning requires of a 2.1.0 upload (the schema's required
/// properties and the constraints GitHub adds: relative URIs, startLine >= 1, ruleIndex consistent).
/// </summary>
public sealed class SarifWriterTests
{
    private static readonly SecretScanner Scanner = SecretScanner.CreateDefault(redactor: new SecretRedactor());

    private static JsonDocument WriteCorpusSarif()
    {
        var findings = Scanner.ScanDirectory(Fixtures.Corpus).Findings.Select((f, i) => f with { IsBaselined = i % 2 == 0 }).ToList();
        return JsonDocument.Parse(SarifWriter.Write(findings, Scanner.Rules, "1.0.0"));
    }

    [Fact]
    public void Has_the_2_1_0_envelope_and_a_described_tool()
    {
        using var sarif = WriteCorpusSarif();
        var root = sarif.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Equal(SarifWriter.SchemaUri, root.GetProperty("$schema").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray().ToList());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("Pipeline.Secrets", driver.GetProperty("name").GetString());
        var ids = driver.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(driver.GetProperty("rules").EnumerateArray(), rule =>
        {
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("shortDescription").GetProperty("text").GetString()));
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("help").GetProperty("text").GetString()));
        });
    }

    [Fact]
    public void Every_result_points_at_a_rule_and_a_relative_location()
    {
        using var sarif = WriteCorpusSarif();
        var run = sarif.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(12, results.Count);
        foreach (var result in results)
        {
            var ruleId = result.GetProperty("ruleId").GetString();
            Assert.Equal(ruleId, rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            Assert.Contains(result.GetProperty("level").GetString(), new[] { "none", "note", "warning", "error" });
            Assert.Contains(result.GetProperty("baselineState").GetString(), new[] { "new", "unchanged", "updated", "absent" });
            Assert.False(string.IsNullOrEmpty(result.GetProperty("message").GetProperty("text").GetString()));
            var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            var uri = location.GetProperty("artifactLocation").GetProperty("uri").GetString()!;
            Assert.False(uri.StartsWith('/') || uri.Contains('\\'), uri);
            Assert.True(File.Exists(Path.Combine(Fixtures.Corpus, Uri.UnescapeDataString(uri))), uri);
            Assert.True(location.GetProperty("region").GetProperty("startLine").GetInt32() >= 1);
            Assert.Matches("^[0-9a-f]{40}$", result.GetProperty("partialFingerprints").GetProperty("secretHash/v1").GetString());
        }
        Assert.All(results.Where(r => r.GetProperty("baselineState").GetString() == "unchanged"),
            r => Assert.Equal("external", r.GetProperty("suppressions")[0].GetProperty("kind").GetString()));
    }
}
