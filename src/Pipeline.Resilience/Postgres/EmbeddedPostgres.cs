using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Npgsql;
using Pipeline.Core.Redaction;
using Pipeline.Core.Tools;
using Serilog;

namespace Pipeline.Resilience.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster built from the server binaries on the machine: <c>initdb</c> into a fresh
/// folder under <see cref="EmbeddedPostgresSettings.ParentDirectory"/>, a free loopback port, a generated
/// password (registered with the redactor), a readiness probe that really connects. As root every server
/// binary runs as the <c>postgres</c> account through <c>runuser</c> (PostgreSQL refuses to run as root).
/// Disposing stops the server (<c>pg_ctl stop -m fast</c>, a kill if that fails) and deletes the folder;
/// a failed or cancelled <see cref="CreateAsync"/> cleans up the same way before it throws.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    public const string InstallHint =
        "Install the server (`apt-get install postgresql-15`), pass --pg-bin <folder with initdb and pg_ctl>, " +
        "or pass --database-url to use a running server.";

    private const string OwnerFileName = "owner.pid";
    private const int MaxUnixSocketPath = 100;

    private readonly EmbeddedPostgresSettings _settings;
    private readonly ILogger _log;
    private readonly ToolRunner _tools;
    private readonly bool _asOsUser;
    private readonly string? _runuser;
    private readonly string _password;
    private int _disposed;

    private EmbeddedPostgres(EmbeddedPostgresSettings settings, ILogger log, string binDirectory, string clusterDirectory,
        string socketDirectory, int port, string password)
    {
        _settings = settings;
        _log = log.ForContext<EmbeddedPostgres>();
        _tools = new ToolRunner(_log, SecretRedactor.Global);
        BinDirectory = binDirectory;
        ClusterDirectory = clusterDirectory;
        SocketDirectory = socketDirectory;
        Port = port;
        _password = password;
        _asOsUser = RunsAsOsUser;
        if (_asOsUser)
            _runuser = ToolLocator.Require("runuser", "runuser (util-linux) is needed to run PostgreSQL as the postgres user when the build runs as root.");
    }

    public string Host => IPAddress.Loopback.ToString();
    public int Port { get; private set; }
    public string UserName => _settings.UserName;
    public string BinDirectory { get; }

    /// <summary>The folder that holds everything of this cluster; deleted on dispose.</summary>
    public string ClusterDirectory { get; }

    public string DataDirectory => Path.Combine(ClusterDirectory, "data");
    public string SocketDirectory { get; }
    public string ServerLogPath => Path.Combine(ClusterDirectory, "server.log");

    /// <summary>What the server reports as <c>server_version</c>, known once it has started.</summary>
    public string ServerVersion { get; private set; } = "";

    /// <summary>The connection string of the <c>postgres</c> database; it carries the generated password.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    public bool IsRunning => PostmasterProcessId() is { } pid && IsAlive(pid);

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Username = UserName,
        Password = _password,
        Database = database,
    }.ConnectionString;

    /// <summary>Creates, starts and probes a new cluster. Throws <see cref="EmbeddedPostgresException"/> with the server log's tail.</summary>
    public static async Task<EmbeddedPostgres> CreateAsync(EmbeddedPostgresSettings settings, ILogger log, CancellationToken cancellationToken = default)
    {
        var binDirectory = LocateBinDirectory(settings.BinDirectory);
        var parent = Path.GetFullPath(settings.ParentDirectory);
        Directory.CreateDirectory(parent);
        if (RunsAsOsUser && !await OsUserCanEnterAsync(parent, settings.OsUser, log, cancellationToken))
        {
            // A checkout under /root or a mktemp folder (mode 700) is closed to the postgres account.
            log.Warning("The '{User}' account cannot enter {Parent} (a parent folder is not searchable); the cluster goes to {Fallback} instead",
                settings.OsUser, parent, FallbackParentDirectory);
            parent = FallbackParentDirectory;
            Directory.CreateDirectory(parent);
            File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        SweepAbandonedClusters(parent, log);

        var clusterDirectory = Path.Combine(parent, "pg-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Directory.CreateDirectory(clusterDirectory);
        File.WriteAllText(Path.Combine(clusterDirectory, OwnerFileName), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

        // Unix socket paths are limited to ~107 bytes; a deep checkout gets its socket folder under /tmp instead.
        var socketDirectory = Path.Combine(clusterDirectory, "socket");
        if (socketDirectory.Length + ".s.PGSQL.65535".Length + 1 > MaxUnixSocketPath)
            socketDirectory = Path.Combine(Path.GetTempPath(), Path.GetFileName(clusterDirectory) + "-socket");
        Directory.CreateDirectory(socketDirectory);

        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        SecretRedactor.Global.Register(password);

        var cluster = new EmbeddedPostgres(settings, log, binDirectory, clusterDirectory, socketDirectory,
            settings.Port ?? FreeLoopbackPort(), password);
        AppDomain.CurrentDomain.ProcessExit += cluster.OnProcessExit;
        try
        {
            var watch = Stopwatch.StartNew();
            await cluster.InitializeAsync(cancellationToken);
            await cluster.StartFirstTimeAsync(cancellationToken);
            cluster._log.Information("Embedded PostgreSQL {Version} ready on {Host}:{Port} after {Seconds:0.0} s ({Directory})",
                cluster.ServerVersion, cluster.Host, cluster.Port, watch.Elapsed.TotalSeconds, clusterDirectory);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the stopped server on the same port and waits until it accepts connections (a running one is only probed).</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (IsRunning)
        {
            await WaitUntilReadyAsync(cancellationToken);
            return;
        }
        try
        {
            await RunServerToolAsync("pg_ctl", ["start", "-D", DataDirectory, "-l", ServerLogPath, "-w",
                "-t", Seconds(_settings.StartTimeout), "-s"], _settings.StartTimeout + TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch (ToolException exception)
        {
            throw new EmbeddedPostgresException($"PostgreSQL did not start on port {Port}: {exception.Message}\n" +
                                                $"Server log ({ServerLogPath}):\n{ServerLogTail()}", exception);
        }
        await WaitUntilReadyAsync(cancellationToken);
    }

    /// <summary>Stops the server with <c>pg_ctl stop -m fast</c>: sessions are cut, the cluster stays. Stopping a stopped server does nothing.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (IsRunning) await StopCoreAsync(cancellationToken);
    }

    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken);
        await StartAsync(cancellationToken);
    }

    /// <summary>Creates an empty database (a random name unless given) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        name ??= "db_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(name)}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionStringFor(name);
    }

    public async Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {QuoteIdentifier(name)} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        try
        {
            if (IsRunning) await StopCoreAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            _log.Warning("Fast shutdown of the embedded PostgreSQL failed ({Message}); killing it", exception.Message);
            KillPostmaster();
        }
        DeleteFolders();
    }

    /// <summary>The server binaries folder: the one given, else PostgreSQL 15's default, else the newest packaged one, else the one on PATH.</summary>
    internal static string LocateBinDirectory(string? explicitDirectory)
    {
        static bool HasServer(string folder) =>
            ToolLocator.Find("initdb", Path.Combine(folder, "initdb")) is not null &&
            ToolLocator.Find("pg_ctl", Path.Combine(folder, "pg_ctl")) is not null;

        if (!string.IsNullOrWhiteSpace(explicitDirectory))
            return HasServer(explicitDirectory)
                ? Path.GetFullPath(explicitDirectory)
                : throw new EmbeddedPostgresException($"--pg-bin '{explicitDirectory}' does not contain executable initdb and pg_ctl. {InstallHint}");
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
        throw new EmbeddedPostgresException(
            $"The PostgreSQL server binaries (initdb, pg_ctl) were not found in {EmbeddedPostgresSettings.DefaultBinDirectory} nor on PATH. {InstallHint}");
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // initdb reads the superuser password from a file so that it never appears on a command line.
        var passwordFile = Path.Combine(ClusterDirectory, "pwfile");
        File.WriteAllText(passwordFile, _password + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await HandOverToOsUserAsync(cancellationToken);
        try
        {
            await RunServerToolAsync("initdb", ["-D", DataDirectory, "-U", UserName, $"--pwfile={passwordFile}",
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync"],
                TimeSpan.FromMinutes(2), cancellationToken);
        }
        catch (ToolException exception)
        {
            throw new EmbeddedPostgresException($"initdb failed in {DataDirectory}: {exception.Message}", exception);
        }
        finally
        {
            File.Delete(passwordFile);
        }
        if (_settings.Tls) await WriteCertificateAsync(cancellationToken);
        WriteServerConfiguration();
    }

    /// <summary>A self-signed certificate for localhost/127.0.0.1, so TLS paths can be tested without a CA.</summary>
    private async Task WriteCertificateAsync(CancellationToken cancellationToken)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        var certificatePath = Path.Combine(DataDirectory, "server.crt");
        var keyPath = Path.Combine(DataDirectory, "server.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        // PostgreSQL refuses a key that others can read, or one that its account does not own.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (_asOsUser)
        {
            var chown = ToolLocator.Require("chown", "chown (coreutils) is needed to hand the cluster folder to the postgres user.");
            await _tools.RunAsync(new ToolCommand(chown, [$"{_settings.OsUser}:{_settings.OsUser}", certificatePath, keyPath]) { Timeout = TimeSpan.FromSeconds(30) }, cancellationToken);
        }
    }

    private void WriteServerConfiguration()
    {
        var configuration = new StringBuilder("\n# Pipeline embedded cluster\n");
        var settings = new Dictionary<string, string>(_settings.ServerSettings)
        {
            ["listen_addresses"] = Host,
            ["unix_socket_directories"] = SocketDirectory,
            ["port"] = Port.ToString(CultureInfo.InvariantCulture),
        };
        if (_settings.Tls)
        {
            settings["ssl"] = "on";
            settings["ssl_cert_file"] = "server.crt";
            settings["ssl_key_file"] = "server.key";
        }
        foreach (var (key, value) in settings)
            configuration.Append(key).Append(" = '").Append(value.Replace("'", "''", StringComparison.Ordinal)).Append("'\n");
        // Appending keeps the file's owner (postgres) and mode.
        File.AppendAllText(Path.Combine(DataDirectory, "postgresql.conf"), configuration.ToString());
    }

    private async Task StartFirstTimeAsync(CancellationToken cancellationToken)
    {
        // A port picked as free can be taken by someone else before the server binds it: pick another.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartAsync(cancellationToken);
                return;
            }
            catch (EmbeddedPostgresException) when (attempt < 3 && _settings.Port is null && ServerLogTail().Contains("could not bind", StringComparison.Ordinal))
            {
                _log.Warning("Port {Port} was taken before PostgreSQL could bind it; trying another", Port);
                Port = FreeLoopbackPort();
                WriteServerConfiguration();
            }
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var probe = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, Timeout = 2 }.ConnectionString;
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < _settings.StartTimeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("show server_version", connection);
                ServerVersion = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                // 57P03 "the database system is starting up" and refused connections are expected for a moment.
                last = exception;
                if (!IsRunning) break;
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
        throw new EmbeddedPostgresException(
            $"PostgreSQL on {Host}:{Port} did not accept connections within {_settings.StartTimeout.TotalSeconds:0} s " +
            $"(last error: {last?.Message}).\nServer log ({ServerLogPath}):\n{ServerLogTail()}", last);
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        await RunServerToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", Seconds(_settings.StopTimeout), "-s"],
            _settings.StopTimeout + TimeSpan.FromSeconds(10), cancellationToken);
    }

    private Task<ToolResult> RunServerToolAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunAsOsUserAsync(Path.Combine(BinDirectory, tool), arguments, timeout, cancellationToken);

    private Task<ToolResult> RunAsOsUserAsync(string executable, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var command = _asOsUser
            ? new ToolCommand(_runuser!, ["-u", _settings.OsUser, "--", executable, .. arguments])
            : new ToolCommand(executable, arguments);
        // The OS user may not be allowed into the caller's working folder; the cluster folder is its own.
        return _tools.RunAsync(command with { Timeout = timeout, WorkingDirectory = ClusterDirectory }, cancellationToken);
    }

    private async Task HandOverToOsUserAsync(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows()) return;
        File.SetUnixFileMode(SocketDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (!_asOsUser) return;
        var chown = ToolLocator.Require("chown", "chown (coreutils) is needed to hand the cluster folder to the postgres user.");
        var folders = SocketDirectory.StartsWith(ClusterDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? new[] { ClusterDirectory }
            : new[] { ClusterDirectory, SocketDirectory };
        foreach (var folder in folders)
            await _tools.RunAsync(new ToolCommand(chown, ["-R", $"{_settings.OsUser}:{_settings.OsUser}", folder]) { Timeout = TimeSpan.FromSeconds(30) }, cancellationToken);
        try
        {
            // A parent folder the account cannot search (a checkout under /root, say) would fail initdb obscurely.
            var test = ToolLocator.Require("test", "test (coreutils) is needed to check the cluster folder.");
            await RunAsOsUserAsync(test, ["-w", ClusterDirectory, "-a", "-x", ClusterDirectory], TimeSpan.FromSeconds(15), cancellationToken);
        }
        catch (ToolException exception)
        {
            throw new EmbeddedPostgresException(
                $"The '{_settings.OsUser}' account cannot write to {ClusterDirectory} ({exception.Message}). " +
                "Make every parent folder searchable by that account (chmod o+x) or build from a folder it can reach.", exception);
        }
    }

    private int? PostmasterProcessId()
    {
        try
        {
            var path = Path.Combine(DataDirectory, "postmaster.pid");
            if (!File.Exists(path)) return null;
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            return int.TryParse(reader.ReadLine(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private void KillPostmaster()
    {
        if (PostmasterProcessId() is not { } pid) return;
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    private void DeleteFolders()
    {
        foreach (var folder in new[] { ClusterDirectory, SocketDirectory }.Distinct())
        {
            try
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                _log.Warning("Could not delete {Folder}: {Message}", folder, exception.Message);
            }
        }
    }

    // Last resort when the process ends without disposing (an unhandled exception, Ctrl-C past the engine).
    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (_disposed != 0) return;
        KillPostmaster();
        DeleteFolders();
    }

    /// <summary>Deletes cluster folders left by processes that died without cleaning up (their owner is gone).</summary>
    private static void SweepAbandonedClusters(string parent, ILogger log)
    {
        foreach (var folder in Directory.EnumerateDirectories(parent, "pg-*"))
        {
            var ownerFile = Path.Combine(folder, OwnerFileName);
            if (!File.Exists(ownerFile) || !int.TryParse(File.ReadAllText(ownerFile), out var owner) || IsAlive(owner)) continue;
            var pidFile = Path.Combine(folder, "data", "postmaster.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var postmaster) && IsAlive(postmaster))
            {
                try
                {
                    using var process = Process.GetProcessById(postmaster);
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(TimeSpan.FromSeconds(10));
                }
                catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                }
            }
            try
            {
                Directory.Delete(folder, recursive: true);
                log.Information("Removed an abandoned embedded cluster {Folder}", folder);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                log.Warning("Could not remove the abandoned cluster {Folder}: {Message}", folder, exception.Message);
            }
        }
    }

    /// <summary>Where clusters go when the postgres account cannot reach the given folder (under the system temp folder).</summary>
    public static string FallbackParentDirectory => Path.Combine(Path.GetTempPath(), "pipeline-embedded-postgres");

    // PostgreSQL refuses to run as root: as root every server binary runs as the OS user.
    private static bool RunsAsOsUser => Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows();

    private static async Task<bool> OsUserCanEnterAsync(string folder, string osUser, ILogger log, CancellationToken cancellationToken)
    {
        var runuser = ToolLocator.Require("runuser", "runuser (util-linux) is needed to run PostgreSQL as the postgres user when the build runs as root.");
        var test = ToolLocator.Require("test", "test (coreutils) is needed to check the cluster folder.");
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

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private string ServerLogTail(int lines = 15)
    {
        try
        {
            return File.Exists(ServerLogPath)
                ? string.Join('\n', File.ReadLines(ServerLogPath).TakeLast(lines))
                : "(no server log was written)";
        }
        catch (IOException)
        {
            return "(the server log could not be read)";
        }
    }

    internal static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Seconds(TimeSpan span) => Math.Max(1, (int)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
