using Pipeline.Core.Errors;

namespace Pipeline.Perf.Load;

/// <summary>The server's metrics endpoint could not be read; the message says which URL and what to do.</summary>
public sealed class MetricsScrapeException(string message, Exception? inner = null) : UserInputException(message, inner);
