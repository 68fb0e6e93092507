namespace Pipeline.Perf.Load;

/// <summary>Which engine RunP95 uses: k6 when it is installed (auto), always k6, or always the built-in one.</summary>
public enum LoadEngineChoice
{
    Auto,
    K6,
    Builtin,
}
