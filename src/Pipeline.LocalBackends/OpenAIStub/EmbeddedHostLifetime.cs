using Microsoft.Extensions.Hosting;

namespace Pipeline.LocalBackends.OpenAIStub;

/// <summary>
/// Host lifetime for a server embedded in another program: unlike the default console lifetime it does not
/// take over SIGINT/SIGTERM, so Ctrl-C and <c>kill</c> reach the build, which then stops the server itself.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
