namespace Pipeline.LocalBackends.OpenAIStub;

/// <summary>
/// One step of a scenario script: an answer, given <see cref="Times"/> times in a row, or for every request
/// that arrives within <see cref="For"/> of the step's first request (a sustained outage).
/// </summary>
public sealed record OpenAIStubStep
{
    private OpenAIStubStep(OpenAIStubAnswerKind kind) => Kind = kind;

    public OpenAIStubAnswerKind Kind { get; }

    /// <summary>The error answer, for <see cref="OpenAIStubAnswerKind.Error"/>.</summary>
    public OpenAIErrorFixture? Error { get; private init; }

    /// <summary>How long a <see cref="OpenAIStubAnswerKind.Stall"/> holds the request.</summary>
    public TimeSpan StallFor { get; private init; }

    /// <summary>How many requests in a row get this answer (ignored when <see cref="For"/> is set).</summary>
    public int Times { get; init; } = 1;

    /// <summary>When set, every request within this window from the step's first request gets this answer.</summary>
    public TimeSpan? For { get; init; }

    public static OpenAIStubStep Success() => new(OpenAIStubAnswerKind.Success);

    public static OpenAIStubStep Fail(OpenAIErrorFixture error) => new(OpenAIStubAnswerKind.Error) { Error = error };

    /// <summary>An answer from <see cref="OpenAIErrorCatalog"/> by case name.</summary>
    public static OpenAIStubStep Fail(string errorCase) => Fail(OpenAIErrorCatalog.Get(errorCase));

    public static OpenAIStubStep Stall(TimeSpan duration) =>
        duration > TimeSpan.Zero
            ? new(OpenAIStubAnswerKind.Stall) { StallFor = duration }
            : throw new ArgumentOutOfRangeException(nameof(duration), duration, "A stall must last longer than zero.");

    public static OpenAIStubStep Garbage() => new(OpenAIStubAnswerKind.Garbage);

    public static OpenAIStubStep Drop() => new(OpenAIStubAnswerKind.Drop);

    public OpenAIStubStep Repeat(int times) =>
        times >= 1 ? this with { Times = times, For = null } : throw new ArgumentOutOfRangeException(nameof(times), times, "A step is given at least once.");

    public OpenAIStubStep During(TimeSpan window) =>
        window > TimeSpan.Zero ? this with { For = window } : throw new ArgumentOutOfRangeException(nameof(window), window, "The window must be longer than zero.");

    /// <summary>A short human description, used in the stub's attempt records and in drill reports.</summary>
    public string Describe() => Kind switch
    {
        OpenAIStubAnswerKind.Success => "200 ok",
        OpenAIStubAnswerKind.Error => $"{Error!.Status} {Error.Name}",
        OpenAIStubAnswerKind.Stall => $"stall {StallFor.TotalMilliseconds:0} ms then 200",
        OpenAIStubAnswerKind.Garbage => "200 garbage (not JSON)",
        OpenAIStubAnswerKind.Drop => "connection dropped",
        _ => Kind.ToString(),
    };
}
