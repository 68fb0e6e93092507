namespace Pipeline.Targets;

/// <summary>NUKE's name for a target as the engine runs it; builds ask <c>InvokedTargets.Any(x => x.Name == nameof(T))</c>.</summary>
public sealed record ExecutableTarget(string Name);
