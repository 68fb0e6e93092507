using Pipeline.Core.Redaction;
using Pipeline.Targets;

namespace Pipeline.Build.Tests;

/// <summary>
/// AC1.3 end to end: the whole evidence chain (scan, drills, P95 run, summary, archive) runs with secrets
/// planted in [Secret] parameters, in the environment and in a CI log it scans; afterwards no planted value
/// may appear in anything the build printed or wrote.
/// </summary>
public sealed class PlantedSecretsTests : IDisposable
{
    // Shaped like real credentials so that both the redactor and the scanner have something to catch.
    const string PlantedOpenAIKey = "sk-proj-PLANTEDopenaiKEY0123456789abcdefT3BlbkFJxyz"; // pipeline:allow-secret
    const string PlantedBearer = "planted-bearer-token-5f2b9c1d7e4a"; // pipeline:allow-secret
    const string PlantedServiceRole = "sb_secret_PLANTEDservicerole0123456789abcdef"; // pipeline:allow-secret
    const string PlantedInLog = "ghp_PLANTEDgithubToken0123456789abcdefAB"; // pipeline:allow-secret

    readonly string _root = Directory.CreateTempSubdirectory("pipeline-planted-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void The_whole_chain_leaves_no_planted_secret_in_anything_it_wrote_or_printed()
    {
        foreach (var folder in new[] { "scripts/perf", "docs/operations", "docs/monitoring" })
            CopyFolder(Path.Combine(RepositoryRoot.Path, folder), Path.Combine(_root, folder));
        Directory.CreateDirectory(Path.Combine(_root, ".nuke"));
        File.WriteAllText(Path.Combine(_root, ".gitignore"), "reports/\n.nuke/temp/\n");
        // A CI log that leaked a token: the scan must report it masked (AC1.3).
        Directory.CreateDirectory(Path.Combine(_root, "ci-logs"));
        File.WriteAllText(Path.Combine(_root, "ci-logs", "job-1234.log"), $"step 3: export GITHUB_TOKEN={PlantedInLog}\nstep 4: ok\n");
        var inputs = Directory.GetFiles(_root, "*", SearchOption.AllDirectories).ToHashSet();

        var output = new StringWriter();
        var exit = BuildHost.Run(new global::Build(), "Test", new BuildHostOptions
        {
            Arguments = ["ArchiveEvidence", "--token", PlantedBearer, "--scan-paths", "ci-logs", "--fail-on", "none", "--verbosity", "verbose"],
            Environment = new Dictionary<string, string>
            {
                ["OPENAI_API_KEY"] = PlantedOpenAIKey,
                ["SUPABASE_SERVICE_ROLE_KEY"] = PlantedServiceRole,
            },
            WorkingDirectory = _root,
            Output = output,
            Redactor = SecretRedactor.Global, // as in the process: build/ writes evidence with the process-wide redactor
        });

        var console = output.ToString();
        Assert.True(exit == 0, console);
        var written = Directory.GetFiles(_root, "*", SearchOption.AllDirectories).Where(f => !inputs.Contains(f)).ToList();
        Assert.Contains(written, f => Path.GetFileName(f).StartsWith("evidence-") && f.EndsWith(".zip"));
        var scanLog = Assert.Single(written, f => Path.GetFileName(f).StartsWith("ci-secrets-scan-"));
        Assert.Contains("job-1234.log", File.ReadAllText(scanLog));
        Assert.Contains("github", File.ReadAllText(scanLog), StringComparison.OrdinalIgnoreCase);

        foreach (var planted in new[] { PlantedOpenAIKey, PlantedBearer, PlantedServiceRole, PlantedInLog })
        {
            Assert.DoesNotContain(planted, console);
            foreach (var file in written)
                Assert.False(ContainsBytes(file, planted), $"{Path.GetRelativePath(_root, file)} contains a planted secret");
        }
    }

    static bool ContainsBytes(string file, string value)
    {
        var bytes = File.ReadAllBytes(file);
        if (file.EndsWith(".zip", StringComparison.Ordinal))
        {
            using var zip = System.IO.Compression.ZipFile.OpenRead(file);
            return zip.Entries.Any(e =>
            {
                using var reader = new StreamReader(e.Open());
                return reader.ReadToEnd().Contains(value, StringComparison.Ordinal);
            });
        }
        return bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(value)) >= 0;
    }

    static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
