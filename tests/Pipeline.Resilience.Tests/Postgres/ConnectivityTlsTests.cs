using Npgsql;
using Pipeline.LocalBackends.Postgres;
using Pipeline.Resilience.Postgres;
using Serilog.Core;

namespace Pipeline.Resilience.Tests.Postgres;

/// <summary>The TLS step against a real server that offers TLS (a self-signed certificate).</summary>
public sealed class ConnectivityTlsTests : IAsyncLifetime
{
    private EmbeddedPostgres _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await EmbeddedPostgres.CreateAsync(new EmbeddedPostgresSettings(EmbeddedPostgresFixture.TestClustersDirectory) { Tls = true }, Logger.None);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Sslmode_require_reports_an_encrypted_connection()
    {
        var builder = new NpgsqlConnectionStringBuilder(_cluster.ConnectionString) { SslMode = SslMode.Require };

        var result = await ConnectivityTest.RunAsync(new ConnectivityTestSettings(builder.ConnectionString) { Samples = 3 }, Logger.None);

        Assert.True(result.Healthy, result.Failure?.Message);
        Assert.True(result.TlsUsed);
        var tls = result.Steps.Single(s => s.Name == "tls");
        Assert.Equal((StepOutcome.Pass, "encrypted (sslmode=Require)"), (tls.Outcome, tls.Detail));
    }

    [Fact]
    public async Task Sslmode_disable_reports_an_unencrypted_connection_even_when_the_server_offers_tls()
    {
        var builder = new NpgsqlConnectionStringBuilder(_cluster.ConnectionString) { SslMode = SslMode.Disable };

        var result = await ConnectivityTest.RunAsync(new ConnectivityTestSettings(builder.ConnectionString) { Samples = 3 }, Logger.None);

        Assert.True(result.Healthy, result.Failure?.Message);
        Assert.False(result.TlsUsed);
    }

    [Fact]
    public async Task Verify_full_without_the_ca_fails_at_the_tls_step_as_configuration()
    {
        var builder = new NpgsqlConnectionStringBuilder(_cluster.ConnectionString) { SslMode = SslMode.VerifyFull };

        var result = await ConnectivityTest.RunAsync(new ConnectivityTestSettings(builder.ConnectionString), Logger.None);

        Assert.Equal("tls", result.Failure!.Step);
        Assert.Equal(PostgresErrorKind.Configuration, result.Failure.Kind);
    }
}
