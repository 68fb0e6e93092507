using System.Globalization;

namespace Pipeline.Perf.Reporting;

/// <summary>Number formats shared by the Markdown outputs, so every table reads the same.</summary>
internal static class ReportFormat
{
    public static string Ms(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "–";
    public static string Count(double? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "–";
    public static string Rate(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–";
    public static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "–";
    public static string Number(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "–";

    /// <summary>A path from one evidence file to another, for Markdown links.</summary>
    public static string Link(string fromFile, string toFile) =>
        Path.GetRelativePath(Path.GetDirectoryName(fromFile)!, toFile).Replace('\\', '/');
}
