using Pipeline.Core.Tools;

namespace Pipeline.Evidence.Manifest;

/// <summary>
/// Reads commit, branch and dirty flag with git through the Core tool runner; without git on PATH it reads the
/// commit from <c>.git</c> itself (worktrees and packed refs included) and leaves the dirty flag unknown.
/// </summary>
internal static class GitStateReader
{
    public static async Task<GitState> ReadAsync(string root, ToolRunner runner, CancellationToken cancellationToken = default)
    {
        var git = ToolLocator.Find("git");
        if (git is not null)
        {
            try
            {
                var commit = await RunGitAsync(runner, git, root, cancellationToken, "rev-parse", "HEAD");
                var branch = await RunGitAsync(runner, git, root, cancellationToken, "rev-parse", "--abbrev-ref", "HEAD");
                var status = await RunGitAsync(runner, git, root, cancellationToken, "status", "--porcelain", "--untracked-files=no");   // dirty = changed tracked files, as git describe --dirty
                return new GitState(commit, branch, status.Length > 0);
            }
            catch (ToolException)
            {
                // Not a repository, or git refused: fall through to reading .git directly.
            }
        }
        return ReadFromDotGit(root);
    }

    internal static GitState ReadFromDotGit(string root)
    {
        var gitDir = GitDirectory(root);
        if (gitDir is null) return GitState.Unknown;
        var head = ReadLine(Path.Combine(gitDir, "HEAD"));
        if (head is null) return GitState.Unknown;
        if (!head.StartsWith("ref: ", StringComparison.Ordinal)) return new GitState(head, null, null);

        var reference = head[5..].Trim();
        var branch = reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? reference["refs/heads/".Length..] : reference;
        // A worktree keeps HEAD locally but shares refs with the main repository (named in "commondir").
        var common = ReadLine(Path.Combine(gitDir, "commondir")) is { } relative ? Path.GetFullPath(Path.Combine(gitDir, relative)) : gitDir;
        var commit = ReadLine(Path.Combine(gitDir, reference)) ?? ReadLine(Path.Combine(common, reference)) ?? PackedRef(common, reference);
        return new GitState(commit, branch, null);
    }

    private static string? GitDirectory(string root)
    {
        var dotGit = Path.Combine(root, ".git");
        if (Directory.Exists(dotGit)) return dotGit;
        var pointer = ReadLine(dotGit);
        if (pointer is null || !pointer.StartsWith("gitdir:", StringComparison.Ordinal)) return null;
        var target = pointer["gitdir:".Length..].Trim();
        return Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(root, target));
    }

    private static string? PackedRef(string gitDir, string reference)
    {
        var packed = Path.Combine(gitDir, "packed-refs");
        if (!File.Exists(packed)) return null;
        return File.ReadLines(packed)
            .Select(l => l.Split(' ', 2))
            .Where(p => p.Length == 2 && p[1].Trim() == reference)
            .Select(p => p[0])
            .FirstOrDefault();
    }

    private static string? ReadLine(string path) =>
        File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() is { Length: > 0 } line ? line : null : null;

    private static async Task<string> RunGitAsync(ToolRunner runner, string git, string root, CancellationToken cancellationToken, params string[] arguments)
    {
        var result = await runner.RunAsync(new ToolCommand(git, ["-C", root, .. arguments]) { Timeout = TimeSpan.FromSeconds(30) }, cancellationToken);
        return result.StandardOutput.Trim();
    }
}
