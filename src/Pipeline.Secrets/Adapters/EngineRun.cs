namespace Pipeline.Secrets.Adapters;

/// <summary>Whether an engine ran; the reports name every engine with its version or the reason it did not run.</summary>
public enum EngineStatus { Ran, NotFound, Failed }

/// <summary>One engine's part in a scan.</summary>
public sealed record EngineRun(string Engine, EngineStatus Status, string? Version, TimeSpan Duration, int Findings, string? Message = null)
{
    public string Describe() => Status switch
    {
        EngineStatus.Ran => $"{Engine} {Version ?? "(version unknown)"}: ran in {Duration.TotalSeconds:0.00} s, {Findings} finding(s)",
        EngineStatus.NotFound => $"{Engine}: not run - {Message}",
        _ => $"{Engine}: FAILED - {Message}",
    };
}
