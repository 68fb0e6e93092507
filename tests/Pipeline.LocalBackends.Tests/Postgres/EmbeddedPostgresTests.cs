using Npgsql;
using Pipeline.Core.Redaction;
using Pipeline.LocalBackends.Postgres;
using Serilog;
using Serilog.Core;

namespace Pipeline.LocalBackends.Tests.Postgres;

public sealed class EmbeddedPostgresTests(EmbeddedPostgresFixture fixture) : IClassFixture<EmbeddedPostgresFixture>
{
    [Fact]
    public async Task Serves_PostgreSQL_15_on_loopback_with_password_authentication()
    {
        var connectionString = await fixture.CreateDatabaseAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        Assert.StartsWith(EmbeddedPostgresFixture.ExpectedVersionPrefix(fixture.Cluster), connection.PostgreSqlVersion.ToString(2) + ".");
        Assert.Equal("127.0.0.1", new NpgsqlConnectionStringBuilder(connectionString).Host);
        await using var command = new NpgsqlCommand("select auth_method from pg_hba_file_rules where type = 'host' limit 1", connection);
        Assert.Equal("scram-sha-256", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Rejects_a_wrong_password_with_28P01()
    {
        var builder = new NpgsqlConnectionStringBuilder(fixture.Cluster.ConnectionString) { Password = "not-the-password", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);

        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
        Assert.Equal(PostgresErrorCodes.InvalidPassword, error.SqlState);
    }

    [Fact]
    public async Task Databases_created_per_test_are_isolated()
    {
        var first = await fixture.CreateDatabaseAsync();
        var second = await fixture.CreateDatabaseAsync();
        await using (var connection = new NpgsqlConnection(first))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand("create table marker(id int)", connection).ExecuteNonQueryAsync();
        }

        await using var other = new NpgsqlConnection(second);
        await other.OpenAsync();
        var exists = await new NpgsqlCommand("select to_regclass('marker') is not null", other).ExecuteScalarAsync();
        Assert.Equal(false, exists);
    }

    [Fact]
    public void The_generated_password_is_masked_by_the_global_redactor()
    {
        var password = new NpgsqlConnectionStringBuilder(fixture.Cluster.ConnectionString).Password!;

        var redacted = SecretRedactor.Global.Redact(fixture.Cluster.ConnectionString);

        Assert.True(password.Length >= 32);
        Assert.DoesNotContain(password, redacted);
    }

    [Fact]
    public void Missing_binaries_are_reported_with_the_install_command()
    {
        var error = Assert.Throws<Pipeline.Core.Errors.UserInputException>(() => EmbeddedPostgres.LocateBinDirectory("/nonexistent/pg/bin"));

        Assert.Contains("/nonexistent/pg/bin", error.Message);
        Assert.Contains("apt-get install postgresql-15", error.Message);
    }
}
