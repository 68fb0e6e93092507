using Pipeline.Core.Redaction;
using Pipeline.Targets;

namespace Pipeline.Build.Tests;

/// <summary>Runs the real Build class through the engine in a throwaway root and captures the console.</summary>
internal sealed class RealBuildRun : IDisposable
{
    public RealBuildRun()
    {
        Root = Directory.CreateTempSubdirectory("pipeline-build-run-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, ".nuke"));
    }

    public string Root { get; }
    public Dictionary<string, string> Environment { get; } = new();
    public string Console { get; private set; } = "";

    public int Run(params string[] args)
    {
        var output = new StringWriter();
        var exit = BuildHost.Run(new global::Build(), "Test", new BuildHostOptions
        {
            Arguments = args,
            Environment = Environment,
            WorkingDirectory = Root,
            Output = output,
            Redactor = SecretRedactor.Global, // as in the process: build/ writes evidence with the process-wide redactor
        });
        Console = output.ToString();
        return exit;
    }

    /// <summary>Every file under the root, with its text, that the run left (logs, reports, temp files).</summary>
    public IEnumerable<(string Path, string Text)> WrittenFiles() =>
        Directory.GetFiles(Root, "*", SearchOption.AllDirectories).Select(f => (Path.GetRelativePath(Root, f), File.ReadAllText(f)));

    /// <summary>Fails when the value appears in the console or in any file the run left.</summary>
    public void AssertNowhere(string value)
    {
        Assert.DoesNotContain(value, Console);
        foreach (var (path, text) in WrittenFiles())
            Assert.False(text.Contains(value, StringComparison.Ordinal), $"{path} contains '{value}':\n{text}");
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
