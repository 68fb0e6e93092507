namespace Pipeline.Targets;

/// <summary>NUKE's <c>AddPair</c> (<c>Nuke.Common.Utilities.Collections</c>), for <c>ReportSummary(_ => _.AddPair(...))</c>.</summary>
public static class DictionaryExtensions
{
    public static Dictionary<TKey, TValue> AddPair<TKey, TValue>(this Dictionary<TKey, TValue> dictionary, TKey key, TValue value)
        where TKey : notnull
    {
        dictionary[key] = value;
        return dictionary;
    }
}
