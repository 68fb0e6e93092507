using System.IO.Compression;
using Pipeline.Core.Redaction;
using Pipeline.Evidence.Gate;

namespace Pipeline.Evidence.Tests.Gate;

/// <summary>The built-in scanner as the archive's gate: it reads inside archives and never passes a file it could not read.</summary>
public sealed class BuiltInScannerGateTests
{
    readonly string _folder = Directory.CreateTempSubdirectory("pipeline-gate-").FullName;
    readonly BuiltInScannerGate _gate = new(new SecretRedactor());

    static string Token() => "gh" + "p_" + "Qw7Rt2Zp9Lk4" + "A1b2C3d4E5f6G7h8J9k0L1m2";

    [Fact]
    public void A_token_inside_an_evidence_zip_is_found_masked()
    {
        var path = Path.Combine(_folder, "evidence-20261128-1.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        using (var writer = new StreamWriter(zip.CreateEntry("logs/run.log").Open()))
            writer.Write("leaked " + Token());

        var finding = Assert.Single(_gate.Scan(path));

        Assert.Equal(("github-token", 1), (finding.RuleId, finding.Line));
        Assert.EndsWith("evidence-20261128-1.zip!logs/run.log", finding.File);
        Assert.DoesNotContain(Token(), finding.Redacted);
    }

    [Fact]
    public void A_file_the_gate_cannot_read_is_a_not_scanned_finding_and_a_known_image_is_not()
    {
        var dangling = Path.Combine(_folder, "chart.md");
        File.CreateSymbolicLink(dangling, Path.Combine(_folder, "gone.md"));
        var png = Path.Combine(_folder, "chart.png");
        File.WriteAllBytes(png, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

        Assert.Equal("not-scanned", Assert.Single(_gate.Scan(dangling)).RuleId);
        Assert.Empty(_gate.Scan(png));
    }
}
