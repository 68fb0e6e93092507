namespace Pipeline.Secrets.Adapters;

/// <summary>How to run one external scanner: where it is (null: look on PATH) and how long it may take.</summary>
public sealed record ExternalEngineSettings
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public string? ExecutablePath { get; init; }
    /// <summary>The folders searched for the tool (PATH syntax); null means this process's PATH.</summary>
    public string? SearchPath { get; init; }

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>Off turns the engine off even when it is on PATH.</summary>
    public bool Enabled { get; init; } = true;
}
