using System.Text.Json;
using Pipeline.Secrets.Baseline;
using Pipeline.Secrets.Scanning;

namespace Pipeline.Secrets.Adapters;

/// <summary>Reads the baseline JSON that `detect-secrets scan` prints (hashes only: it never prints the values).</summary>
internal static class DetectSecretsOutputParser
{
    public const string Engine = "detect-secrets";

    /// <exception cref="FormatException">The output is not a detect-secrets baseline.</exception>
    public static IReadOnlyList<SecretFinding> Parse(string standardOutput, string root)
    {
        if (standardOutput.TrimStart().Length == 0 || standardOutput.TrimStart()[0] != '{')
            throw new FormatException($"detect-secrets printed no JSON baseline (stdout starts with '{Start(standardOutput)}'). Check that it is detect-secrets 1.x.");
        SecretsBaseline baseline;
        try { baseline = SecretsBaseline.Parse(standardOutput, "detect-secrets stdout"); }
        catch (InvalidDataException exception)
        {
            throw new FormatException($"detect-secrets printed JSON that is not a baseline ({exception.InnerException?.Message ?? exception.Message}).", exception);
        }
        return baseline.Entries.Select(entry =>
        {
            var family = ExternalFindingMapping.FamilyOfDetectSecretsType(entry.Type);
            return new SecretFinding
            {
                File = ExternalFindingMapping.RelativePath(root, entry.FileName),
                Line = entry.LineNumber ?? 0,
                RuleId = "detect-secrets:" + entry.Type,
                Description = $"{entry.Type} (detect-secrets)",
                Family = family,
                Redacted = $"(hash only: {entry.HashedSecret[..Math.Min(8, entry.HashedSecret.Length)]})",
                SecretHash = entry.HashedSecret,
                DetectSecretsType = entry.Type,
                TrufflehogDetector = "DetectSecrets",
                Verified = entry.IsVerified,
                Engines = [Engine],
            };
        }).ToList();
    }

    private static string Start(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length > 40 ? trimmed[..40] + "..." : trimmed;
    }
}
