using Pipeline.Core.Redaction;
using Pipeline.Targets;

namespace Pipeline.Targets.Tests;

/// <summary>Runs a test build in a throwaway root folder and captures everything it prints.</summary>
internal sealed class BuildRun : IDisposable
{
    public BuildRun()
    {
        Root = Directory.CreateTempSubdirectory("pipeline-engine-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, ".nuke"));
    }

    public string Root { get; }
    public Dictionary<string, string> Environment { get; } = new();
    public StringWriter Output { get; private set; } = new();
    public SecretRedactor Redactor { get; } = new();
    public CancellationTokenSource Cancellation { get; } = new();
    public string WorkingDirectory { get; set; } = "";

    public int Run(NukeBuild build, string defaultTarget, params string[] args)
    {
        Output = new StringWriter();
        return BuildHost.Run(build, defaultTarget, new BuildHostOptions
        {
            Arguments = args,
            Environment = Environment,
            WorkingDirectory = WorkingDirectory.Length > 0 ? WorkingDirectory : Root,
            Output = Output,
            Redactor = Redactor,
            Cancellation = Cancellation.Token,
        });
    }

    public string Text => Output.ToString();

    /// <summary>Everything the run left on disk that a person could read: the log files.</summary>
    public string LogFiles => string.Concat(Directory.Exists(Path.Combine(Root, "reports", "logs"))
        ? Directory.GetFiles(Path.Combine(Root, "reports", "logs")).Select(File.ReadAllText) : []);

    public void WriteParameters(string json, string? profile = null) =>
        File.WriteAllText(Path.Combine(Root, ".nuke", profile is null ? "parameters.json" : $"parameters.{profile}.json"), json);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
