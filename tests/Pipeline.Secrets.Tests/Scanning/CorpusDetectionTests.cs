using System.Text.Json;
using Pipeline.Core.Redaction;
using Pipeline.Secrets.Scanning;

namespace Pipeline.Secrets.Tests.Scanning;

/// <summary>The built-in scanner against the planted secrets of the shared corpus and what the real tools report there.</summary>
public sealed class CorpusDetectionTests
{
    private static readonly DirectoryScanResult Result = SecretScanner.CreateDefault(redactor: new SecretRedactor()).ScanDirectory(Fixtures.Corpus);

    [Theory]
    [InlineData("src/app.py", 2, "aws-access-key-id")]
    [InlineData("src/app.py", 3, "aws-secret-access-key")]
    [InlineData("src/app.py", 4, "github-token")]
    [InlineData("src/ai.js", 1, "openai-legacy-key")]
    [InlineData("src/ai.js", 2, "openai-project-key")]
    [InlineData("src/ai.js", 3, "slack-token")]
    [InlineData("src/ai.js", 4, "stripe-live-key")]
    [InlineData("config/.env.example", 1, "url-credentials")]
    [InlineData("config/appsettings.json", 3, "url-credentials")]
    [InlineData("config/appsettings.json", 6, "supabase-service-role-jwt")]
    [InlineData("config/appsettings.json", 7, "supabase-access-token")]
    [InlineData("config/id_rsa.pem", 1, "private-key")]
    public void Finds_every_planted_secret_with_the_specific_rule(string file, int line, string ruleId) =>
        Assert.Contains(Result.Findings, f => f.File == file && f.Line == line && f.RuleId == ruleId);

    [Fact]
    public void Reports_nothing_beyond_the_planted_secrets()
    {
        Assert.Equal(12, Result.Findings.Count);
        Assert.Equal(5, Result.FilesScanned);
    }

    [Fact]
    public void Covers_every_line_detect_secrets_reports_and_agrees_on_the_hash_where_the_secret_is_the_same()
    {
        using var baseline = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("detect-secrets", "baseline-v1.5.0-real.json")));
        foreach (var file in baseline.RootElement.GetProperty("results").EnumerateObject())
        foreach (var expected in file.Value.EnumerateArray())
        {
            var line = expected.GetProperty("line_number").GetInt32();
            var hash = expected.GetProperty("hashed_secret").GetString();
            var type = expected.GetProperty("type").GetString();
            var onLine = Result.Findings.Where(f => f.File == file.Name && f.Line == line).ToList();
            Assert.True(onLine.Count > 0, $"detect-secrets reports {type} at {file.Name}:{line}; the built-in scanner reports nothing there");
            if (type is "AWS Access Key" or "GitHub Token" or "OpenAI Token" or "Slack Token" or "Stripe Access Key" or "Basic Auth Credentials" or "JSON Web Token" or "Private Key")
                Assert.True(onLine.Any(f => f.DetectSecretsHashOrSecretHash == hash), $"{type} at {file.Name}:{line}: no finding with hash {hash}");
        }
    }

    [Fact]
    public void Covers_every_line_trufflehog_reports()
    {
        foreach (var jsonLine in File.ReadLines(Fixtures.Path("trufflehog", "filesystem-scan.jsonl")).Where(l => l.Length > 0))
        {
            using var document = JsonDocument.Parse(jsonLine);
            var filesystem = document.RootElement.GetProperty("SourceMetadata").GetProperty("Data").GetProperty("Filesystem");
            var file = filesystem.GetProperty("file").GetString();
            var line = filesystem.GetProperty("line").GetInt32();
            Assert.Contains(Result.Findings, f => f.File == file && f.Line == line);
        }
    }

    [Fact]
    public void Findings_carry_a_mask_and_a_sha1_never_the_value()
    {
        var corpusText = string.Join('\n', Directory.EnumerateFiles(Fixtures.Corpus, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        foreach (var finding in Result.Findings)
        {
            Assert.Matches("^[0-9a-f]{40}$", finding.SecretHash);
            Assert.Contains("***[redacted:", finding.Redacted);
            Assert.DoesNotContain(finding.Redacted.Split("***")[0] + finding.Redacted, corpusText);
        }
    }

    [Fact]
    public void Registers_every_found_secret_with_the_redactor()
    {
        var redactor = new SecretRedactor();
        var scanner = SecretScanner.CreateDefault(redactor: redactor);
        var findings = scanner.ScanFile(Path.Combine(Fixtures.Corpus, "src", "app.py"));
        Assert.Equal(3, findings.Count);
        var lines = File.ReadAllLines(Path.Combine(Fixtures.Corpus, "src", "app.py"));
        var planted = lines.Skip(1).Select(l => l.Split('"')[1]).ToList();
        var redacted = redactor.Redact(string.Join('\n', lines));
        Assert.Equal(3, redactor.Count);
        Assert.All(planted, value => Assert.DoesNotContain(value, redacted));
    }
}
