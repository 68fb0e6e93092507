namespace Pipeline.Evidence.Gate;

/// <summary>Several gates as one: a file is scanned by each, findings are concatenated.</summary>
internal sealed class CompositeSecretGate(params ISecretGate[] gates) : ISecretGate
{
    public string Name => string.Join(" + ", gates.Select(g => g.Name));

    public IReadOnlyList<GateFinding> Scan(string path) => gates.SelectMany(g => g.Scan(path)).ToList();
}
