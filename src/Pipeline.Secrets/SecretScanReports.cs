namespace Pipeline.Secrets;

/// <summary>The evidence files a scan wrote (absolute paths).</summary>
public sealed record SecretScanReports(string TrufflehogJsonLines, string DetectSecretsBaseline, string Sarif, string Log, string? UpdatedBaseline);
