namespace Pipeline.Perf.Load;

/// <summary>A finished k6 run: its summary export, whether k6 said thresholds were crossed (exit 99), and its version line.</summary>
internal sealed record K6RunOutcome(K6SummaryExport Summary, bool ThresholdsCrossed, int ExitCode, string? Version);
