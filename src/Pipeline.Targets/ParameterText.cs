using System.Globalization;
using Pipeline.Core.Time;

namespace Pipeline.Targets;

/// <summary>A parameter's value as text, in the grammar the command line accepts (durations, dates, lists).</summary>
internal static class ParameterText
{
    public static string? Of(object? value) => value switch
    {
        null => null,
        Array array => string.Join(",", array.Cast<object?>().Select(v => v?.ToString())),
        TimeSpan span => Duration.Format(span),
        DateOnly day => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
