namespace Pipeline.Secrets.Scanning;

/// <summary>Shannon entropy in bits per character: random keys score high, words and repeated text low.</summary>
internal static class ShannonEntropy
{
    public static double Of(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty) return 0;
        Span<int> counts = stackalloc int[128];
        Dictionary<char, int>? others = null;
        foreach (var c in value)
        {
            if (c < 128) counts[c]++;
            else { others ??= []; others[c] = others.GetValueOrDefault(c) + 1; }
        }
        double entropy = 0, length = value.Length;
        foreach (var count in counts) if (count > 0) entropy -= count / length * Math.Log2(count / length);
        if (others is not null) foreach (var count in others.Values) entropy -= count / length * Math.Log2(count / length);
        return entropy;
    }
}
