using System.Diagnostics;
using Serilog;

namespace Pipeline.Perf.K6Results;

/// <summary>Logs how far a long read has got, at most every few seconds, so a big file never looks stuck.</summary>
internal sealed class LoggedProgress(ILogger log, string file, Stopwatch watch) : IProgress<double>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);
    private TimeSpan _next = Interval;

    public void Report(double value)
    {
        if (watch.Elapsed < _next) return;
        _next = watch.Elapsed + Interval;
        log.Information("Reading {File}: {Percent:P0}", Path.GetFileName(file), value);
    }
}
