using System.Globalization;
using System.Text.RegularExpressions;
using Pipeline.Resilience.Health;
using Pipeline.Resilience.Postgres;
using Pipeline.Resilience.Postgres.Drill;

namespace Pipeline.Resilience.Tests.Postgres;

/// <summary>Keeps the policy table of the runbook's PostgreSQL/Supabase section equal to the values in the code.</summary>
public sealed partial class RunbookPolicyTests
{
    private static readonly Dictionary<string, string> CodeValues = new()
    {
        ["PostgresRetryOptions.DefaultMaxRetryAttempts"] = Number(PostgresRetryOptions.DefaultMaxRetryAttempts),
        ["PostgresRetryOptions.DefaultBaseDelay"] = Ms(PostgresRetryOptions.DefaultBaseDelay),
        ["PostgresRetryOptions.DefaultMaxDelay"] = Ms(PostgresRetryOptions.DefaultMaxDelay),
        ["PostgresRetryOptions.DefaultUseJitter"] = PostgresRetryOptions.DefaultUseJitter ? "true" : "false",
        ["PostgresRetryOptions.DefaultAttemptTimeout"] = Ms(PostgresRetryOptions.DefaultAttemptTimeout),
        ["PostgresRetryOptions.RetryBudget"] = Ms(new PostgresRetryOptions().RetryBudget),
        ["ConnectivityTestSettings.DefaultConnectTimeout"] = Ms(ConnectivityTestSettings.DefaultConnectTimeout),
        ["ConnectivityTestSettings.DefaultSamples"] = Number(ConnectivityTestSettings.DefaultSamples),
        ["ConnectivityTest.SupabaseTransactionPoolerPort"] = Number(ConnectivityTest.SupabaseTransactionPoolerPort),
        ["DowntimeDrillSettings.DefaultDowntime"] = Ms(DowntimeDrillSettings.DefaultDowntime),
        ["DowntimeDrillSettings.DefaultMaxRecovery"] = Ms(DowntimeDrillSettings.DefaultMaxRecovery),
        ["HealthCheckSettings.DefaultRetentionDays"] = Number(HealthCheckSettings.DefaultRetentionDays),
        ["HealthDiffOptions.DefaultLatencyChangePercent"] = Number(HealthDiffOptions.DefaultLatencyChangePercent),
        ["HealthDiffOptions.DefaultLatencyChangeFloor"] = Ms(HealthDiffOptions.DefaultLatencyChangeFloor),
    };

    [Fact]
    public void Every_policy_value_in_the_code_is_in_the_runbook_with_the_same_value()
    {
        var rows = PolicyRows();

        Assert.All(CodeValues, pair =>
        {
            Assert.True(rows.ContainsKey(pair.Key), $"The runbook has no row for `{pair.Key}`");
            Assert.True(pair.Value == rows[pair.Key], $"`{pair.Key}` is {pair.Value} in the code but {rows[pair.Key]} in the runbook");
        });
    }

    [Fact]
    public void The_runbook_quotes_no_policy_value_that_the_code_does_not_have()
    {
        Assert.All(PolicyRows().Keys, name => Assert.True(CodeValues.ContainsKey(name), $"The runbook quotes `{name}`, which this test does not know"));
    }

    /// <summary>Rows of the form <c>| what | `Type.Member` | value |</c> in the PostgreSQL/Supabase section.</summary>
    private static Dictionary<string, string> PolicyRows()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "operations", "openai-supabase-fallback-runbook.md"));
        var start = text.IndexOf("## PostgreSQL / Supabase", StringComparison.Ordinal);
        var end = text.IndexOf("<!-- section boundary: supabase -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "The runbook lacks the PostgreSQL / Supabase section or its boundary comment");
        return PolicyRow().Matches(text[start..end]).ToDictionary(m => m.Groups["code"].Value, m => m.Groups["value"].Value.Trim());
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Pipeline.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No Pipeline.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"^\|[^|\n]+\|\s*`(?<code>[A-Za-z]+\.[A-Za-z]+)`\s*\|(?<value>[^|\n]+)\|\s*$", RegexOptions.Multiline)]
    private static partial Regex PolicyRow();

    private static string Ms(TimeSpan span) => span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";
    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
