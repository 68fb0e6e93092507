using Pipeline.Core.Redaction;
using Pipeline.Targets;

namespace Pipeline.Build.Tests;

/// <summary>
/// The repository's own gate: ScanSecrets over this checkout finds nothing outside <c>.secrets.baseline</c>, so a test
/// value that a new rule catches fails here, not in a release engineer's ArchiveEvidence.
/// </summary>
public sealed class RepositoryScanTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("pipeline-repo-scan-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void The_repository_has_no_secret_outside_its_baseline()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".nuke"));
        var output = new StringWriter();
        var exit = BuildHost.Run(new global::Build(), "Test", new BuildHostOptions
        {
            Arguments = ["ScanSecrets", "--scan-root", RepositoryRoot.Path, "--baseline", Path.Combine(RepositoryRoot.Path, ".secrets.baseline"), "--fail-on", "new"],
            Environment = new Dictionary<string, string>(),
            WorkingDirectory = _root,
            Output = output,
            Redactor = SecretRedactor.Global, // as in the process: build/ writes evidence with the process-wide redactor
        });
        Assert.True(exit == 0, $"ScanSecrets over the repository failed (mark reviewed test values with a 'pipeline:allow-secret' comment or update the baseline):\n{output}");
        Assert.Contains("0 new secret(s)", output.ToString());
    }
}
