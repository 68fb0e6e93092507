namespace Pipeline.Perf.Dashboard;

/// <summary>A cumulative histogram bucket: how many observations were at most <see cref="UpperBound"/>.</summary>
internal readonly record struct HistogramBucket(double UpperBound, double CumulativeCount);
