using System.Diagnostics;
using Npgsql;
using Pipeline.Core.Redaction;
using Pipeline.LocalBackends.Postgres;
using Pipeline.Resilience.Postgres;
using Serilog.Core;

namespace Pipeline.Resilience.Tests.Postgres;

public sealed class ConnectivityTestTests(EmbeddedPostgresFixture fixture) : IClassFixture<EmbeddedPostgresFixture>
{
    [Fact]
    public async Task A_running_server_is_healthy_with_every_step_measured()
    {
        var settings = new ConnectivityTestSettings(await fixture.CreateDatabaseAsync()) { Samples = 7 };

        var result = await ConnectivityTest.RunAsync(settings, Logger.None);

        Assert.True(result.Healthy, result.Failure?.Message);
        Assert.Equal(7, result.SelectLatencies.Count);
        Assert.NotNull(result.Latency);
        Assert.True(result.Latency.P50 <= result.Latency.P95);
        Assert.StartsWith(EmbeddedPostgresFixture.ExpectedVersionPrefix(fixture.Cluster), result.ServerVersion);
        Assert.Equal(SupabasePoolerMode.None, result.Pooler);
        Assert.False(result.TlsUsed);
        Assert.NotNull(result.TcpConnectTime);
        Assert.Contains(result.Extensions, e => e.Name == "pgcrypto" && e.AvailableVersion is not null && e.InstalledVersion is null);
        Assert.Contains(result.Extensions, e => e.Name == "pg_graphql" && e.State == "missing");
        Assert.Equal(["pooler", "dns", "tcp", "tls", "auth", "select 1", "server", "extensions"], result.Steps.Select(s => s.Name));
    }

    [Fact]
    public async Task A_wrong_password_fails_fast_as_a_non_transient_authentication_error()
    {
        var wrong = new NpgsqlConnectionStringBuilder(fixture.Cluster.ConnectionString) { Password = "wrong-password-123" };
        var watch = Stopwatch.StartNew();

        var result = await ConnectivityTest.RunAsync(new ConnectivityTestSettings(wrong.ConnectionString), Logger.None);

        Assert.False(result.Healthy);
        Assert.Equal(PostgresErrorKind.Authentication, result.Failure!.Kind);
        Assert.Equal("28P01", result.Failure.SqlState);
        Assert.False(result.Failure.IsTransient);
        Assert.Contains("password is wrong", result.Failure.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        Assert.DoesNotContain("wrong-password-123", ConnectivityReport.Render(result));
    }

    [Fact]
    public async Task A_server_that_is_not_running_fails_fast_at_the_tcp_step()
    {
        var port = EmbeddedPostgres.FreeLoopbackPort();
        var watch = Stopwatch.StartNew();

        var result = await ConnectivityTest.RunAsync(new ConnectivityTestSettings($"postgres://postgres:whatever-123@127.0.0.1:{port}/postgres"), Logger.None);

        Assert.Equal("tcp", result.Failure!.Step);
        Assert.Contains("Connection refused", result.Failure.Message);
        Assert.Contains("running", result.Failure.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Sslmode_require_against_a_server_without_tls_is_a_tls_configuration_error()
    {
        var builder = new NpgsqlConnectionStringBuilder(fixture.Cluster.ConnectionString) { SslMode = SslMode.Require };

        var result = await ConnectivityTest.RunAsync(new ConnectivityTestSettings(builder.ConnectionString), Logger.None);

        Assert.Equal("tls", result.Failure!.Step);
        Assert.Equal(PostgresErrorKind.Configuration, result.Failure.Kind);
    }

    [Fact]
    public async Task A_missing_database_is_a_configuration_error()
    {
        var builder = new NpgsqlConnectionStringBuilder(fixture.Cluster.ConnectionString) { Database = "no_such_db" };

        var result = await ConnectivityTest.RunAsync(new ConnectivityTestSettings(builder.ConnectionString), Logger.None);

        Assert.Equal(PostgresErrorKind.Configuration, result.Failure!.Kind);
        Assert.Equal("3D000", result.Failure.SqlState);
    }

    [Fact]
    public async Task An_endpoint_on_port_6543_is_treated_as_a_transaction_pooler_without_prepared_statements()
    {
        var server = new NpgsqlConnectionStringBuilder(await fixture.CreateDatabaseAsync()) { MaxAutoPrepare = 20 };
        Pipeline.Resilience.Faults.FaultProxy proxy;
        try
        {
            // A pass-through proxy on Supavisor's transaction port stands in for the pooler.
            proxy = Pipeline.Resilience.Faults.FaultProxy.Start(new Pipeline.Resilience.Faults.FaultProxySettings(
                new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, server.Port)) { Listen = new(System.Net.IPAddress.Loopback, ConnectivityTest.SupabaseTransactionPoolerPort) }, Logger.None);
        }
        catch (System.Net.Sockets.SocketException)
        {
            return; // port 6543 is taken on this machine; DetectPooler's unit cases still cover the rule
        }
        await using var _ = proxy;
        var viaPooler = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Port = ConnectivityTest.SupabaseTransactionPoolerPort };

        var result = await ConnectivityTest.RunAsync(new ConnectivityTestSettings(viaPooler.ConnectionString) { Samples = 3 }, Logger.None);

        Assert.True(result.Healthy, result.Failure?.Message);
        Assert.Equal(SupabasePoolerMode.Transaction, result.Pooler);
        Assert.Contains("Max Auto Prepare=20 would break here", result.Steps.Single(s => s.Name == "pooler").Detail);
    }

    [Theory]
    [InlineData("db.abcd.supabase.co", 5432, SupabasePoolerMode.None)]
    [InlineData("aws-0-eu-central-1.pooler.supabase.com", 6543, SupabasePoolerMode.Transaction)]
    [InlineData("aws-0-eu-central-1.pooler.supabase.com", 5432, SupabasePoolerMode.Session)]
    [InlineData("127.0.0.1", 6543, SupabasePoolerMode.Transaction)]
    public void Detects_supabase_pooler_modes_from_the_address(string host, int port, SupabasePoolerMode expected) =>
        Assert.Equal(expected, ConnectivityTest.DetectPooler(host, port));

    [Fact]
    public async Task The_report_names_each_step_and_the_verdict_without_the_password()
    {
        var connectionString = await fixture.CreateDatabaseAsync();
        var password = new NpgsqlConnectionStringBuilder(connectionString).Password!;

        var report = ConnectivityReport.Render(await ConnectivityTest.RunAsync(new ConnectivityTestSettings(connectionString) { Samples = 3 }, Logger.None));

        Assert.Contains("[PASS] select 1", report);
        Assert.Contains("Result: HEALTHY", report);
        Assert.DoesNotContain(password, SecretRedactor.Global.Redact(report));
        Assert.DoesNotContain(password, report);
    }
}
