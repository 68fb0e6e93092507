using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Pipeline.Perf.Tests.K6Results;

/// <summary>The real k6 v0.47.0 output in tests/fixtures/k6 and temp files derived from it.</summary>
internal sealed class K6Fixture : IDisposable
{
    public static string Ndjson => Path.Combine(AppContext.BaseDirectory, "fixtures", "k6", "k6-run-B.ndjson");
    public static string SummaryExport => Path.Combine(AppContext.BaseDirectory, "fixtures", "k6", "k6-run-B.summary.json");

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "k6fixture-" + Guid.NewGuid().ToString("N"));

    public K6Fixture() => System.IO.Directory.CreateDirectory(Directory);

    public static JsonObject Summary => (JsonObject)JsonNode.Parse(File.ReadAllText(SummaryExport))!;

    public string Write(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public string WriteGzip(string name, byte[] content)
    {
        var path = Path.Combine(Directory, name);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        gzip.Write(content);
        return path;
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
