using Pipeline.Core.Errors;
using Pipeline.Core.Tools;

namespace Pipeline.LocalBackends.Postgres;

/// <summary>
/// Finds the PostgreSQL server binaries (<c>initdb</c>, <c>pg_ctl</c>) on this machine. Missing binaries are the user's to
/// fix (install them, or point at them), so they are a <see cref="UserInputException"/>: one line, no stack trace.
/// </summary>
internal static class PostgresBinaries
{
    /// <summary>The server binaries folder: the one given, else PostgreSQL 15's default, else the newest packaged one, else the one on PATH.</summary>
    public static string LocateBinDirectory(string? explicitDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitDirectory))
            return HasServer(explicitDirectory)
                ? Path.GetFullPath(explicitDirectory)
                : throw new UserInputException($"'{explicitDirectory}' does not contain executable initdb and pg_ctl. {EmbeddedPostgres.InstallHint}")
                    { Input = nameof(EmbeddedPostgresSettings.BinDirectory) };
        if (HasServer(EmbeddedPostgresSettings.DefaultBinDirectory)) return EmbeddedPostgresSettings.DefaultBinDirectory;
        // Another major version from the Debian/Ubuntu packages (a CI runner may ship 16): the newest one.
        const string packages = "/usr/lib/postgresql";
        if (Directory.Exists(packages))
        {
            var other = Directory.EnumerateDirectories(packages)
                .Select(folder => (Folder: Path.Combine(folder, "bin"), Major: int.TryParse(Path.GetFileName(folder), out var major) ? major : 0))
                .Where(candidate => candidate.Major > 0 && HasServer(candidate.Folder))
                .OrderByDescending(candidate => candidate.Major)
                .FirstOrDefault();
            if (other.Folder is not null) return other.Folder;
        }
        if (ToolLocator.Find("pg_ctl") is { } onPath && Path.GetDirectoryName(onPath) is { } folder && HasServer(folder)) return folder;
        throw new UserInputException(
            $"The PostgreSQL server binaries (initdb, pg_ctl) were not found in {EmbeddedPostgresSettings.DefaultBinDirectory} nor on PATH. {EmbeddedPostgres.InstallHint}");
    }

    private static bool HasServer(string folder) =>
        ToolLocator.Find("initdb", Path.Combine(folder, "initdb")) is not null &&
        ToolLocator.Find("pg_ctl", Path.Combine(folder, "pg_ctl")) is not null;
}
