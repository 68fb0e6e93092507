using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Npgsql;
using Pipeline.Core.Processes;
using Pipeline.Core.Redaction;
using Pipeline.Core.Tools;
using Serilog;

namespace Pipeline.LocalBackends.Postgres;

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

    private const int MaxUnixSocketPath = 100;

    private readonly EmbeddedPostgresSettings _settings;
    private readonly ILogger _log;
    private readonly PostgresOsAccount _osAccount;
    private readonly string _password;
    private readonly IDisposable? _trackedFolders;
    private IDisposable? _trackedPostmaster;
    private int _disposed;

    private EmbeddedPostgres(EmbeddedPostgresSettings settings, ILogger log, string binDirectory, string clusterDirectory,
        string socketDirectory, int port, string password)
    {
        _settings = settings;
        _log = log.ForContext<EmbeddedPostgres>();
        _osAccount = new PostgresOsAccount(settings.OsUser, new ToolRunner(_log, SecretRedactor.Global));
        BinDirectory = binDirectory;
        ClusterDirectory = clusterDirectory;
        SocketDirectory = socketDirectory;
        Port = port;
        _password = password;
        // pg_ctl detaches the server from this process: written down so an interrupted run still stops it.
        _trackedFolders = ProcessLedger.Current?.TrackFolders([ClusterDirectory, SocketDirectory]);
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

    public bool IsRunning => PostmasterProcess.IdOf(DataDirectory) is { } pid && PostmasterProcess.IsAlive(pid);

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
        var binDirectory = PostgresBinaries.LocateBinDirectory(settings.BinDirectory);
        var parent = Path.GetFullPath(settings.ParentDirectory);
        Directory.CreateDirectory(parent);
        if (PostgresOsAccount.IsNeeded && !await PostgresOsAccount.CanEnterAsync(parent, settings.OsUser, log, cancellationToken))
        {
            // A checkout under /root or a mktemp folder (mode 700) is closed to the postgres account.
            log.Warning("The '{User}' account cannot enter {Parent} (a parent folder is not searchable); the cluster goes to {Fallback} instead",
                settings.OsUser, parent, FallbackParentDirectory);
            parent = FallbackParentDirectory;
            Directory.CreateDirectory(parent);
            File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        AbandonedClusterSweep.Sweep(parent, log);

        var clusterDirectory = Path.Combine(parent, "pg-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Directory.CreateDirectory(clusterDirectory);
        AbandonedClusterSweep.ClaimForThisProcess(clusterDirectory);

        // Unix socket paths are limited to ~107 bytes; a deep checkout gets its socket folder under /tmp instead.
        var socketDirectory = Path.Combine(clusterDirectory, "socket");
        if (socketDirectory.Length + ".s.PGSQL.65535".Length + 1 > MaxUnixSocketPath)
            socketDirectory = Path.Combine(Path.GetTempPath(), Path.GetFileName(clusterDirectory) + "-socket");
        Directory.CreateDirectory(socketDirectory);

        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        SecretRedactor.Global.Register(password);

        var cluster = new EmbeddedPostgres(settings, log, binDirectory, clusterDirectory, socketDirectory,
            settings.Port ?? LoopbackPort.Free(), password);
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
        _settings.Progress?.Report(EmbeddedPostgresStep.StartingServer);
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
        _trackedPostmaster?.Dispose();
        _trackedPostmaster = PostmasterProcess.IdOf(DataDirectory) is { } pid ? ProcessLedger.Current?.TrackProcess(pid) : null;
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
        _trackedPostmaster?.Dispose();
        _trackedFolders?.Dispose();
    }

    /// <summary>The server binaries folder: the one given, else PostgreSQL 15's default, else the newest packaged one, else the one on PATH.</summary>
    internal static string LocateBinDirectory(string? explicitDirectory) => PostgresBinaries.LocateBinDirectory(explicitDirectory);

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        _settings.Progress?.Report(EmbeddedPostgresStep.InitializingCluster);
        // initdb reads the superuser password from a file so that it never appears on a command line.
        var passwordFile = Path.Combine(ClusterDirectory, "pwfile");
        File.WriteAllText(passwordFile, _password + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await _osAccount.HandOverAsync(ClusterDirectory, SocketDirectory, cancellationToken);
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
        if (_settings.Tls)
        {
            var (certificatePath, keyPath) = PostgresServerCertificate.Write(DataDirectory);
            // PostgreSQL refuses a key that its account does not own.
            await _osAccount.GiveAsync([certificatePath, keyPath], cancellationToken);
        }
        WriteServerConfiguration();
    }

    private void WriteServerConfiguration() => PostgresServerConfiguration.Append(DataDirectory, _settings, Host, SocketDirectory, Port);

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
                Port = LoopbackPort.Free();
                WriteServerConfiguration();
            }
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        _settings.Progress?.Report(EmbeddedPostgresStep.WaitingForConnections);
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
        _trackedPostmaster?.Dispose();
    }

    private Task<ToolResult> RunServerToolAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
        _osAccount.RunAsync(Path.Combine(BinDirectory, tool), arguments, timeout, ClusterDirectory, cancellationToken);

    private void KillPostmaster() => PostmasterProcess.Kill(DataDirectory);

    private void DeleteFolders()
    {
        foreach (var folder in new[] { ClusterDirectory, SocketDirectory }.Distinct())
            if (!FolderDeletion.TryDelete(folder, out var error))
                _log.Warning("Could not delete {Folder}: {Message}", folder, error);
    }

    // Last resort when the process ends without disposing (an unhandled exception, Ctrl-C past the engine).
    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (_disposed != 0) return;
        KillPostmaster();
        DeleteFolders();
    }

    /// <summary>Where clusters go when the postgres account cannot reach the given folder (under the system temp folder).</summary>
    public static string FallbackParentDirectory => Path.Combine(Path.GetTempPath(), "pipeline-embedded-postgres");

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

    internal static int FreeLoopbackPort() => LoopbackPort.Free();

    private static string Seconds(TimeSpan span) => Math.Max(1, (int)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
