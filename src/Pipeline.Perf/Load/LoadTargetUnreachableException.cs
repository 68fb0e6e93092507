using Pipeline.Core.Errors;

namespace Pipeline.Perf.Load;

/// <summary>The API under test could not be reached before the run; nothing was sent.</summary>
public sealed class LoadTargetUnreachableException(string message, Exception? inner = null) : UserInputException(message, inner);
