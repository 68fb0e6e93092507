using Npgsql;
using Pipeline.Core.Redaction;
using Pipeline.Resilience.Postgres;

namespace Pipeline.Resilience.Tests.Postgres;

public sealed class DatabaseUrlTests
{
    [Fact]
    public void Reads_a_supabase_uri_with_an_encoded_password_and_sslmode()
    {
        var redactor = new SecretRedactor();

        var builder = DatabaseUrl.Parse("postgresql://postgres.abcd:p%40ss%2Fw0rd-long@aws-0-eu-central-1.pooler.supabase.com:6543/postgres?sslmode=require", redactor);

        Assert.Equal("postgres.abcd", builder.Username);
        Assert.Equal("p@ss/w0rd-long", builder.Password);
        Assert.Equal("aws-0-eu-central-1.pooler.supabase.com", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("postgres", builder.Database);
        Assert.Equal(SslMode.Require, builder.SslMode);
        Assert.DoesNotContain("p@ss/w0rd-long", redactor.Redact(builder.ConnectionString));
    }

    [Fact]
    public void A_uri_without_port_or_database_gets_the_postgres_defaults()
    {
        var builder = DatabaseUrl.Parse("postgres://app@db.example.org", new SecretRedactor());

        Assert.Equal(5432, builder.Port);
        Assert.Equal("postgres", builder.Database);
        Assert.Equal("app@db.example.org:5432/postgres", DatabaseUrl.Describe(builder));
    }

    [Fact]
    public void Accepts_an_npgsql_connection_string_and_registers_its_password()
    {
        var redactor = new SecretRedactor();

        var builder = DatabaseUrl.Parse("Host=10.0.0.5;Port=5433;Username=app;Password=s3cret-value;Database=main", redactor);

        Assert.Equal(("10.0.0.5", 5433, "main"), (builder.Host, builder.Port, builder.Database));
        Assert.DoesNotContain("s3cret-value", redactor.Redact("password s3cret-value"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Host=db;Bogus Key=s3cret-value-123")]
    [InlineData("postgres://user:s3cret-value-123@db:5432/postgres?sslmode=sometimes")]
    [InlineData("postgres://user:s3cret-value-123@db:5432/postgres?frobnicate=1")]
    public void Bad_input_is_a_clear_error_that_never_quotes_the_password(string value)
    {
        var error = Assert.Throws<FormatException>(() => DatabaseUrl.Parse(value, new SecretRedactor()));

        Assert.DoesNotContain("s3cret-value-123", error.Message);
        Assert.Matches("postgres://|sslmode|parameter|connection string", error.Message);
    }
}
