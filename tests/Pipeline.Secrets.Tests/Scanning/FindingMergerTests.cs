using Pipeline.Secrets.Scanning;

namespace Pipeline.Secrets.Tests.Scanning;

/// <summary>When findings of different engines are one finding, and when they are not.</summary>
public sealed class FindingMergerTests
{
    private static SecretFinding Finding(string engine, string family, string hash, int line = 3, string file = "a.py") => new()
    {
        File = file, Line = line, RuleId = engine + ":" + family, Description = family, Family = family,
        Redacted = "x***[redacted:00000000]", SecretHash = hash, DetectSecretsType = "Secret Keyword",
        TrufflehogDetector = family, Engines = [engine],
    };

    [Fact]
    public void Same_line_and_same_hash_or_family_or_a_generic_hit_merge_into_the_first()
    {
        var builtIn = Finding("built-in", "aws", "h1");
        var merged = FindingMerger.Merge([builtIn],
            [Finding("trufflehog", "aws", "other-hash") with { Verified = true }],
            [Finding("detect-secrets", "generic", "h9"), Finding("detect-secrets", "private-key", "h1")]);

        var only = Assert.Single(merged);
        Assert.Equal("built-in:aws", only.RuleId);
        Assert.Equal(["built-in", "trufflehog", "detect-secrets"], only.Engines);
        Assert.True(only.Verified);
    }

    [Fact]
    public void Other_lines_files_and_families_stay_separate()
    {
        var merged = FindingMerger.Merge([Finding("built-in", "aws", "h1")],
            [Finding("trufflehog", "aws", "h1", line: 4), Finding("trufflehog", "aws", "h1", file: "b.py"), Finding("trufflehog", "slack", "h2")]);
        Assert.Equal(4, merged.Count);
    }
}
