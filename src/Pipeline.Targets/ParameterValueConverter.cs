using Pipeline.Core.Naming;
using System.Globalization;
using Pipeline.Core.Redaction;
using Pipeline.Core.Time;

namespace Pipeline.Targets;

/// <summary>
/// Turns the text of a parameter into its declared type; errors say which parameter and what is expected. An error
/// about a <c>[Secret]</c> parameter never repeats its value, and credentials inside a URL are shown masked.
/// </summary>
internal static class ParameterValueConverter
{
    /// <param name="values">The raw values (several for arrays); an empty list means a bare flag.</param>
    /// <param name="relativeTo">The folder relative paths resolve against.</param>
    /// <param name="source">Where the values came from, for messages ("arguments 3-4", "BASE_URL", a file).</param>
    public static object? Convert(BuildParameter parameter, IReadOnlyList<string> values, string relativeTo, string source)
    {
        var target = Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type;
        if (target.IsArray)
        {
            var element = target.GetElementType()!;
            var items = values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
            var array = Array.CreateInstance(element, items.Length);
            for (var i = 0; i < items.Length; i++) array.SetValue(ConvertOne(parameter, element, items[i], relativeTo), i);
            return array;
        }
        if (values.Count == 0)
            return target == typeof(bool) ? true : throw new BuildSetupException($"{parameter.CommandLineName} needs a value ({Describe(parameter.Type)}).");
        if (values.Count > 1)
            throw new BuildSetupException(parameter.IsSecret
                ? $"{parameter.CommandLineName} takes one value but got {values.Count} ({source}; not shown, the parameter is secret). Quote a value that contains spaces."
                : $"{parameter.CommandLineName} takes one value but got {values.Count}: {UrlCredentials.Mask(string.Join(' ', values))}.");
        return ConvertOne(parameter, target, values[0], relativeTo);
    }

    private static object ConvertOne(BuildParameter parameter, Type type, string text, string relativeTo)
    {
        var shown = parameter.IsSecret ? "the value (not shown, the parameter is secret)" : $"'{UrlCredentials.Mask(text)}'";
        var name = parameter.CommandLineName + ":";
        object value;
        try
        {
            value = type == typeof(string) ? text
                : type == typeof(bool) ? ParseBool(text)
                : type == typeof(int) ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)
                : type == typeof(long) ? long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)
                : type == typeof(double) ? ParseFinite(text) ?? throw new BuildSetupException($"{name} {shown} is not a finite number.")
                : type == typeof(TimeSpan) ? Duration.TryParse(text, out var duration) ? duration
                    : throw new BuildSetupException($"{name} {shown} is not a valid duration; write it with a unit: {Duration.Examples}.")
                : type == typeof(Uri) ? ParseHttpUrl(text)
                    ?? throw new BuildSetupException($"{name} {shown} is not an absolute http(s) URL, e.g. https://api.example.com")
                : type == typeof(DateOnly) ? ParseDay(text)
                    ?? throw new BuildSetupException($"{name} {shown} is not a date; write it as YYYYMMDD (e.g. 20251014) or YYYY-MM-DD.")
                : type == typeof(AbsolutePath) ? new AbsolutePath(Path.IsPathRooted(text) ? text : Path.Combine(relativeTo, text))
                : type.IsEnum ? ParseEnum(type, text)
                : throw new BuildSetupException($"Parameter {parameter.Name} has type {type.Name}, which the build does not support.");
        }
        catch (Exception exception) when (exception is FormatException or OverflowException or ArgumentException)
        {
            throw new BuildSetupException($"{name} {shown} is not a valid {Describe(type)}.");
        }
        if (value is int or long or double && System.Convert.ToDouble(value, CultureInfo.InvariantCulture) is var number
            && (number < parameter.Minimum || number > parameter.Maximum))
            throw new BuildSetupException($"{name} {shown} is out of range: {Range(parameter)}.");
        return value;
    }

    /// <summary>NaN and the infinities parse as doubles, but no parameter means them: a comparison with NaN is always false.</summary>
    private static double? ParseFinite(string text)
    {
        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(value) ? value : null;
    }

    private static DateOnly? ParseDay(string text) =>
        DateOnly.TryParseExact(text.Trim(), ["yyyyMMdd", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static Uri? ParseHttpUrl(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? url : null;

    private static string Range(BuildParameter parameter)
    {
        static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
        return double.IsFinite(parameter.Minimum) && double.IsFinite(parameter.Maximum) ? $"it must be between {Number(parameter.Minimum)} and {Number(parameter.Maximum)}"
            : double.IsFinite(parameter.Minimum) ? $"it must be at least {Number(parameter.Minimum)}"
            : $"it must be at most {Number(parameter.Maximum)}";
    }

    private static bool ParseBool(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "on" => true,
        "false" or "0" or "no" or "off" => false,
        _ => throw new FormatException(),
    };

    private static object ParseEnum(Type type, string text)
    {
        var match = Enum.GetNames(type).FirstOrDefault(n => BuildName.Normalize(n) == BuildName.Normalize(text));
        return match is not null ? Enum.Parse(type, match) : throw new FormatException();
    }

    public static string Describe(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsArray) return Describe(target.GetElementType()!) + "[]";
        if (target.IsEnum) return string.Join('|', Enum.GetNames(target).Select(KebabCase.From));
        return target == typeof(string) ? "string"
            : target == typeof(bool) ? "bool"
            : target == typeof(int) || target == typeof(long) ? "int"
            : target == typeof(double) ? "number"
            : target == typeof(TimeSpan) ? "duration"
            : target == typeof(Uri) ? "url"
            : target == typeof(DateOnly) ? "date"
            : target == typeof(AbsolutePath) ? "path"
            : target.Name;
    }
}
