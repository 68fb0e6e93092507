namespace Pipeline.LocalBackends.OpenAIStub;

/// <summary>One of OpenAI's real error answers: the status, the headers that came with it and the JSON body.</summary>
public sealed record OpenAIErrorFixture(string Name, int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The same answer with some headers replaced or added (say a shorter <c>retry-after-ms</c> for a drill).</summary>
    public OpenAIErrorFixture WithHeaders(params (string Name, string Value)[] headers)
    {
        var merged = new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers) merged[name] = value;
        return this with { Headers = merged };
    }

    /// <summary>The same answer without the named headers.</summary>
    public OpenAIErrorFixture WithoutHeaders(params string[] names)
    {
        var kept = new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase);
        foreach (var name in names) kept.Remove(name);
        return this with { Headers = kept };
    }
}
