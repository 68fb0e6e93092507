namespace Pipeline.LocalBackends.OpenAIStub;

/// <summary>Settings of the OpenAI stub server; every property has a usable default.</summary>
public sealed record OpenAIStubOptions
{
    /// <summary>The key the stub accepts when none is given. Long enough for the redactor to mask it.</summary>
    public const string DefaultApiKey = "sk-pipeline-stub-0000000000000000";

    /// <summary>The scenario of requests sent to <see cref="OpenAIStubServer.BaseUrl"/> (no scenario in the path).</summary>
    public const string DefaultScenario = "default";

    /// <summary>The bearer key the stub accepts; null accepts any request (no key check).</summary>
    public string? ApiKey { get; init; } = DefaultApiKey;

    /// <summary>Loopback port; 0 lets the OS pick a free one.</summary>
    public int Port { get; init; }

    /// <summary>How long a normal answer takes (what a real model call costs, for latency measurements).</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;

    /// <summary>Uniform jitter around <see cref="Latency"/>: each answer takes Latency ± up to this much (never below zero).</summary>
    public TimeSpan LatencyJitter { get; init; } = TimeSpan.Zero;

    /// <summary>Scripts by scenario name; a scenario without a script answers every request normally.</summary>
    public IReadOnlyDictionary<string, OpenAIStubScript> Scenarios { get; init; } = new Dictionary<string, OpenAIStubScript>();

    /// <summary>The model named in answers when the request names none, and listed by <c>GET /v1/models</c>.</summary>
    public IReadOnlyList<string> Models { get; init; } = ["gpt-4o-mini", "gpt-4o"];

    /// <summary>Clock for attempt timestamps, step windows and latency.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Seed for the latency jitter and request ids; null picks a random seed.</summary>
    public int? Seed { get; init; }

    /// <summary>Where the stub logs each answer (Debug level); null logs nothing.</summary>
    public Serilog.ILogger? Log { get; init; }

    internal void Validate()
    {
        if (Port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(Port), Port, "Use 0 (any free port) or a port number up to 65535.");
        if (Latency < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Latency), Latency, "Latency cannot be negative.");
        if (LatencyJitter < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(LatencyJitter), LatencyJitter, "Jitter cannot be negative.");
        if (Models.Count == 0) throw new ArgumentException("List at least one model.", nameof(Models));
        foreach (var name in Scenarios.Keys)
            if (string.IsNullOrWhiteSpace(name) || name.Contains('/')) throw new ArgumentException($"Scenario name '{name}' must be non-empty and contain no '/'.", nameof(Scenarios));
    }
}
