using System.Diagnostics;
using Pipeline.Core.Redaction;
using Pipeline.Core.Tools;
using Pipeline.Secrets.Scanning;
using Serilog;

namespace Pipeline.Secrets.Tests.Scanning;

/// <summary>The scan sees what git tracks: .gitignore hides untracked files only; outside a work tree the walk is the fallback.</summary>
public sealed class GitFileListerTests
{
    private readonly string _root = Fixtures.TempFolder();
    private readonly Random _random = new(23);
    private readonly ToolRunner _runner = new(new LoggerConfiguration().CreateLogger(), new SecretRedactor());

    private string Token() => PlantedSecrets.GitHubToken(_random);

    private void Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _root, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)}: {error.Result}");
    }

    private async Task<DirectoryScanResult> ScanAsync()
    {
        var scanner = SecretScanner.CreateDefault(redactor: new SecretRedactor());
        return scanner.Scan(await GitFileLister.ListAsync(_root, scanner.Options, _runner));
    }

    [Fact]
    public async Task A_force_added_file_is_scanned_although_gitignore_says_star()
    {
        Git("init", "-q");
        File.WriteAllText(Path.Combine(_root, ".gitignore"), "*\n");
        File.WriteAllText(Path.Combine(_root, "deploy.env"), "GITHUB_TOKEN=" + Token() + "\n");
        File.WriteAllText(Path.Combine(_root, "untracked.env"), "GITHUB_TOKEN=" + Token() + "\n");
        Git("add", "-f", "deploy.env");

        var result = await ScanAsync();

        Assert.Equal(GitFileLister.GitSource, result.Listing);
        Assert.Equal(["deploy.env"], result.Findings.Select(f => f.File));
    }

    [Fact]
    public async Task Untracked_files_that_are_not_ignored_are_scanned_and_ignored_ones_are_not()
    {
        Git("init", "-q");
        File.WriteAllText(Path.Combine(_root, ".gitignore"), "local.env\n");
        File.WriteAllText(Path.Combine(_root, "local.env"), "GITHUB_TOKEN=" + Token() + "\n");
        File.WriteAllText(Path.Combine(_root, "new.env"), "GITHUB_TOKEN=" + Token() + "\n");

        var result = await ScanAsync();

        Assert.Equal(["new.env"], result.Findings.Select(f => f.File));
    }

    [Fact]
    public async Task Outside_a_work_tree_the_folder_walk_is_used_and_says_why()
    {
        File.WriteAllText(Path.Combine(_root, "a.env"), "GITHUB_TOKEN=" + Token() + "\n");

        var result = await ScanAsync();

        Assert.StartsWith("folder walk with .gitignore honoured (not a git work tree", result.Listing);
        Assert.Equal(["a.env"], result.Findings.Select(f => f.File));
    }
}
