using Pipeline.Core.Redaction;

namespace Pipeline.Targets;

/// <summary>Everything the engine takes from its surroundings; tests pass their own.</summary>
public sealed record BuildHostOptions
{
    public required IReadOnlyList<string> Arguments { get; init; }
    public required IReadOnlyDictionary<string, string> Environment { get; init; }
    public required string WorkingDirectory { get; init; }
    public required TextWriter Output { get; init; }
    /// <summary>Where setup errors go (stderr for the process); defaults to <see cref="Output"/>.</summary>
    public TextWriter? ErrorOutput { get; init; }
    public CancellationToken Cancellation { get; init; }
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    public SecretRedactor Redactor { get; init; } = SecretRedactor.Global;
    /// <summary>Replace the process console (Console.Out/Error, Spectre's AnsiConsole) with redacting writers.</summary>
    public bool OwnsProcessConsole { get; init; }

    public static BuildHostOptions FromProcess()
    {
        var redactor = SecretRedactor.Global;
        var output = new RedactingTextWriter(Console.Out, redactor);
        Console.SetOut(output);
        var error = new RedactingTextWriter(Console.Error, redactor);
        Console.SetError(error);
        var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            if (cancellation.IsCancellationRequested) return; // a second Ctrl-C ends the process at once
            e.Cancel = true;
            Console.Error.WriteLine("Ctrl-C: aborting the running target (press again to kill the build)...");
            cancellation.Cancel();
        };
        var environment = System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => e.Value?.ToString() ?? string.Empty);
        return new BuildHostOptions
        {
            Arguments = System.Environment.GetCommandLineArgs().Skip(1).ToArray(),
            Environment = environment,
            WorkingDirectory = Directory.GetCurrentDirectory(),
            Output = output,
            ErrorOutput = error,
            Cancellation = cancellation.Token,
            Redactor = redactor,
            OwnsProcessConsole = true,
        };
    }
}
