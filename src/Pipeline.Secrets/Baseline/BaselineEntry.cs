namespace Pipeline.Secrets.Baseline;

/// <summary>One accepted finding in a detect-secrets baseline (<c>results[file][]</c>).</summary>
internal sealed record BaselineEntry(string Type, string FileName, string HashedSecret, bool IsVerified, int? LineNumber)
{
    /// <summary>Set by <c>detect-secrets audit</c>: true = real secret, false = false positive, null = not audited.</summary>
    public bool? IsSecret { get; init; }
}
