using Pipeline.Core.Redaction;
using Pipeline.Core.Tools;
using Serilog;

namespace Pipeline.LocalBackends.Postgres;

/// <summary>
/// The privilege drop: PostgreSQL refuses to run as root, so as root every server binary runs as the OS
/// account (<c>postgres</c>) through <c>runuser</c>, in folders handed over to that account with <c>chown</c>.
/// Not as root, binaries run as this process's user and nothing is handed over.
/// </summary>
internal sealed class PostgresOsAccount
{
    private const string RunuserHint = "runuser (util-linux) is needed to run PostgreSQL as the postgres user when the build runs as root.";
    private const string ChownHint = "chown (coreutils) is needed to hand the cluster folder to the postgres user.";
    private const string TestHint = "test (coreutils) is needed to check the cluster folder.";

    private readonly string _name;
    private readonly ToolRunner _tools;
    private readonly string? _runuser;

    public PostgresOsAccount(string name, ToolRunner tools)
    {
        _name = name;
        _tools = tools;
        if (IsNeeded) _runuser = ToolLocator.Require("runuser", RunuserHint);
    }

    /// <summary>True when this process is root (not on Windows): the server must run as another account.</summary>
    public static bool IsNeeded => Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows();

    /// <summary>Whether the account can search <paramref name="folder"/> (every parent must be searchable too).</summary>
    public static async Task<bool> CanEnterAsync(string folder, string osUser, ILogger log, CancellationToken cancellationToken)
    {
        var runuser = ToolLocator.Require("runuser", RunuserHint);
        var test = ToolLocator.Require("test", TestHint);
        try
        {
            await new ToolRunner(log, SecretRedactor.Global).RunAsync(
                new ToolCommand(runuser, ["-u", osUser, "--", test, "-x", folder]) { Timeout = TimeSpan.FromSeconds(15), WorkingDirectory = "/" }, cancellationToken);
            return true;
        }
        catch (ToolFailedException)
        {
            return false;
        }
    }

    /// <summary>Runs <paramref name="executable"/> as the account (as this user when no drop is needed) in <paramref name="workingDirectory"/>.</summary>
    public Task<ToolResult> RunAsync(string executable, IReadOnlyList<string> arguments, TimeSpan timeout, string workingDirectory, CancellationToken cancellationToken)
    {
        var command = _runuser is not null
            ? new ToolCommand(_runuser, ["-u", _name, "--", executable, .. arguments])
            : new ToolCommand(executable, arguments);
        // The OS user may not be allowed into the caller's working folder; the cluster folder is its own.
        return _tools.RunAsync(command with { Timeout = timeout, WorkingDirectory = workingDirectory }, cancellationToken);
    }

    /// <summary>Gives the files to the account (nothing to do when no drop is needed).</summary>
    public async Task GiveAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        if (_runuser is null) return;
        var chown = ToolLocator.Require("chown", ChownHint);
        await _tools.RunAsync(new ToolCommand(chown, [$"{_name}:{_name}", .. files]) { Timeout = TimeSpan.FromSeconds(30) }, cancellationToken);
    }

    /// <summary>Closes the socket folder to others and, when a drop is needed, gives the cluster folders to the account and checks it can write there.</summary>
    public async Task HandOverAsync(string clusterDirectory, string socketDirectory, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows()) return;
        File.SetUnixFileMode(socketDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (_runuser is null) return;
        var chown = ToolLocator.Require("chown", ChownHint);
        var folders = socketDirectory.StartsWith(clusterDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? new[] { clusterDirectory }
            : new[] { clusterDirectory, socketDirectory };
        foreach (var folder in folders)
            await _tools.RunAsync(new ToolCommand(chown, ["-R", $"{_name}:{_name}", folder]) { Timeout = TimeSpan.FromSeconds(30) }, cancellationToken);
        try
        {
            // A parent folder the account cannot search (a checkout under /root, say) would fail initdb obscurely.
            var test = ToolLocator.Require("test", TestHint);
            await RunAsync(test, ["-w", clusterDirectory, "-a", "-x", clusterDirectory], TimeSpan.FromSeconds(15), clusterDirectory, cancellationToken);
        }
        catch (ToolException exception)
        {
            throw new EmbeddedPostgresException(
                $"The '{_name}' account cannot write to {clusterDirectory} ({exception.Message}). " +
                "Make every parent folder searchable by that account (chmod o+x) or build from a folder it can reach.", exception);
        }
    }
}
