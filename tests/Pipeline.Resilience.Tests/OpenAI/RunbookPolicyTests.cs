using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Pipeline.Resilience.OpenAI;
using Pipeline.Resilience.OpenAI.Drill;

namespace Pipeline.Resilience.Tests.OpenAI;

/// <summary>The runbook quotes the client's and the drill's defaults; these tests fail when the page and the code disagree.</summary>
public sealed partial class RunbookPolicyTests
{
    private static readonly Type[] QuotedTypes = [typeof(OpenAIClientOptions), typeof(OpenAIDrillSettings)];

    [GeneratedRegex(@"^\|\s*(?<label>[^|]+?)\s*\|\s*(?<value>[^|]+?)\s*\|\s*`(?<type>\w+)\.(?<member>\w+)`\s*\|\s*$", RegexOptions.Multiline)]
    private static partial Regex PolicyRow();

    private static string Runbook()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Pipeline.sln"))) directory = directory.Parent;
        Assert.True(directory is not null, $"No Pipeline.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
        return File.ReadAllText(Path.Combine(directory!.FullName, "docs", "operations", "openai-supabase-fallback-runbook.md"));
    }

    private static IEnumerable<FieldInfo> Defaults(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.Name.StartsWith("Default", StringComparison.Ordinal));

    /// <summary>How the runbook writes a value: durations as the client's logs do ("500 ms", "8 s", "2 min").</summary>
    internal static string Format(object? value) => value switch
    {
        TimeSpan span => OpenAIRetryPolicy.Describe(span),
        double number => number.ToString("0.###", CultureInfo.InvariantCulture),
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };

    [Fact]
    public void Every_quoted_value_matches_the_code()
    {
        var rows = PolicyRow().Matches(Runbook()).ToArray();

        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var type = QuotedTypes.SingleOrDefault(t => t.Name == row.Groups["type"].Value);
            Assert.True(type is not null, $"The runbook quotes unknown type {row.Groups["type"].Value}.");
            var field = type!.GetField(row.Groups["member"].Value, BindingFlags.Public | BindingFlags.Static);
            Assert.True(field is not null, $"The runbook quotes {type.Name}.{row.Groups["member"].Value}, which does not exist.");
            var expected = Format(field!.GetValue(null));
            Assert.True(expected == row.Groups["value"].Value,
                $"Runbook row '{row.Groups["label"].Value}' says {row.Groups["value"].Value}, but {type.Name}.{field.Name} is {expected}: update the runbook or the code.");
        }
    }

    [Fact]
    public void Every_default_of_the_client_and_the_drill_is_in_the_runbook()
    {
        var quoted = PolicyRow().Matches(Runbook()).Select(m => $"{m.Groups["type"].Value}.{m.Groups["member"].Value}").ToHashSet();

        var missing = QuotedTypes.SelectMany(t => Defaults(t).Select(f => $"{t.Name}.{f.Name}")).Where(name => !quoted.Contains(name)).ToArray();

        Assert.True(missing.Length == 0, $"Not documented in docs/operations/openai-supabase-fallback-runbook.md: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_escalation_contact_of_the_code_is_in_the_contacts_table()
    {
        var runbook = Runbook();

        foreach (var contact in OpenAIEscalationContact.All)
        {
            var row = runbook.Split('\n').FirstOrDefault(l => l.StartsWith($"| {contact.Role} |", StringComparison.Ordinal));
            Assert.True(row is not null, $"The runbook's escalation table has no row for '{contact.Role}'.");
            Assert.Contains(contact.Channel, row);
            Assert.Contains(contact.Action, row);
        }
    }

    [Theory]
    [InlineData(500, "500 ms")]
    [InlineData(8000, "8 s")]
    [InlineData(120000, "2 min")]
    public void Durations_are_written_as_the_logs_write_them(int milliseconds, string text) =>
        Assert.Equal(text, Format(TimeSpan.FromMilliseconds(milliseconds)));
}
