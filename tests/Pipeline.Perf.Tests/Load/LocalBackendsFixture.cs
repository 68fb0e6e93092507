using Pipeline.LocalBackends;
using Pipeline.Perf.Load;
using Serilog;

namespace Pipeline.Perf.Tests.Load;

/// <summary>One embedded PostgreSQL cluster and one OpenAI stub (20 ms completions) shared by a test class.</summary>
public sealed class LocalBackendsFixture : IAsyncLifetime
{
    private readonly string _temp = Directory.CreateTempSubdirectory("p95-backends-").FullName;

    public LocalBackendSet Backends { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The cluster folder must be reachable by the postgres account when the tests run as root.
        File.SetUnixFileMode(_temp, (UnixFileMode)0b111_101_101);
        Backends = await LocalBackendSet.Embedded(_temp, TimeSpan.FromMilliseconds(20), TimeSpan.Zero)(new LoggerConfiguration().CreateLogger(), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Backends.DisposeAsync();
        try { Directory.Delete(_temp, recursive: true); } catch (IOException) { }
    }
}
