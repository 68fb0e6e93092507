namespace Pipeline.Secrets.Sanitisation;

/// <summary>
/// The AC1.3 log-sanitisation check: the build's logs and artifacts were scanned, and no value of a
/// secret-named environment variable appears in them.
/// </summary>
public sealed record SanitisationReport(
    IReadOnlyList<string> ArtifactFolders,
    int ArtifactFilesChecked,
    int SecretFindingsInArtifacts,
    IReadOnlyList<string> EnvironmentVariablesChecked,
    IReadOnlyList<(string Variable, string File)> EnvironmentValueLeaks,
    int ValuesRegisteredWithRedactor)
{
    public bool Clean => SecretFindingsInArtifacts == 0 && EnvironmentValueLeaks.Count == 0;
}
