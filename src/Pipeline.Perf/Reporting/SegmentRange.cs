using System.Numerics;

namespace Pipeline.Perf.Reporting;

/// <summary>A k6 execution segment <c>from:to</c> (0 ≤ from &lt; to ≤ 1) in exact fractions, as k6 writes it (<c>1/3:2/3</c>).</summary>
internal readonly record struct SegmentRange(Fraction From, Fraction To)
{
    public Fraction Length => To - From;

    public static SegmentRange OfShard(int index, int count) => new(new Fraction(index - 1, count), new Fraction(index, count));

    public static SegmentRange? TryParse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 2 || Fraction.TryParse(parts[0], out var from) is false || Fraction.TryParse(parts[1], out var to) is false) return null;
        return from.CompareTo(to) < 0 && from.Numerator >= 0 && to.CompareTo(new Fraction(1, 1)) <= 0 ? new SegmentRange(from, to) : null;
    }

    /// <summary>The parts of 0:1 no range covers.</summary>
    public static IEnumerable<SegmentRange> Gaps(IEnumerable<SegmentRange> ranges)
    {
        var covered = new Fraction(0, 1);
        foreach (var range in ranges.OrderBy(r => r.From))
        {
            if (range.From.CompareTo(covered) > 0) yield return new SegmentRange(covered, range.From);
            if (range.To.CompareTo(covered) > 0) covered = range.To;
        }
        if (covered.CompareTo(new Fraction(1, 1)) < 0) yield return new SegmentRange(covered, new Fraction(1, 1));
    }

    public override string ToString() => $"{From}:{To}";
}

/// <summary>A reduced non-negative fraction, enough for k6's segment arithmetic.</summary>
internal readonly record struct Fraction : IComparable<Fraction>
{
    public Fraction(BigInteger numerator, BigInteger denominator)
    {
        var divisor = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (divisor.IsZero) divisor = BigInteger.One;
        Numerator = numerator / divisor;
        Denominator = denominator / divisor;
    }

    public BigInteger Numerator { get; }
    public BigInteger Denominator { get; }

    public static Fraction operator -(Fraction a, Fraction b) =>
        new(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public int CompareTo(Fraction other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <summary><c>n</c> or <c>n/d</c> with d &gt; 0 (the forms RunP95 and k6's RatString write).</summary>
    public static bool TryParse(string text, out Fraction value)
    {
        value = default;
        var parts = text.Trim().Split('/');
        if (parts.Length > 2 || !BigInteger.TryParse(parts[0], out var numerator)) return false;
        var denominator = BigInteger.One;
        if (parts.Length == 2 && (!BigInteger.TryParse(parts[1], out denominator) || denominator <= 0)) return false;
        value = new Fraction(numerator, denominator);
        return true;
    }

    public override string ToString() => Denominator.IsOne ? Numerator.ToString() : $"{Numerator}/{Denominator}";
}
