using Pipeline.Core.Errors;

namespace Pipeline.Perf.Dashboard;

/// <summary>
/// The dashboard figures cannot be read: typed P95 that is not <c>endpoint=ms</c>, a /metrics snapshot that is
/// missing or not an exposition, a Prometheus server that cannot be reached. Wraps the reader's own exception.
/// </summary>
public sealed class DashboardInputException(string message, Exception innerException) : UserInputException(message, innerException);
