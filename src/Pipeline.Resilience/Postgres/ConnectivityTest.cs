using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Serilog;

namespace Pipeline.Resilience.Postgres;

/// <summary>
/// Checks a PostgreSQL endpoint step by step (DNS, TCP connect, TLS and login, <c>select 1</c> round trips,
/// server version, pooler mode, extensions) and stops at the first failing step with a message that says
/// what is wrong and what to do. Nothing is retried: a wrong password fails at once, a server that is not
/// running fails within the connect timeout.
/// </summary>
internal static class ConnectivityTest
{
    public const int SupabaseTransactionPoolerPort = 6543;

    public static async Task<ConnectivityResult> RunAsync(ConnectivityTestSettings settings, ILogger log, CancellationToken cancellationToken = default)
    {
        var probe = new Probe(settings, log.ForContext(typeof(ConnectivityTest)));
        return await probe.RunAsync(cancellationToken);
    }

    /// <summary>The pooler mode implied by the address (Supavisor: 6543 transaction, *.pooler.supabase.com:5432 session).</summary>
    public static SupabasePoolerMode DetectPooler(string host, int port) =>
        port == SupabaseTransactionPoolerPort ? SupabasePoolerMode.Transaction
        : host.EndsWith(".pooler.supabase.com", StringComparison.OrdinalIgnoreCase) ? SupabasePoolerMode.Session
        : SupabasePoolerMode.None;

    private sealed class Probe(ConnectivityTestSettings settings, ILogger log)
    {
        private readonly List<ConnectivityStep> _steps = [];
        private readonly Stopwatch _total = new();
        private readonly List<TimeSpan> _samples = [];
        private DateTimeOffset _started;
        private string _endpoint = "(unreadable database URL)";
        private IReadOnlyList<string> _addresses = [];
        private TimeSpan? _dns, _tcp, _login;
        private bool? _tls;
        private string? _version;
        private SupabasePoolerMode _pooler;
        private IReadOnlyList<ExtensionStatus> _extensions = [];

        public async Task<ConnectivityResult> RunAsync(CancellationToken cancellationToken)
        {
            _started = settings.Clock.GetUtcNow();
            _total.Start();
            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = DatabaseUrl.Parse(settings.ConnectionString);
            }
            catch (FormatException exception)
            {
                return Fail("settings", PostgresErrorKind.Configuration, exception.Message);
            }
            _endpoint = DatabaseUrl.Describe(builder);
            log.Information("Connectivity test of {Endpoint} ({Source})", _endpoint, settings.Source);

            _pooler = DetectPooler(builder.Host!, builder.Port);
            AddPoolerStep(builder);

            if (builder.Host!.StartsWith('/'))
            {
                Add(new ConnectivityStep("dns", StepOutcome.Skipped, $"unix socket {builder.Host}"));
                Add(new ConnectivityStep("tcp", StepOutcome.Skipped, "unix socket"));
            }
            else
            {
                var addresses = await ResolveAsync(builder.Host!, cancellationToken);
                if (addresses is null) return Result();
                if (!await ConnectTcpAsync(addresses, builder.Port, cancellationToken)) return Result();
            }

            builder.Pooling = false;
            builder.Timeout = Math.Max(1, (int)Math.Ceiling(settings.ConnectTimeout.TotalSeconds));
            builder.CommandTimeout = Math.Max(1, (int)Math.Ceiling(settings.QueryTimeout.TotalSeconds));
            builder.ApplicationName ??= "pipeline-connectivity-test";
            await using var connection = await LoginAsync(builder, cancellationToken);
            if (connection is null) return Result();

            try
            {
                await MeasureRoundTripsAsync(connection, cancellationToken);
                await ReadServerAsync(connection, cancellationToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                return Fail("query", PostgresErrorClassifier.Classify(exception),
                    $"The connection was established but a query failed: {exception.Message}", (exception as PostgresException)?.SqlState);
            }
            log.Information("Database {Endpoint} is healthy: select 1 p50 {P50:0.00} ms, p95 {P95:0.00} ms",
                _endpoint, LatencySummary.Of(_samples)!.P50.TotalMilliseconds, LatencySummary.Of(_samples)!.P95.TotalMilliseconds);
            return Result();
        }

        private void AddPoolerStep(NpgsqlConnectionStringBuilder builder)
        {
            switch (_pooler)
            {
                case SupabasePoolerMode.Transaction:
                    // A transaction pooler hands each transaction to any server connection: prepared statements vanish.
                    var detail = builder.MaxAutoPrepare > 0
                        ? $"Supabase transaction pooler (port {SupabaseTransactionPoolerPort}): the given Max Auto Prepare={builder.MaxAutoPrepare} would break here; the test uses 0. Set 'Max Auto Prepare=0' in the application."
                        : $"Supabase transaction pooler (port {SupabaseTransactionPoolerPort}): prepared statements disabled (Max Auto Prepare=0)";
                    builder.MaxAutoPrepare = 0;
                    Add(new ConnectivityStep("pooler", StepOutcome.Info, detail));
                    break;
                case SupabasePoolerMode.Session:
                    Add(new ConnectivityStep("pooler", StepOutcome.Info, "Supabase session pooler: one server connection per client session; prepared statements work"));
                    break;
                default:
                    Add(new ConnectivityStep("pooler", StepOutcome.Info, "none detected (direct connection)"));
                    break;
            }
        }

        private async Task<IPAddress[]?> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            if (IPAddress.TryParse(host, out var literal))
            {
                _addresses = [literal.ToString()];
                _dns = TimeSpan.Zero;
                Add(new ConnectivityStep("dns", StepOutcome.Pass, $"{host} is an IP address (no lookup)", TimeSpan.Zero));
                return [literal];
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.ConnectTimeout);
            try
            {
                var addresses = await Dns.GetHostAddressesAsync(host, timeout.Token);
                _dns = watch.Elapsed;
                _addresses = addresses.Select(a => a.ToString()).ToArray();
                if (addresses.Length == 0) throw new SocketException((int)SocketError.HostNotFound);
                Add(new ConnectivityStep("dns", StepOutcome.Pass, $"{host} -> {string.Join(", ", _addresses)}", _dns));
                return addresses;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Fail("dns", PostgresErrorKind.Transient, $"DNS did not resolve {host} within {settings.ConnectTimeout.TotalSeconds:0.#} s. Check the machine's DNS (resolv.conf) or use the IP address.", duration: watch.Elapsed);
                return null;
            }
            catch (SocketException exception)
            {
                Fail("dns", PostgresErrorKind.Configuration, $"The host {host} does not resolve ({exception.SocketErrorCode}). Check the host in the database URL (Supabase: Project Settings > Database > Connection string).", duration: watch.Elapsed);
                return null;
            }
        }

        private async Task<bool> ConnectTcpAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken)
        {
            var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses[0];
            var endpoint = new IPEndPoint(address, port);
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.ConnectTimeout);
            var watch = Stopwatch.StartNew();
            try
            {
                await socket.ConnectAsync(endpoint, timeout.Token);
                _tcp = watch.Elapsed;
                Add(new ConnectivityStep("tcp", StepOutcome.Pass, $"connected to {endpoint}", _tcp));
                return true;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Fail("tcp", PostgresErrorKind.Transient, $"No answer from {endpoint} within {settings.ConnectTimeout.TotalSeconds:0.#} s: a firewall drops the packets or the host is down. Check the host and port, and that this network may reach it.", duration: watch.Elapsed);
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionRefused)
            {
                Fail("tcp", PostgresErrorKind.Transient, $"Connection refused by {endpoint}: nothing listens there. Is the PostgreSQL server running on that port (Supabase: is the project paused)?", duration: watch.Elapsed);
            }
            catch (SocketException exception)
            {
                Fail("tcp", PostgresErrorKind.Transient, $"Cannot reach {endpoint}: {exception.SocketErrorCode} ({exception.Message}). Check the network route to the database.", duration: watch.Elapsed);
            }
            return false;
        }

        private async Task<NpgsqlConnection?> LoginAsync(NpgsqlConnectionStringBuilder builder, CancellationToken cancellationToken)
        {
            var connection = new NpgsqlConnection(builder.ConnectionString);
            // Npgsql asks for TLS options only after the server agreed to TLS, so this records what was negotiated.
            var tlsNegotiated = false;
            connection.SslClientAuthenticationOptionsCallback = _ => tlsNegotiated = true;
            var watch = Stopwatch.StartNew();
            try
            {
                await connection.OpenAsync(cancellationToken);
                _login = watch.Elapsed;
                _tls = tlsNegotiated;
                Add(_tls == true
                    ? new ConnectivityStep("tls", StepOutcome.Pass, $"encrypted (sslmode={builder.SslMode})")
                    : new ConnectivityStep("tls", StepOutcome.Info, IsLoopback(builder.Host!)
                        ? $"not used (loopback, sslmode={builder.SslMode})"
                        : $"NOT used (sslmode={builder.SslMode}): traffic is unencrypted; set sslmode=require for Supabase"));
                Add(new ConnectivityStep("auth", StepOutcome.Pass, $"logged in as {builder.Username} to {connection.Database}", _login));
                return connection;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                await connection.DisposeAsync();
                var (step, kind, message) = Explain(exception, builder);
                Fail(step, kind, message, (exception as PostgresException)?.SqlState, watch.Elapsed);
                return null;
            }
        }

        private (string Step, PostgresErrorKind Kind, string Message) Explain(Exception exception, NpgsqlConnectionStringBuilder builder)
        {
            var user = builder.Username;
            return exception switch
            {
                PostgresException { SqlState: PostgresErrorCodes.InvalidPassword } => ("auth", PostgresErrorKind.Authentication,
                    $"Authentication failed for user '{user}' (28P01 invalid_password): the password is wrong. Not retried. " +
                    "Fix the password in DATABASE_URL (Supabase: Project Settings > Database > Reset database password)."),
                PostgresException { SqlState: PostgresErrorCodes.InvalidAuthorizationSpecification } postgres => ("auth", PostgresErrorKind.Authentication,
                    $"The server refused user '{user}' (28000): {postgres.MessageText}. Not retried. Check the user name and the server's pg_hba.conf / network restrictions."),
                PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } postgres => ("auth", PostgresErrorKind.Configuration,
                    $"The database does not exist (3D000): {postgres.MessageText}. Check the database name in the URL (Supabase: 'postgres')."),
                NpgsqlException { InnerException: System.Security.Authentication.AuthenticationException tls } => ("tls", PostgresErrorKind.Configuration,
                    $"The TLS handshake failed: {tls.Message}. Check sslmode and the server certificate (verify-full needs the Supabase CA)."),
                NpgsqlException npgsql when builder.SslMode >= SslMode.Require && npgsql.Message.Contains("SSL", StringComparison.OrdinalIgnoreCase) => ("tls", PostgresErrorKind.Configuration,
                    $"sslmode={builder.SslMode} requires TLS but the server does not offer it: {npgsql.Message}"),
                NpgsqlException { InnerException: TimeoutException } or TimeoutException => ("auth", PostgresErrorKind.Transient,
                    $"The server accepted TCP but did not complete the login within {settings.ConnectTimeout.TotalSeconds:0.#} s (overloaded, or not a PostgreSQL server)."),
                _ => ("auth", PostgresErrorClassifier.Classify(exception), $"Login failed: {exception.Message}"),
            };
        }

        private async Task MeasureRoundTripsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand("select 1", connection);
            await command.ExecuteScalarAsync(cancellationToken); // warm-up: type loading, first-packet costs
            for (var i = 0; i < settings.Samples; i++)
            {
                var watch = Stopwatch.StartNew();
                await command.ExecuteScalarAsync(cancellationToken);
                _samples.Add(watch.Elapsed);
            }
            var summary = LatencySummary.Of(_samples);
            Add(summary is null
                ? new ConnectivityStep("select 1", StepOutcome.Skipped, "0 samples requested")
                : new ConnectivityStep("select 1", StepOutcome.Pass,
                    $"{summary.Count} samples: p50 {summary.P50.TotalMilliseconds:0.000} ms, p95 {summary.P95.TotalMilliseconds:0.000} ms, " +
                    $"min {summary.Min.TotalMilliseconds:0.000} ms, max {summary.Max.TotalMilliseconds:0.000} ms"));
        }

        private async Task ReadServerAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
        {
            await using (var version = new NpgsqlCommand("show server_version", connection))
                _version = (string?)await version.ExecuteScalarAsync(cancellationToken);
            Add(new ConnectivityStep("server", StepOutcome.Info, $"PostgreSQL {_version}"));

            await using var extensions = new NpgsqlCommand(
                "select name, default_version, installed_version from pg_available_extensions where name = any(@names)", connection);
            extensions.Parameters.AddWithValue("names", settings.Extensions.ToArray());
            var found = new Dictionary<string, ExtensionStatus>(StringComparer.Ordinal);
            await using (var reader = await extensions.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken))
                    found[reader.GetString(0)] = new ExtensionStatus(reader.GetString(0),
                        reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(1) ? null : reader.GetString(1));
            _extensions = settings.Extensions.Select(name => found.GetValueOrDefault(name) ?? new ExtensionStatus(name, null, null)).ToArray();
            Add(new ConnectivityStep("extensions", StepOutcome.Info, _extensions.Count == 0 ? "none checked"
                : string.Join(", ", _extensions.Select(e => $"{e.Name} {e.State}"))));
        }

        private void Add(ConnectivityStep step)
        {
            _steps.Add(step);
            log.Debug("{Step}: {Outcome} {Detail}", step.Name, step.Outcome, step.Detail);
        }

        private ConnectivityFailure? _failure;

        private ConnectivityResult Fail(string step, PostgresErrorKind kind, string message, string? sqlState = null, TimeSpan? duration = null)
        {
            _failure = new ConnectivityFailure(step, kind, message, sqlState);
            Add(new ConnectivityStep(step, StepOutcome.Fail, message, duration));
            log.Error("Connectivity test of {Endpoint} failed at {Step} ({Kind}): {Message}", _endpoint, step, kind, message);
            return Result();
        }

        private ConnectivityResult Result() => new()
        {
            Endpoint = _endpoint,
            Source = settings.Source,
            StartedAt = _started,
            Duration = _total.Elapsed,
            Steps = _steps.ToArray(),
            Failure = _failure,
            ResolvedAddresses = _addresses,
            DnsTime = _dns,
            TcpConnectTime = _tcp,
            LoginTime = _login,
            TlsUsed = _tls,
            SelectLatencies = _samples.ToArray(),
            Latency = LatencySummary.Of(_samples),
            ServerVersion = _version,
            Pooler = _pooler,
            Extensions = _extensions,
        };

        private static bool IsLoopback(string host) =>
            host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
