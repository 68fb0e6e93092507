namespace Pipeline.Evidence.Manifest;

/// <summary>The repository state a run was built from; null fields are unknown (no git, not a repository).</summary>
internal sealed record GitState(string? Commit, string? Branch, bool? Dirty)
{
    public static GitState Unknown { get; } = new(null, null, null);
}
