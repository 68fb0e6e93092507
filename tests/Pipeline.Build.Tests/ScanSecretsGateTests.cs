using System.Diagnostics;
using System.IO.Compression;
using Pipeline.Core.Redaction;
using Pipeline.Targets;

namespace Pipeline.Build.Tests;

/// <summary>
/// ScanSecrets through the real engine on hostile trees: a token in a force-added file under <c>.gitignore = *</c>,
/// inside a zip and as a file name; a file the scan cannot read fails the gate until the gap is accepted; bad
/// --scan-root and --baseline values are one clear line.
/// </summary>
public sealed class ScanSecretsGateTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("pipeline-scan-gate-").FullName;
    static int _seed = 41;

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    static string Token()
    {
        var random = new Random(Interlocked.Increment(ref _seed));
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return "gh" + "p_" + new string(Enumerable.Range(0, 36).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
    }

    (int Exit, string Console) Run(params string[] arguments)
    {
        Directory.CreateDirectory(Path.Combine(_root, ".nuke"));
        var output = new StringWriter();
        var exit = BuildHost.Run(new global::Build(), "Test", new BuildHostOptions
        {
            Arguments = ["ScanSecrets", .. arguments],
            Environment = new Dictionary<string, string>(),
            WorkingDirectory = _root,
            Output = output,
            Redactor = SecretRedactor.Global, // as in the process: build/ writes evidence with the process-wide redactor
        });
        return (exit, output.ToString());
    }

    void Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _root, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    string ScanLog() => File.ReadAllText(Directory.GetFiles(Path.Combine(_root, "reports"), "ci-secrets-scan-*.log").OrderBy(f => File.GetLastWriteTimeUtc(f)).Last());

    [Fact]
    public void Tracked_files_archives_and_names_are_scanned_and_no_token_is_repeated()
    {
        var (tracked, zipped, named) = (Token(), Token(), Token());
        Git("init", "-q");
        File.WriteAllText(Path.Combine(_root, ".gitignore"), "*\n");
        File.WriteAllText(Path.Combine(_root, "deploy.env"), $"GITHUB_TOKEN={tracked}\n");
        using (var zip = ZipFile.Open(Path.Combine(_root, "bundle.zip"), ZipArchiveMode.Create))
        using (var writer = new StreamWriter(zip.CreateEntry("app.env").Open()))
            writer.Write($"token: {zipped}\n");
        File.WriteAllText(Path.Combine(_root, named + ".txt"), "nothing\n");
        Git("add", "-f", "deploy.env", "bundle.zip", named + ".txt");

        var (exit, console) = Run("--fail-on", "any");

        Assert.NotEqual(0, exit);
        var log = ScanLog();
        Assert.Contains("git ls-files", log);
        Assert.Contains("deploy.env:1  github-token", log);
        Assert.Contains("bundle.zip!app.env:1  github-token", log);
        Assert.Contains(".txt:0  github-token", log);
        foreach (var token in new[] { tracked, zipped, named })
        {
            Assert.DoesNotContain(token, console);
            foreach (var file in Directory.GetFiles(Path.Combine(_root, "reports"), "*", SearchOption.AllDirectories))
                Assert.DoesNotContain(token, File.ReadAllText(file));
        }
    }

    [Fact]
    public void A_file_that_cannot_be_read_fails_the_gate_until_it_is_accepted()
    {
        File.WriteAllText(Path.Combine(_root, "readme.txt"), "no secrets here\n");
        File.CreateSymbolicLink(Path.Combine(_root, "dangling.env"), Path.Combine(_root, "gone.env"));

        var (failedExit, failedConsole) = Run("--fail-on", "any");
        var (acceptedExit, acceptedConsole) = Run("--fail-on", "any", "--allow-unscanned", "dangling.env");

        Assert.True(failedExit != 0, failedConsole);
        Assert.Contains("1 file(s) could not be read", failedConsole);
        Assert.DoesNotContain("   at ", failedConsole);
        Assert.True(acceptedExit == 0, acceptedConsole);
        Assert.Contains("1 file(s) unscanned (0 bytes unread, 1 accepted)", acceptedConsole);
    }

    [Theory]
    [InlineData("--scan-root", "notes.txt", "--scan-root: '{0}' is a file; pass the folder to scan.")]
    [InlineData("--scan-root", "missing-folder", "--scan-root: '{0}' was not found; pass an existing folder to scan.")]
    [InlineData("--scan-paths", "notes.txt", "--scan-paths: '{0}' is a file; pass the folder to scan.")]
    [InlineData("--baseline", "missing.baseline", "--baseline: '{0}' was not found. Pass an existing detect-secrets baseline")]
    [InlineData("--baseline", "notes.txt", "The secrets baseline '{0}' is not a detect-secrets baseline (")]
    [InlineData("--baseline", "shape.baseline", "The secrets baseline '{0}' is not a detect-secrets baseline (")]
    public void A_bad_scan_root_or_baseline_is_one_clear_line(string parameter, string value, string expected)
    {
        File.WriteAllText(Path.Combine(_root, "notes.txt"), "not json\n");
        File.WriteAllText(Path.Combine(_root, "shape.baseline"), "{\"results\": {\"a.txt\": 5}}");

        var (exit, console) = Run(parameter, Path.Combine(_root, value));

        Assert.NotEqual(0, exit);
        Assert.Contains(string.Format(expected, Path.Combine(_root, value)), console);
        Assert.DoesNotContain("   at ", console);
        Assert.DoesNotContain("Exception", console);
    }

    [Fact]
    public void The_default_baseline_may_be_absent_and_a_named_one_may_be_created_with_update_baseline()
    {
        File.WriteAllText(Path.Combine(_root, "readme.txt"), "no secrets here\n");

        Assert.Equal(0, Run().Exit);
        Assert.Equal(0, Run("--baseline", Path.Combine(_root, "new.baseline"), "--update-baseline").Exit);
        Assert.True(File.Exists(Path.Combine(_root, "new.baseline")));
    }
}
