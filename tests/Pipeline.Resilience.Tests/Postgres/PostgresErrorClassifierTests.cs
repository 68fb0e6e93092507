using System.Net.Sockets;
using Npgsql;
using Pipeline.Resilience.Postgres;

namespace Pipeline.Resilience.Tests.Postgres;

public sealed class PostgresErrorClassifierTests
{
    private static PostgresException Server(string sqlState) => new("message", "FATAL", "FATAL", sqlState);

    [Theory]
    [InlineData("28P01", PostgresErrorKind.Authentication)]
    [InlineData("28000", PostgresErrorKind.Authentication)]
    [InlineData("3D000", PostgresErrorKind.Configuration)]
    [InlineData("57P01", PostgresErrorKind.Transient)]
    [InlineData("57P03", PostgresErrorKind.Transient)]
    [InlineData("53300", PostgresErrorKind.Transient)]
    [InlineData("40001", PostgresErrorKind.Transient)]
    [InlineData("42601", PostgresErrorKind.Fatal)]
    [InlineData("23505", PostgresErrorKind.Fatal)]
    public void Classifies_server_errors_by_sqlstate(string sqlState, PostgresErrorKind expected) =>
        Assert.Equal(expected, PostgresErrorClassifier.Classify(Server(sqlState)));

    [Fact]
    public void Broken_connections_and_timeouts_are_transient_connection_losses()
    {
        var reset = new NpgsqlException("Exception while reading from stream", new IOException("Connection reset by peer"));
        var refused = new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));
        var timeout = new NpgsqlException("Timeout", new TimeoutException());

        Assert.All(new[] { reset, refused, timeout }, e => Assert.Equal(PostgresErrorKind.Transient, PostgresErrorClassifier.Classify(e)));
        Assert.All(new[] { reset, refused, timeout }, e => Assert.True(PostgresErrorClassifier.IsConnectionLoss(e)));
        Assert.True(PostgresErrorClassifier.IsConnectionLoss(Server("57P01")));
    }

    [Fact]
    public void Unknown_hosts_are_configuration_errors_and_statement_errors_are_no_connection_loss()
    {
        var unknownHost = new NpgsqlException("Failed to connect", new SocketException((int)SocketError.HostNotFound));

        Assert.Equal(PostgresErrorKind.Configuration, PostgresErrorClassifier.Classify(unknownHost));
        Assert.False(PostgresErrorClassifier.IsConnectionLoss(Server("42601")));
        Assert.False(PostgresErrorClassifier.IsTransient(Server("28P01")));
        Assert.Equal(PostgresErrorKind.Fatal, PostgresErrorClassifier.Classify(new InvalidOperationException()));
    }
}
