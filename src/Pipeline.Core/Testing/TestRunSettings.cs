namespace Pipeline.Core.Testing;

/// <summary>What the Test target runs: the test solution filter under <see cref="Root"/>, in a configuration, optionally filtered.</summary>
public sealed record TestRunSettings(string Root)
{
    public const string DefaultConfiguration = "Debug";

    public string Configuration { get; init; } = DefaultConfiguration;

    /// <summary>A <c>dotnet test --filter</c> expression; null runs every test.</summary>
    public string? Filter { get; init; }
}
