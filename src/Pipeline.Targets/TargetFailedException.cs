namespace Pipeline.Targets;

/// <summary>Fails the running target with a message meant for the user (no stack trace is shown).</summary>
internal sealed class TargetFailedException(string message) : Exception(message);

/// <summary>The build cannot start: bad command line, unknown target, cycle, missing requirement.</summary>
internal sealed class BuildSetupException(string message) : Exception(message);
