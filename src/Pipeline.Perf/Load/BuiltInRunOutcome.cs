namespace Pipeline.Perf.Load;

/// <summary>What a built-in run measured: the k6 summary of every sample, plus counts for the log.</summary>
internal sealed record BuiltInRunOutcome(K6SummaryExport Summary, long Requests, long Failed, long Dropped, TimeSpan Elapsed, long NdjsonLines);
