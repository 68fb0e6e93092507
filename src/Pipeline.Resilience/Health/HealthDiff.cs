using System.Globalization;
using System.Text;
using Pipeline.Core.Text;

namespace Pipeline.Resilience.Health;

/// <summary>The comparison of a health check with the previous one, rendered as <c>reports/health/diff-YYYYMMDD.md</c>.</summary>
public sealed record HealthDiff(HealthRecord? Previous, HealthRecord Current, IReadOnlyList<HealthChange> Changes)
{
    public bool StatusChanged => Previous is not null && Previous.Healthy != Current.Healthy;

    public static HealthDiff Compare(HealthRecord? previous, HealthRecord current, HealthDiffOptions? options = null)
    {
        options ??= new HealthDiffOptions();
        var changes = new List<HealthChange>();
        if (previous is null) return new HealthDiff(null, current, changes);

        if (previous.Healthy != current.Healthy)
            changes.Add(new HealthChange("status", previous.Status, current.Status, current.Healthy
                ? "RECOVERED: the database answers again"
                : $"DOWN: fails at step '{current.FailureStep}' ({current.FailureKind}): {current.FailureMessage}"));
        else if (!current.Healthy && previous.FailureStep != current.FailureStep)
            changes.Add(new HealthChange("failing step", previous.FailureStep ?? "-", current.FailureStep ?? "-", $"still unhealthy, now: {current.FailureMessage}"));

        if (previous.P95Ms is { } before && current.P95Ms is { } after)
        {
            var delta = after - before;
            var percent = before > 0 ? delta / before * 100 : double.PositiveInfinity;
            if (Math.Abs(percent) >= options.LatencyChangePercent && Math.Abs(delta) >= options.LatencyChangeFloor.TotalMilliseconds)
                changes.Add(new HealthChange("select 1 p95", Ms(before), Ms(after),
                    $"{(delta > 0 ? "slower" : "faster")} by {Math.Abs(delta).ToString("0.###", CultureInfo.InvariantCulture)} ms ({percent.ToString("+0;-0", CultureInfo.InvariantCulture)} %), beyond the {options.LatencyChangePercent} % / {options.LatencyChangeFloor.TotalMilliseconds} ms threshold"));
        }

        if (previous.ServerVersion is not null && current.ServerVersion is not null && previous.ServerVersion != current.ServerVersion)
            changes.Add(new HealthChange("server version", previous.ServerVersion, current.ServerVersion, "the server was upgraded or replaced: check release notes and extensions"));
        if (previous.Endpoint != current.Endpoint)
            changes.Add(new HealthChange("endpoint", previous.Endpoint, current.Endpoint, "a different database was checked: the comparison may not be like for like"));
        if (previous.Pooler != current.Pooler && previous.Pooler is not null && current.Pooler is not null)
            changes.Add(new HealthChange("pooler", previous.Pooler, current.Pooler, "the connection mode changed (prepared statements?)"));
        if (previous.Tls is { } tlsBefore && current.Tls is { } tlsAfter && tlsBefore != tlsAfter)
            changes.Add(new HealthChange("tls", tlsBefore ? "on" : "off", tlsAfter ? "on" : "off", tlsAfter ? "now encrypted" : "NO LONGER ENCRYPTED"));
        if (previous.Extensions is { } extensionsBefore && current.Extensions is { } extensionsAfter)
            foreach (var name in extensionsBefore.Keys.Union(extensionsAfter.Keys).Order(StringComparer.Ordinal))
            {
                var was = extensionsBefore.GetValueOrDefault(name, "-");
                var now = extensionsAfter.GetValueOrDefault(name, "-");
                if (was != now) changes.Add(new HealthChange($"extension {name}", was, now, "extension state changed"));
            }
        return new HealthDiff(previous, current, changes);
    }

    /// <summary>The diff as Markdown; every value from the server or the history file is escaped (changes mix our words with them).</summary>
    public string Render()
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"# Database health diff - {Current.Timestamp:yyyy-MM-dd HH:mm:ss} UTC");
        text.AppendLine();
        text.AppendLine(invariant, $"Endpoint: {UntrustedText.Markdown(Current.Endpoint)}. Status: **{Current.Status.ToUpperInvariant()}**.");
        text.AppendLine();
        if (Previous is null)
        {
            text.AppendLine("No previous run in the history: this run is the baseline for the next comparison.");
            text.AppendLine();
        }
        else
        {
            text.AppendLine(invariant, $"Compared with the previous run of {Previous.Timestamp:yyyy-MM-dd HH:mm:ss} UTC.");
            text.AppendLine();
        }
        text.AppendLine("| metric | previous | current |");
        text.AppendLine("|---|---|---|");
        Row(text, "status", Previous?.Status, Current.Status);
        Row(text, "failing step", Previous?.FailureStep, Current.FailureStep);
        Row(text, "select 1 p50", Ms(Previous?.P50Ms), Ms(Current.P50Ms));
        Row(text, "select 1 p95", Ms(Previous?.P95Ms), Ms(Current.P95Ms));
        Row(text, "tcp connect", Ms(Previous?.TcpConnectMs), Ms(Current.TcpConnectMs));
        Row(text, "login", Ms(Previous?.LoginMs), Ms(Current.LoginMs));
        Row(text, "server version", Previous?.ServerVersion, Current.ServerVersion);
        Row(text, "pooler", Previous?.Pooler, Current.Pooler);
        text.AppendLine();
        if (Previous is not null)
        {
            text.AppendLine("## Changes beyond thresholds");
            text.AppendLine();
            if (Changes.Count == 0) text.AppendLine("None: same status, latency within the threshold, same version.");
            foreach (var change in Changes)
                text.AppendLine(invariant, $"- **{UntrustedText.Markdown(change.What)}**: {UntrustedText.Markdown(change.Previous)} -> {UntrustedText.Markdown(change.Current)}: {UntrustedText.Markdown(change.Meaning)}");
            text.AppendLine();
        }
        if (!Current.Healthy)
            text.AppendLine(invariant, $"Failure: {UntrustedText.Markdown(Current.FailureMessage)}");
        return text.ToString();
    }

    private static void Row(StringBuilder text, string metric, string? previous, string? current) =>
        text.Append("| ").Append(metric).Append(" | ").Append(Cell(previous)).Append(" | ").Append(Cell(current)).AppendLine(" |");

    // Versions, poolers, steps and messages come from the server: escaped so they stay in their cell and show as text.
    private static string Cell(string? value) => value is null ? "-" : UntrustedText.Markdown(value);

    private static string Ms(double? value) => value is { } v ? $"{v.ToString("0.###", CultureInfo.InvariantCulture)} ms" : "-";
}
