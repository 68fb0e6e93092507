namespace Pipeline.LocalBackends.OpenAIStub;

/// <summary>
/// The answers of one scenario, in order; once the steps are used up every request gets
/// <see cref="Otherwise"/> (a normal answer unless told otherwise). Immutable: every <c>Then</c> returns a new script.
/// </summary>
/// <example><c>OpenAIStubScript.Empty.Then(OpenAIStubStep.Fail("server_error")).Then(OpenAIStubStep.Fail("overloaded"))</c></example>
public sealed record OpenAIStubScript
{
    private OpenAIStubScript(IReadOnlyList<OpenAIStubStep> steps, OpenAIStubStep otherwise)
    {
        Steps = steps;
        Otherwise = otherwise;
    }

    /// <summary>A script that answers every request normally.</summary>
    public static OpenAIStubScript Empty { get; } = new([], OpenAIStubStep.Success());

    public IReadOnlyList<OpenAIStubStep> Steps { get; }

    public OpenAIStubStep Otherwise { get; }

    public OpenAIStubScript Then(OpenAIStubStep step) => new([.. Steps, step], Otherwise);

    public OpenAIStubScript ThenOtherwise(OpenAIStubStep step) => new(Steps, step with { Times = 1, For = null });

    public override string ToString() =>
        string.Join(", ", Steps.Select(s => s.For is { } window ? $"{s.Describe()} for {window.TotalMilliseconds:0} ms" : s.Times > 1 ? $"{s.Describe()} x{s.Times}" : s.Describe()))
        + (Steps.Count > 0 ? ", then " : "") + Otherwise.Describe();
}
