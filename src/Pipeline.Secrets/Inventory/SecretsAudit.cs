using Pipeline.Core.Files;
using System.Globalization;
using System.Text.Json;
using Pipeline.Core.Evidence;
using Pipeline.Core.Redaction;
using Pipeline.Core.Runs;
using Pipeline.Core.Tools;
using Pipeline.Secrets.Scanning;

namespace Pipeline.Secrets.Inventory;

/// <summary>
/// The AuditSecrets run (AC1.1, AC4.2): checks the secrets inventory against the build's [Secret] parameters,
/// owners, rotation dates, tracked .env files and templates; regenerates the rotation table in
/// secrets-rotation.md; appends one line (names only, never values) to the audit trail. Both files are evidence at
/// the evidence store's fixed names (<see cref="EvidenceNames.SecretsRotation"/>, <see cref="EvidenceNames.SecretsAuditTrail"/>),
/// updated in place, what they add masked by the run's redactor.
/// </summary>
public static class SecretsAudit
{
    public static async Task<SecretsAuditResult> RunAsync(SecretsAuditSettings settings, RunContext context)
    {
        var logger = context.Log;
        var root = Path.GetFullPath(settings.Root);
        var inventory = SecretInventory.Load(settings.ResolvedInventoryPath);
        var today = DateOnly.FromDateTime(context.Clock.GetLocalNow().DateTime);
        var findings = new List<AuditFinding>();

        CheckParametersListed(inventory, settings.SecretParameterNames, findings);
        CheckEntries(inventory, today, settings.WarnDays, findings);
        await CheckEnvFilesAsync(root, inventory, context, findings);
        CheckTemplates(root, inventory, context.Redactor, findings);

        var rotationDocument = context.Evidence.Resolve(EvidenceNames.SecretsRotation.Template);
        var tableUpdated = UpdateRotationTable(rotationDocument, settings, inventory, today, context.Redactor, findings);
        var (trailPath, trailLine) = AppendAuditTrail(context.Evidence.Resolve(EvidenceNames.SecretsAuditTrail.Template), settings, inventory, context, findings);

        foreach (var finding in findings)
        {
            if (finding.Severity == AuditSeverity.Error) logger.Error("{Finding}", finding.ToString());
            else logger.Warning("{Finding}", finding.ToString());
        }
        var result = new SecretsAuditResult(inventory.Secrets.Count, findings, settings.ResolvedInventoryPath, rotationDocument, tableUpdated, trailPath, trailLine);
        logger.Information("Secrets audit: {Headline}; rotation table {Table}; audit trail {Trail}", result.Headline,
            tableUpdated ? "updated" : "unchanged", context.Evidence.Relative(trailPath));
        return result;
    }

    // Parameter "OpenAIApiKey" and variable "OPENAI_API_KEY" are the same secret.
    internal static string Normalise(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static void CheckParametersListed(SecretInventory inventory, IReadOnlyList<string> parameters, List<AuditFinding> findings)
    {
        var listed = inventory.Secrets.SelectMany(e => new[] { e.Name, e.Parameter }).Where(n => !string.IsNullOrEmpty(n)).Select(n => Normalise(n!)).ToHashSet();
        foreach (var parameter in parameters.Where(p => !listed.Contains(Normalise(p))))
            findings.Add(new(AuditSeverity.Error, "inventory", parameter,
                $"the build's [Secret] parameter --{parameter} is not in the inventory. Add an entry (name, parameter: {parameter}, owner, rotation...) to secrets-inventory.yaml."));
    }

    private static void CheckEntries(SecretInventory inventory, DateOnly today, int warnDays, List<AuditFinding> findings)
    {
        foreach (var duplicate in inventory.Secrets.GroupBy(e => e.Name).Where(g => g.Count() > 1))
            findings.Add(new(AuditSeverity.Error, "inventory", duplicate.Key, $"listed {duplicate.Count()} times; keep one entry per secret."));
        foreach (var entry in inventory.Secrets)
        {
            var name = entry.Name.Length > 0 ? entry.Name : "(unnamed entry)";
            void Missing(string field, string why) => findings.Add(new(AuditSeverity.Error, "inventory", name, $"no {field}: {why}"));
            if (entry.Name.Length == 0) Missing("name", "every entry needs the variable name.");
            if (string.IsNullOrWhiteSpace(entry.Owner)) Missing("owner", "name the person or team accountable for it (AC1.1).");
            if (string.IsNullOrWhiteSpace(entry.Escalation)) Missing("escalation", "say whom to call when it leaks or expires (AC4.2).");
            if (entry.RotationDays <= 0) Missing("rotation_days", "set the rotation period in days (AC4.2).");
            if (!SecretInventory.StorageKinds.Contains(entry.StoredIn))
                findings.Add(new(AuditSeverity.Error, "inventory", name, $"stored_in is '{entry.StoredIn}'; use one of {string.Join(", ", SecretInventory.StorageKinds)}."));
            if (!SecretInventory.TryParseDate(entry.LastRotated, out _))
            {
                findings.Add(new(AuditSeverity.Error, "rotation", name, $"last_rotated '{entry.LastRotated}' is not a yyyy-MM-dd date; record when it was last rotated."));
                continue;
            }
            var (next, status) = RotationTable.Due(entry, today, warnDays);
            if (status == "OVERDUE")
                findings.Add(new(AuditSeverity.Error, "rotation", name, $"rotation overdue since {next} (every {entry.RotationDays} days). Rotate it (checklist in secrets-rotation.md) and update last_rotated."));
            else if (status == "due soon")
                findings.Add(new(AuditSeverity.Warning, "rotation", name, $"rotation due on {next}, within {warnDays} days. Plan it with {entry.Owner}."));
        }
    }

    private static bool IsEnvFile(string relative)
    {
        var name = Path.GetFileName(relative);
        if (name != ".env" && !name.StartsWith(".env.", StringComparison.Ordinal) && !name.EndsWith(".env", StringComparison.Ordinal)) return false;
        return !IsTemplate(relative);
    }

    private static bool IsTemplate(string relative)
    {
        var name = Path.GetFileName(relative);
        return name.EndsWith(".example", StringComparison.Ordinal) || name.EndsWith(".template", StringComparison.Ordinal) ||
               name.EndsWith(".sample", StringComparison.Ordinal) || name.StartsWith("ENV_TEST_TEMPLATE", StringComparison.Ordinal);
    }

    private static bool Ignored(SecretInventory inventory, string relative) =>
        inventory.IgnorePaths.Any(prefix => relative.StartsWith(prefix, StringComparison.Ordinal));

    private static async Task CheckEnvFilesAsync(string root, SecretInventory inventory, RunContext context, List<AuditFinding> findings)
    {
        // Tracked files: .gitignore does not untrack a file committed before the rule was added.
        var git = ToolLocator.Find("git");
        if (git is not null && (Directory.Exists(Path.Combine(root, ".git")) || File.Exists(Path.Combine(root, ".git"))))
        {
            try
            {
                var result = await context.Tools.RunAsync(new ToolCommand(git, ["ls-files"]) { WorkingDirectory = root, Timeout = TimeSpan.FromMinutes(1) }, context.CancellationToken);
                foreach (var tracked in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(IsEnvFile).Where(f => !Ignored(inventory, f)))
                    findings.Add(new(AuditSeverity.Error, "env-files", tracked,
                        $"is tracked by git. Rotate every value it holds, then `git rm --cached {tracked}` and keep it git-ignored; commit a .env.example with placeholders instead."));
            }
            catch (ToolException exception)
            {
                findings.Add(new(AuditSeverity.Warning, "env-files", "git", $"could not list tracked files ({exception.Message}); only .gitignore coverage was checked."));
            }
        }
        // Untracked but not ignored: the next `git add .` commits them.
        var listed = new FileWalker(new SecretScannerOptions()).Walk(root).Files
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'));
        foreach (var file in listed.Where(IsEnvFile).Where(f => !Ignored(inventory, f)))
            if (!findings.Any(f => f.Check == "env-files" && f.Subject == file))
                findings.Add(new(AuditSeverity.Error, "env-files", file, "is not git-ignored, so it can be committed. Add it to .gitignore (the repository ignores .env and .env.*)."));
    }

    private static void CheckTemplates(string root, SecretInventory inventory, SecretRedactor redactor, List<AuditFinding> findings)
    {
        var scanner = SecretScanner.CreateDefault(redactor: redactor);
        var templates = new FileWalker(new SecretScannerOptions()).Walk(root).Files
            .Select(f => (Path: f, Relative: Path.GetRelativePath(root, f).Replace('\\', '/')))
            .Where(f => IsTemplate(f.Relative) && !Ignored(inventory, f.Relative));
        foreach (var (path, relative) in templates)
        {
            foreach (var finding in scanner.ScanFile(path))
                findings.Add(new(AuditSeverity.Error, "templates", $"{relative}:{finding.Line}",
                    $"holds a real-looking {finding.RuleId} ({finding.Redacted}). Templates hold placeholders only (your-key-here, <...>, ${{VAR}}); rotate the value if it was real."));
            var number = 0;
            foreach (var line in File.ReadLines(path))
            {
                number++;
                var separator = line.IndexOf('=');
                if (line.TrimStart().StartsWith('#') || separator <= 0) continue;
                var key = line[..separator].Trim();
                var value = line[(separator + 1)..].Trim().Trim('"', '\'');
                if (value.Length == 0 || !LooksSecretNamed(key) || FalsePositiveFilter.IsPlaceholder(value)) continue;
                if (findings.Any(f => f.Subject == $"{relative}:{number}")) continue;
                findings.Add(new(AuditSeverity.Error, "templates", $"{relative}:{number}",
                    $"{key} has a value that is not a placeholder. Use your-key-here, <{key.ToLowerInvariant()}>, changeme or leave it empty."));
            }
        }
    }

    private static bool LooksSecretNamed(string key) =>
        new[] { "KEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "PWD", "CREDENTIAL", "DATABASE_URL", "DSN" }
            .Any(part => key.Contains(part, StringComparison.OrdinalIgnoreCase));

    private static bool UpdateRotationTable(string path, SecretsAuditSettings settings, SecretInventory inventory, DateOnly today, SecretRedactor redactor,
        List<AuditFinding> findings)
    {
        if (!File.Exists(path))
        {
            findings.Add(new(AuditSeverity.Error, "rotation-table", path, "the rotation document does not exist; create it with the table markers."));
            return false;
        }
        var document = File.ReadAllText(path);
        var updated = RotationTable.Replace(document, redactor.Redact(RotationTable.Render(inventory.Secrets, today, settings.WarnDays)));
        if (updated is null)
        {
            findings.Add(new(AuditSeverity.Error, "rotation-table", path, $"the markers are missing. Put the lines\n{SecretsAuditSettings.TableBegin}\n{SecretsAuditSettings.TableEnd}\nwhere the table belongs."));
            return false;
        }
        if (updated == document) return false;
        AtomicFile.WriteAllText(path, updated, overwrite: true);
        return true;
    }

    private static (string Path, string Line) AppendAuditTrail(string path, SecretsAuditSettings settings, SecretInventory inventory, RunContext context,
        List<AuditFinding> findings)
    {
        var environment = settings.Environment ?? System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => e.Value as string ?? "");
        var present = inventory.Secrets
            .Where(e => environment.TryGetValue(e.Name, out var value) && value.Length > 0)
            .Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
        var actor = settings.Actor
                    ?? (environment.GetValueOrDefault("GITHUB_ACTOR") is { Length: > 0 } githubActor ? githubActor : System.Environment.UserName);
        var line = JsonSerializer.Serialize(new
        {
            timestamp = context.Clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            actor,
            host = System.Environment.MachineName,
            ci_run = environment.GetValueOrDefault("GITHUB_RUN_ID"),
            target = "AuditSecrets",
            secret_parameters = settings.SecretParameterNames,
            secrets_present_in_environment = present,
            secrets_inventoried = inventory.Secrets.Select(e => e.Name).Order(StringComparer.Ordinal).ToList(),
            errors = findings.Count(f => f.Severity == AuditSeverity.Error),
            warnings = findings.Count(f => f.Severity == AuditSeverity.Warning),
        });
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // One append of one line: the trail only ever grows (O_APPEND keeps concurrent runs' lines whole).
        var written = context.Redactor.Redact(line);
        File.AppendAllText(path, written + "\n");
        return (path, written);
    }
}
