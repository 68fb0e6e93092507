using System.IO.Compression;
using Pipeline.Core.Redaction;
using Pipeline.Evidence.Archive;
using Pipeline.Evidence.Gate;
using Pipeline.Evidence.Tests.Support;

namespace Pipeline.Evidence.Tests.Gate;

public class RegisteredSecretGateTests
{
    private const string Password = "Pl4nted-DB-Passw0rd-xyz";   // test value, pipeline:allow-secret

    [Fact]
    public void Flags_each_line_holding_a_registered_secret_with_a_masked_excerpt()
    {
        var redactor = new SecretRedactor();
        redactor.Register(Password);
        using var tree = new EvidenceTree().Write("reports/db.log", $"connecting\npostgres://app:{Password}@db:5432/app\nok\n");

        var finding = Assert.Single(new RegisteredSecretGate(redactor).Scan(tree.PathOf("reports/db.log")));

        Assert.Equal(2, finding.Line);
        Assert.Equal("registered-secret", finding.RuleId);
        Assert.Contains("[redacted:", finding.Redacted);
        Assert.DoesNotContain(Password, finding.ToString());
    }

    [Fact]
    public void Finds_nothing_when_no_secret_is_registered()
    {
        using var tree = new EvidenceTree().Write("a.log", Password);
        Assert.Empty(new RegisteredSecretGate(new SecretRedactor()).Scan(tree.PathOf("a.log")));
    }

    [Fact]
    public void A_composite_gate_reports_the_findings_of_every_gate()
    {
        var redactor = new SecretRedactor();
        redactor.Register(Password);
        using var tree = new EvidenceTree().Write("a.log", $"{Password}\nsbp_planted_token_0123456789\n");
        var gate = new CompositeSecretGate(new RegisteredSecretGate(redactor), new PlantedValueGate("sbp_planted_token_0123456789"));
        Assert.Equal([1, 2], gate.Scan(tree.PathOf("a.log")).Select(f => f.Line).Order());
        Assert.Equal("registered-secrets + planted-value gate", gate.Name);
    }

    [Fact]
    public async Task A_secret_in_a_parameter_value_never_reaches_manifest_statement_page_or_archive()
    {
        var redactor = new SecretRedactor();
        redactor.Register(Password);
        using var tree = new EvidenceTree().WithCompleteEvidence().RecordRun();
        var log = new TestLog();
        var settings = Archiving.Settings(new RegisteredSecretGate(redactor)) with
        {
            Parameters = new Dictionary<string, string> { ["DatabaseHint"] = $"postgres://app:{Password}@db/app" },
        };

        var result = await EvidenceArchiver.RunAsync(settings, Archiving.Context(tree, log, redactor: redactor));

        Assert.Equal(ArchiveStatus.Archived, result.Status);
        Assert.DoesNotContain(Password, log.Text);
        foreach (var path in new[] { result.ManifestPath!, result.StatementPath!, result.PagePath! })
            Assert.DoesNotContain(Password, File.ReadAllText(path));
        using var zip = ZipFile.OpenRead(result.ArchivePath!);
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            Assert.DoesNotContain(Password, reader.ReadToEnd());
        }
        Assert.Contains("[redacted:", File.ReadAllText(result.ManifestPath!));
    }
}
