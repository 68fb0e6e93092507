using System.Text.RegularExpressions;
using Pipeline.Perf.Scenario;

namespace Pipeline.Perf.Load;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> equal parts of one P95 run (<c>--shard 2/4</c>), in k6's own
/// terms: execution segment <c>(i-1)/N:i/N</c> of the sequence <c>0,1/N,…,1</c>. For equal segments k6's striping
/// gives segment i every N-th iteration starting at i-1 and scales a whole number v to
/// <c>v / N + (i-1 &lt; v % N ? 1 : 0)</c>; the built-in engine uses exactly that, so the N shards together send
/// the requests of the unsharded run, with either engine.
/// </summary>
public sealed partial record ExecutionShard(int Index, int Count)
{
    /// <summary>The whole run: one shard, no segment.</summary>
    public static readonly ExecutionShard Whole = new(1, 1);

    public bool IsWhole => Count == 1;

    /// <summary>k6's spelling of the segment, fractions reduced as k6 prints them: <c>1/4:1/2</c>.</summary>
    public string Segment => $"{Fraction(Index - 1, Count)}:{Fraction(Index, Count)}";

    /// <summary>k6's <c>--execution-segment-sequence</c>: <c>0,1/4,1/2,3/4,1</c>.</summary>
    public string Sequence => string.Join(",", Enumerable.Range(0, Count + 1).Select(k => Fraction(k, Count)));

    /// <summary>This shard's part of a whole number (requests, workers), as k6's <c>ExecutionTuple.ScaleInt64</c>.</summary>
    public long Scale(long value) => value / Count + (Index - 1 < value % Count ? 1 : 0);

    public int Scale(int value) => (int)Scale((long)value);

    /// <summary>The run-wide index of this shard's <paramref name="local"/>-th iteration (k6's striped iterator).</summary>
    public long GlobalIndex(long local) => Index - 1 + local * Count;

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>
    /// Reads <c>i/N</c> (1-based); anything else is one clear line naming <paramref name="parameter"/>, as the caller
    /// spells it (the build parses it while it builds RunP95's settings, before <c>Run</c> could name the flag).
    /// </summary>
    public static ExecutionShard? Parse(string? text, string parameter)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var match = Spelling().Match(text.Trim());
        if (!match.Success || !int.TryParse(match.Groups["i"].Value, out var index) || !int.TryParse(match.Groups["n"].Value, out var count))
            throw new ScenarioException($"{parameter} '{text}' is not a shard; write i/N, e.g. {parameter} 2/4 for the second of four machines.");
        if (count < 1 || count > LoadScenario.MaxConcurrency)
            throw new ScenarioException($"{parameter} '{text}': N is {count}; it must be between 1 and {LoadScenario.MaxConcurrency:N0}.");
        if (index < 1 || index > count)
            throw new ScenarioException($"{parameter} '{text}': i is {index}; it must be between 1 and {count} (shards are numbered from 1).");
        return new ExecutionShard(index, count);
    }

    /// <summary>Refuses a run that leaves a shard without a worker or a request (k6 would silently run nothing there).</summary>
    public void EnsureFits(LoadScenario scenario)
    {
        if (IsWhole) return;
        if (scenario.Concurrency < Count)
            throw new ScenarioException($"{this}: the run has {scenario.Concurrency} workers, fewer than {Count} shards; raise the concurrency to at least {Count} or use fewer shards.")
                { Input = nameof(P95RunSettings.Shard) };
        if (scenario.Duration is null && scenario.Requests < Count)
            throw new ScenarioException($"{this}: the run has {scenario.Requests} requests, fewer than {Count} shards; raise the request count or use fewer shards.")
                { Input = nameof(P95RunSettings.Shard) };
    }

    private static string Fraction(int numerator, int denominator)
    {
        if (numerator == 0) return "0";
        var divisor = Gcd(numerator, denominator);
        return denominator / divisor == 1 ? $"{numerator / divisor}" : $"{numerator / divisor}/{denominator / divisor}";
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    [GeneratedRegex(@"^(?<i>\d{1,9})\s*/\s*(?<n>\d{1,9})$")]
    private static partial Regex Spelling();
}
