using System.Collections;

namespace Pipeline.Targets.CI;

/// <summary>
/// A YAML mapping that keeps its keys in insertion order, so generated files are stable. Values are strings,
/// integers, booleans, nested maps or lists of those; null values are left out.
/// </summary>
public sealed class YamlMap : IEnumerable<KeyValuePair<string, object>>
{
    private readonly List<KeyValuePair<string, object>> _entries = [];

    public void Add(string key, object? value)
    {
        if (value is not null) _entries.Add(new(key, value));
    }

    public object? this[string key] => _entries.FirstOrDefault(e => e.Key == key).Value;

    public int Count => _entries.Count;

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _entries.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
