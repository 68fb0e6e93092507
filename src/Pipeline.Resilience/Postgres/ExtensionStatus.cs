namespace Pipeline.Resilience.Postgres;

/// <summary>One extension the application relies on: installed (with version), only available, or missing.</summary>
public sealed record ExtensionStatus(string Name, string? InstalledVersion, string? AvailableVersion)
{
    public string State => InstalledVersion is not null ? $"installed {InstalledVersion}"
        : AvailableVersion is not null ? $"available {AvailableVersion} (not installed)"
        : "missing";
}
