using Microsoft.Extensions.Time.Testing;
using Pipeline.Core.Errors;
using Pipeline.Core.Evidence;
using Pipeline.Core.Redaction;
using Pipeline.Core.Runs;
using Pipeline.Core.Tools;
using Pipeline.Secrets.Inventory;

namespace Pipeline.Secrets.Tests.Inventory;

/// <summary>AuditSecrets on a scratch repository: each check fails on its own problem, the table and the trail.</summary>
public sealed class SecretsAuditTests
{
    private readonly string _root = Fixtures.TempFolder();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    private const string Entry = """
          - name: OPENAI_API_KEY
            parameter: OpenAIApiKey
            purpose: OpenAI access
            owner: Platform team
            stored_in: vault
            location: secret/data/pipeline/openai
            environments: [production, ci]
            rotation_days: 90
            last_rotated: 2026-10-01
            escalation: "#platform-oncall"
        """;

    public SecretsAuditTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "docs", "operations"));
        File.WriteAllText(Path.Combine(_root, ".gitignore"), ".env\n.env.*\n!.env.example\nreports/*\n");
        WriteInventory(Entry);
        File.WriteAllText(Path.Combine(_root, "docs", "operations", "secrets-rotation.md"),
            $"# Rotation\n\nIntro.\n\n{SecretsAuditSettings.TableBegin}\nold table\n{SecretsAuditSettings.TableEnd}\n\nChecklist after.\n");
    }

    private void WriteInventory(string entries) =>
        File.WriteAllText(Path.Combine(_root, "docs", "operations", "secrets-inventory.yaml"), "ignore_paths: [tests/fixtures/]\nsecrets:\n" + entries + "\n");

    private readonly SecretRedactor _redactor = new();

    private string RotationDocument => Path.Combine(_root, "docs", "operations", "secrets-rotation.md");
    private string AuditTrail => Path.Combine(_root, "reports", "audit", "secrets-audit.jsonl");

    private string _actor = "alice";

    private Task<SecretsAuditResult> RunAsync(params string[] parameters) =>
        SecretsAudit.RunAsync(new SecretsAuditSettings(_root, parameters)
        {
            Actor = _actor, Environment = new Dictionary<string, string> { ["OPENAI_API_KEY"] = "sk-not-logged-value" },
        }, new RunContext(new EvidenceStore(_root, _clock, _redactor), clock: _clock));

    [Fact]
    public async Task A_complete_inventory_passes_regenerates_the_table_and_appends_names_only_to_the_trail()
    {
        var result = await RunAsync("OpenAIApiKey");

        Assert.Equal((0, 0, true, RunOutcome.Passed), (result.Errors, result.Warnings, result.TableUpdated, result.Outcome));
        Assert.Equal([RotationDocument, AuditTrail], result.EvidenceFiles);
        var document = File.ReadAllText(RotationDocument);
        Assert.Contains("| `OPENAI_API_KEY` (`--openai-api-key`) | OpenAI access | Platform team | vault: secret/data/pipeline/openai | production, ci | 90 days | 2026-10-01 | 2026-12-30 | ok | \\#platform-oncall |", document);
        Assert.StartsWith("# Rotation\n\nIntro.\n\n", document);
        Assert.EndsWith($"{SecretsAuditSettings.TableEnd}\n\nChecklist after.\n", document);
        Assert.DoesNotContain("old table", document);

        Assert.Equal([AuditTrail], (await RunAsync("OpenAIApiKey")).EvidenceFiles); // the table is unchanged: only the trail was written
        var trail = File.ReadAllLines(AuditTrail);
        Assert.Equal(2, trail.Length);
        Assert.Contains("\"actor\":\"alice\"", trail[0]);
        Assert.Contains("\"secrets_present_in_environment\":[\"OPENAI_API_KEY\"]", trail[0]);
        Assert.DoesNotContain("sk-not-logged-value", string.Join('\n', trail));
    }

    [Fact]
    public async Task A_secret_parameter_missing_from_the_inventory_is_an_error_naming_it()
    {
        var result = await RunAsync("OpenAIApiKey", "DatabaseUrl");
        var error = Assert.Single(result.Findings);
        Assert.Equal((AuditSeverity.Error, "inventory", "DatabaseUrl"), (error.Severity, error.Check, error.Subject));
        Assert.Contains("--DatabaseUrl is not in the inventory", error.Message);
    }

    [Theory]
    [InlineData("owner: Platform team", "owner: \"\"", "no owner")]
    [InlineData("escalation: \"#platform-oncall\"", "escalation: \"\"", "no escalation")]
    [InlineData("rotation_days: 90", "rotation_days: 0", "no rotation_days")]
    [InlineData("stored_in: vault", "stored_in: sticky-note", "stored_in is 'sticky-note'")]
    [InlineData("last_rotated: 2026-10-01", "last_rotated: 2025-01-01", "rotation overdue since 2025-04-01")]
    [InlineData("last_rotated: 2026-10-01", "last_rotated: 1st of October", "not a yyyy-MM-dd date")]
    public async Task Each_incomplete_or_overdue_entry_is_an_error(string field, string replacement, string message)
    {
        WriteInventory(Entry.Replace(field, replacement));
        var result = await RunAsync("OpenAIApiKey");
        var error = Assert.Single(result.Findings, f => f.Severity == AuditSeverity.Error);
        Assert.Contains(message, error.Message);
        Assert.Equal($"1 secrets audit error(s) ({error.Check}), each logged above with what to do (the inventory: secrets-inventory.yaml; the rotation checklist: secrets-rotation.md).",
            result.Outcome.Failure);
    }

    [Fact]
    public async Task A_rotation_due_within_the_warning_window_is_a_warning_not_an_error()
    {
        WriteInventory(Entry.Replace("last_rotated: 2026-10-01", "last_rotated: 2026-08-30"));
        var result = await RunAsync("OpenAIApiKey");
        Assert.Equal(RunOutcome.Passed, result.Outcome);
        Assert.Contains("rotation due on 2026-11-28", Assert.Single(result.Findings).Message);
        Assert.Contains("| due soon |", File.ReadAllText(Path.Combine(_root, "docs", "operations", "secrets-rotation.md")));
    }

    [Fact]
    public async Task A_dotenv_file_that_is_not_ignored_is_an_error_and_an_ignored_one_is_not()
    {
        File.WriteAllText(Path.Combine(_root, ".env"), "OPENAI_API_KEY=x\n");
        Directory.CreateDirectory(Path.Combine(_root, "api"));
        File.WriteAllText(Path.Combine(_root, "api", "prod.env"), "OPENAI_API_KEY=x\n");
        var result = await RunAsync("OpenAIApiKey");
        var error = Assert.Single(result.Findings);
        Assert.Equal(("env-files", "api/prod.env"), (error.Check, error.Subject));
    }

    [Fact]
    public async Task A_dotenv_file_tracked_by_git_is_an_error_even_when_ignored()
    {
        var git = ToolLocator.Find("git");
        Assert.NotNull(git);
        var runner = new ToolRunner(Serilog.Core.Logger.None);
        File.WriteAllText(Path.Combine(_root, ".env.production"), "OPENAI_API_KEY=x\n");
        foreach (var args in new[] { new[] { "init", "-q" }, ["add", "-f", ".env.production"], ["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "oops"] })
            await runner.RunAsync(new ToolCommand(git!, args) { WorkingDirectory = _root });

        var result = await RunAsync("OpenAIApiKey");

        var error = Assert.Single(result.Findings);
        Assert.Equal(("env-files", ".env.production"), (error.Check, error.Subject));
        Assert.Contains("git rm --cached .env.production", error.Message);
    }

    [Fact]
    public async Task Templates_must_hold_placeholders_only()
    {
        var token = PlantedSecrets.GitHubToken(new Random(4));
        File.WriteAllText(Path.Combine(_root, ".env.example"), $"OPENAI_API_KEY=your-key-here\nDB_PASSWORD=Summer2026!\nGITHUB_TOKEN={token}\nLOG_LEVEL=debug\n");
        Directory.CreateDirectory(Path.Combine(_root, "tests", "fixtures"));
        File.WriteAllText(Path.Combine(_root, "tests", "fixtures", ".env.example"), $"GITHUB_TOKEN={token}\n");

        var result = await RunAsync("OpenAIApiKey");

        Assert.Equal([".env.example:2", ".env.example:3"], result.Findings.Select(f => f.Subject).Order());
        Assert.All(result.Findings, f => Assert.Equal("templates", f.Check));
        Assert.DoesNotContain(token, string.Join('\n', result.Findings.Select(f => f.Message)));
    }

    [Fact]
    public async Task Missing_markers_and_an_invalid_inventory_are_clear_errors()
    {
        File.WriteAllText(Path.Combine(_root, "docs", "operations", "secrets-rotation.md"), "# Rotation\n");
        var result = await RunAsync("OpenAIApiKey");
        Assert.Contains("the markers are missing", Assert.Single(result.Findings).Message);

        WriteInventory("  - name: [unclosed");
        var error = await Assert.ThrowsAsync<UserInputException>(() => RunAsync());
        Assert.Contains("secrets-inventory.yaml' is not valid (line", error.Message);
    }

    [Fact]
    public async Task Values_the_run_knows_as_secret_are_masked_in_the_table_and_the_trail()
    {
        const string planted = "planted-vault-token-7c1e9a"; // pipeline:allow-secret
        _redactor.Register(planted);
        WriteInventory(Entry.Replace("secret/data/pipeline/openai", "secret/data/" + planted));

        _actor = planted;

        var result = await RunAsync("OpenAIApiKey");

        Assert.Equal(RunOutcome.Passed, result.Outcome);
        Assert.Contains("vault: secret/data/", File.ReadAllText(RotationDocument));
        foreach (var text in result.EvidenceFiles.Select(File.ReadAllText).Append(result.AuditTrailLine)) Assert.DoesNotContain(planted, text);
    }
}
