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

    /// <summary>The last line of the OpenAI section; the page's other sections (PostgreSQL / Supabase) belong to other authors.</summary>
    internal const string SectionBoundary = "<!-- section boundary: openai -->";

    // One table row on one line: [^|\n] and [ \t] keep a match from running into the next row.
    [GeneratedRegex(@"^\|[ \t]*(?<label>[^|\n]+?)[ \t]*\|[ \t]*(?<value>[^|\n]+?)[ \t]*\|[ \t]*`(?<type>\w+)\.(?<member>\w+)`[ \t]*\|[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex PolicyRow();

    [GeneratedRegex(@"^## OpenAI[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex SectionHeading();

    private static string Runbook()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Pipeline.sln"))) directory = directory.Parent;
        Assert.True(directory is not null, $"No Pipeline.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
        return File.ReadAllText(Path.Combine(directory!.FullName, "docs", "operations", "openai-supabase-fallback-runbook.md"));
    }

    /// <summary>The text from the "## OpenAI" heading to the OpenAI section boundary: only these rows are this test's to check.</summary>
    internal static string OpenAISection(string runbook)
    {
        var heading = SectionHeading().Match(runbook);
        var end = runbook.IndexOf(SectionBoundary, StringComparison.Ordinal);
        Assert.True(heading.Success && end > heading.Index,
            $"The runbook lacks the '## OpenAI' section or its closing '{SectionBoundary}' comment after it: restore them, this test reads only that section.");
        return runbook[heading.Index..end];
    }

    /// <summary>What is wrong with the section's policy rows: unknown types or members, values that differ from the code.</summary>
    internal static IReadOnlyList<string> Disagreements(string section)
    {
        var problems = new List<string>();
        foreach (Match row in PolicyRow().Matches(section))
        {
            var type = QuotedTypes.SingleOrDefault(t => t.Name == row.Groups["type"].Value);
            if (type is null) { problems.Add($"The runbook quotes unknown type {row.Groups["type"].Value}."); continue; }
            var field = type.GetField(row.Groups["member"].Value, BindingFlags.Public | BindingFlags.Static);
            if (field is null) { problems.Add($"The runbook quotes {type.Name}.{row.Groups["member"].Value}, which does not exist."); continue; }
            var expected = Format(field.GetValue(null));
            if (expected != row.Groups["value"].Value)
                problems.Add($"Runbook row '{row.Groups["label"].Value}' says {row.Groups["value"].Value}, but {type.Name}.{field.Name} is {expected}: update the runbook or the code.");
        }
        return problems;
    }

    private static IEnumerable<FieldInfo> Defaults(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.Name.StartsWith("Default", StringComparison.Ordinal));

    /// <summary>How the runbook writes a value: durations as the client's logs do ("500 ms", "8 s", "2 min").</summary>
    internal static string Format(object? value) => value switch
    {
        TimeSpan span => OpenAIRetryPolicy.Describe(span),
        double number => number.ToString("0.###", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };

    [Fact]
    public void Every_quoted_value_matches_the_code()
    {
        var section = OpenAISection(Runbook());

        Assert.NotEmpty(PolicyRow().Matches(section));
        var problems = Disagreements(section);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Only_the_OpenAI_section_is_checked_and_a_wrong_row_in_it_is_reported()
    {
        var value = Format(OpenAIClientOptions.DefaultAttemptTimeout);
        var page = $"""
            # Runbook
            ## OpenAI
            | Setting | Value | Code |
            |---|---|---|
            | Per-attempt timeout | {value} | `OpenAIClientOptions.DefaultAttemptTimeout` |
            | Unknown | 1 | `NotAnOpenAIType.DefaultX` |
            | Wrong | 1 ms | `OpenAIClientOptions.DefaultBaseDelay` |
            {SectionBoundary}
            ## PostgreSQL / Supabase
            | Retries | 10 | `PostgresRetryOptions.DefaultMaxRetryAttempts` |
            """;

        var problems = Disagreements(OpenAISection(page));

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("unknown type NotAnOpenAIType", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("OpenAIClientOptions.DefaultBaseDelay", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("PostgresRetryOptions", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_default_of_the_client_and_the_drill_is_in_the_runbook()
    {
        var quoted = PolicyRow().Matches(OpenAISection(Runbook())).Select(m => $"{m.Groups["type"].Value}.{m.Groups["member"].Value}").ToHashSet();

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
