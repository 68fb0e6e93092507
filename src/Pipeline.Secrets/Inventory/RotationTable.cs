using System.Globalization;
using System.Text;
using Pipeline.Core.Text;

namespace Pipeline.Secrets.Inventory;

/// <summary>The Markdown rotation table generated from the inventory, and its replacement between the markers.</summary>
internal static class RotationTable
{
    public static string Render(IEnumerable<SecretInventoryEntry> entries, DateOnly today, int warnDays)
    {
        var table = new StringBuilder();
        table.Append("| Secret | Purpose | Owner | Stored in | Environments | Rotate every | Last rotated | Next due | Status | Escalation |\n");
        table.Append("|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var (next, status) = Due(entry, today, warnDays);
            table.Append(CultureInfo.InvariantCulture,
                $"| `{UntrustedText.Code(entry.Name)}`{(entry.Parameter is { Length: > 0 } p ? $" (`--{UntrustedText.Code(Kebab(p))}`)" : "")} | {Cell(entry.Purpose)} | {Cell(entry.Owner)} | {Cell(entry.StoredIn)}: {Cell(entry.Location)} | " +
                $"{Cell(string.Join(", ", entry.Environments))} | {entry.RotationDays} days | {Cell(entry.LastRotated ?? "never")} | {next} | {status} | {Cell(entry.Escalation)} |\n");
        }
        return table.ToString();
    }

    /// <summary>The next due date and a status word (ok / due soon / OVERDUE / unknown).</summary>
    public static (string Next, string Status) Due(SecretInventoryEntry entry, DateOnly today, int warnDays)
    {
        if (!SecretInventory.TryParseDate(entry.LastRotated, out var last) || entry.RotationDays <= 0) return ("unknown", "unknown");
        var next = last.AddDays(entry.RotationDays);
        var status = next < today ? "OVERDUE" : next <= today.AddDays(warnDays) ? "due soon" : "ok";
        return (next.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), status);
    }

    /// <summary>The document with the text between the markers replaced; null when a marker is missing.</summary>
    public static string? Replace(string document, string table)
    {
        var begin = document.IndexOf(SecretsAuditSettings.TableBegin, StringComparison.Ordinal);
        var end = document.IndexOf(SecretsAuditSettings.TableEnd, StringComparison.Ordinal);
        if (begin < 0 || end < begin) return null;
        var contentStart = begin + SecretsAuditSettings.TableBegin.Length;
        return document[..contentStart] + "\n" + table + document[end..];
    }

    // Every value comes from the inventory YAML: escaped so it stays in its cell and shows as text, not markup.
    private static string Cell(string text) => UntrustedText.Markdown(text);

    // The build's command-line spelling, the same rule as the target engine's.
    internal static string Kebab(string name) => Pipeline.Core.Naming.KebabCase.From(name);
}
