namespace Pipeline.LocalBackends.OpenAIStub;

/// <summary>Where one scenario is in its script; picks the step for each arriving request.</summary>
internal sealed class OpenAIStubScriptCursor(OpenAIStubScript script)
{
    private readonly object _gate = new();
    private int _index;
    private int _servedInStep;
    private DateTimeOffset? _stepStartedAt;

    public OpenAIStubScript Script { get; } = script;

    public OpenAIStubStep Next(DateTimeOffset now)
    {
        lock (_gate)
        {
            while (_index < Script.Steps.Count)
            {
                var step = Script.Steps[_index];
                if (step.For is { } window)
                {
                    _stepStartedAt ??= now;
                    if (now - _stepStartedAt.Value < window) return step;
                }
                else if (_servedInStep < step.Times)
                {
                    _servedInStep++;
                    return step;
                }
                _index++;
                _servedInStep = 0;
                _stepStartedAt = null;
            }
            return Script.Otherwise;
        }
    }
}
