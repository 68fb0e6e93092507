using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Targets;

/// <summary>Turns the text of a parameter into its declared type; errors say which parameter and what is expected.</summary>
internal static partial class ParameterValueConverter
{
    /// <param name="values">The raw values (several for arrays); an empty list means a bare flag.</param>
    /// <param name="relativeTo">The folder relative paths resolve against.</param>
    public static object? Convert(string parameter, Type type, IReadOnlyList<string> values, string relativeTo)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsArray)
        {
            var element = target.GetElementType()!;
            var items = values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
            var array = Array.CreateInstance(element, items.Length);
            for (var i = 0; i < items.Length; i++) array.SetValue(ConvertOne(parameter, element, items[i], relativeTo), i);
            return array;
        }
        if (values.Count == 0)
            return target == typeof(bool) ? true : throw new BuildSetupException($"--{BuildName.ToKebabCase(parameter)} needs a value ({Describe(type)}).");
        if (values.Count > 1)
            throw new BuildSetupException($"--{BuildName.ToKebabCase(parameter)} takes one value but got {values.Count}: {string.Join(' ', values)}.");
        return ConvertOne(parameter, target, values[0], relativeTo);
    }

    private static object ConvertOne(string parameter, Type type, string text, string relativeTo)
    {
        try
        {
            if (type == typeof(string)) return text;
            if (type == typeof(bool)) return ParseBool(text);
            if (type == typeof(int)) return int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
            if (type == typeof(long)) return long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
            if (type == typeof(double)) return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (type == typeof(TimeSpan)) return ParseDuration(text);
            if (type == typeof(AbsolutePath)) return new AbsolutePath(Path.IsPathRooted(text) ? text : Path.Combine(relativeTo, text));
            if (type.IsEnum) return ParseEnum(type, text);
        }
        catch (Exception exception) when (exception is FormatException or OverflowException or ArgumentException)
        {
            throw new BuildSetupException($"--{BuildName.ToKebabCase(parameter)}: '{text}' is not a valid {Describe(type)}.");
        }
        throw new BuildSetupException($"Parameter {parameter} has type {type.Name}, which the build does not support.");
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

    /// <summary>"30s", "250ms", "1m30s", "2h", "1d", a plain number of seconds, or "hh:mm:ss".</summary>
    public static TimeSpan ParseDuration(string text)
    {
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(seconds);
        if (text.Contains(':')) return TimeSpan.Parse(text, CultureInfo.InvariantCulture);
        var parts = DurationPart().Matches(text);
        if (parts.Count == 0 || string.Concat(parts.Select(p => p.Value)) != text) throw new FormatException();
        var total = TimeSpan.Zero;
        foreach (Match part in parts)
        {
            var value = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                "h" => TimeSpan.FromHours(value),
                _ => TimeSpan.FromDays(value),
            };
        }
        return total;
    }

    public static string Describe(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsArray) return Describe(target.GetElementType()!) + "[]";
        if (target.IsEnum) return string.Join('|', Enum.GetNames(target).Select(BuildName.ToKebabCase));
        return target == typeof(string) ? "string"
            : target == typeof(bool) ? "bool"
            : target == typeof(int) || target == typeof(long) ? "int"
            : target == typeof(double) ? "number"
            : target == typeof(TimeSpan) ? "duration"
            : target == typeof(AbsolutePath) ? "path"
            : target.Name;
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|s|m|h|d)")]
    private static partial Regex DurationPart();
}
