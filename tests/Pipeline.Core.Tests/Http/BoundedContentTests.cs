using Pipeline.Core.Http;

namespace Pipeline.Core.Tests.Http;

public sealed class BoundedContentTests
{
    [Fact]
    public async Task A_body_over_the_cap_is_refused_while_it_streams_and_costs_about_the_cap_in_memory()
    {
        const long body = 256L << 20;
        const int cap = 1 << 20;
        await using var server = await StreamingStubServer.StartAsync(body);
        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri(server.BaseUri, "body"), HttpCompletionOption.ResponseHeadersRead);

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var refused = await Assert.ThrowsAsync<ContentTooLargeException>(() => BoundedContent.ReadStringAsync(response.Content, cap, CancellationToken.None));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.Equal(cap, refused.MaxBytes);
        Assert.Contains("1 MiB", refused.Message);
        // The whole process (server included) allocated a small fraction of the body: it was never held whole.
        Assert.True(allocated < body / 8, $"allocated {allocated >> 20} MiB while refusing a {body >> 20} MiB body");
    }

    [Fact]
    public async Task A_body_within_the_cap_is_read_whole()
    {
        await using var server = await StreamingStubServer.StartAsync(300_000);
        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri(server.BaseUri, "body"), HttpCompletionOption.ResponseHeadersRead);

        var text = await BoundedContent.ReadStringAsync(response.Content, 300_000, CancellationToken.None);

        Assert.Equal(new string('a', 300_000), text);
    }

    [Fact]
    public async Task The_beginning_of_a_huge_body_is_kept_and_the_rest_is_not_read()
    {
        // 4 GiB from one reused buffer: loopback moves 256 MiB in well under a second, so a smaller body could be sent
        // whole before the client's early close reaches the server.
        const long body = 4L << 30;
        await using var server = await StreamingStubServer.StartAsync(body);
        using var client = new HttpClient();
        string text;
        using (var response = await client.GetAsync(new Uri(server.BaseUri, "body"), HttpCompletionOption.ResponseHeadersRead))
            text = await BoundedContent.ReadBeginningAsync(response.Content, 1000, CancellationToken.None);

        Assert.Equal(new string('a', 1000), text);
        Assert.True(server.BytesSent < body, $"the server sent all {server.BytesSent} bytes");
    }
}
