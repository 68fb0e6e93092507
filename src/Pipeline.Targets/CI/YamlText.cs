using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.Targets.CI;

/// <summary>
/// Writes a <see cref="YamlMap"/> as block-style YAML: two-space indentation, plain scalars where YAML reads them
/// back as the same string, single quotes otherwise, literal blocks for multi-line text.
/// </summary>
public static partial class YamlText
{
    public static string Write(YamlMap document)
    {
        var text = new StringBuilder();
        WriteMap(text, document, 0);
        return text.ToString();
    }

    private static void WriteMap(StringBuilder text, YamlMap map, int indent)
    {
        foreach (var (key, value) in map)
        {
            text.Append(' ', indent).Append(key).Append(':');
            WriteValue(text, value, indent);
        }
    }

    // After "key:" or "- ": the value on the same line, or nested below.
    private static void WriteValue(StringBuilder text, object value, int indent)
    {
        switch (value)
        {
            case YamlMap { Count: 0 }:
                text.Append(" {}\n");
                break;
            case YamlMap map:
                text.Append('\n');
                WriteMap(text, map, indent + 2);
                break;
            case string s when s.Contains('\n'):
                text.Append(" |\n");
                foreach (var line in s.TrimEnd('\n').Split('\n')) text.Append(' ', indent + 2).Append(line).Append('\n');
                break;
            case IEnumerable list and not string:
                var items = list.Cast<object>().ToList();
                if (items.Count == 0) { text.Append(" []\n"); break; }
                text.Append('\n');
                foreach (var item in items) WriteItem(text, item, indent + 2);
                break;
            default:
                text.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static void WriteItem(StringBuilder text, object item, int indent)
    {
        text.Append(' ', indent).Append('-');
        if (item is YamlMap { Count: > 0 } map)
        {
            var first = true;
            foreach (var (key, value) in map)
            {
                if (first) text.Append(' ').Append(key).Append(':');
                else text.Append(' ', indent + 2).Append(key).Append(':');
                WriteValue(text, value, indent + 2);
                first = false;
            }
        }
        else WriteValue(text, item, indent);
    }

    private static string Scalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s => IsPlainSafe(s) ? s : "'" + s.Replace("'", "''") + "'",
        _ => throw new ArgumentException($"YAML value of type {value.GetType().Name} is not supported."),
    };

    // Plain only when YAML reads it back as this very string: no indicator at the start, no ": " or " #",
    // not a boolean, null or number.
    private static bool IsPlainSafe(string s) =>
        PlainSafe().IsMatch(s) && !s.Contains(": ") && !s.Contains(" #") && !s.EndsWith(':') && !s.EndsWith(' ')
        && !Reserved().IsMatch(s) && !Numeric().IsMatch(s);

    [GeneratedRegex(@"^[A-Za-z0-9_$./(~][^\n\t]*$")]
    private static partial Regex PlainSafe();

    [GeneratedRegex(@"^(?i:y|n|yes|no|true|false|on|off|null|~)$")]
    private static partial Regex Reserved();

    [GeneratedRegex(@"^[-+]?(\.?[0-9][0-9_.:eE+-]*|0x[0-9a-fA-F]+|\.inf|\.nan)$")]
    private static partial Regex Numeric();
}
