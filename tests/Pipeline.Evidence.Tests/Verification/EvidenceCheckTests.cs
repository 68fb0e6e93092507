using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Core.Errors;
using Pipeline.Core.Redaction;
using Pipeline.Core.Runs;
using Pipeline.Core.Tools;
using Pipeline.Evidence.Archive;
using Pipeline.Evidence.Tests.Support;
using Pipeline.Evidence.Verification;

namespace Pipeline.Evidence.Tests.Verification;

/// <summary>
/// VerifyEvidence beyond integrity: the archive must match the statement beside it, and a real ssh-keygen
/// signature over that statement is checked against an allowed-signers file.
/// </summary>
public sealed class EvidenceCheckTests : IAsyncLifetime
{
    private readonly EvidenceTree _tree = new EvidenceTree().WithCompleteEvidence().RecordRun();
    private readonly ToolRunner _tools = new(new TestLog().Logger, new SecretRedactor());
    private readonly TestLog _log = new();
    private ArchiveResult _archive = null!;

    public async Task InitializeAsync() => _archive = await Archiving.RunAsync(_tree);

    public Task DisposeAsync()
    {
        _tree.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Without_a_signature_it_says_what_it_verified_and_that_the_signature_was_not_checked()
    {
        var result = await EvidenceCheck.RunAsync(new EvidenceCheckSettings(_archive.ArchivePath!), Context());

        Assert.Equal(RunOutcome.Passed, result.Outcome);
        Assert.StartsWith("integrity: verified", result.IntegrityLine);
        Assert.Equal("statement match: verified (the archive is the one evidence-20251014.intoto.json describes)", result.StatementLine);
        Assert.Equal("signature: not checked (no signature given)", result.SignatureLine);
        Assert.Equal("integrity: verified; statement match: verified; signature: not checked", result.Headline);
        Assert.Empty(result.EvidenceFiles);
        Assert.Contains($"Information {result.IntegrityLine}", _log.Text);
        Assert.Contains($"Information {result.SignatureLine}", _log.Text);
    }

    [Fact]
    public async Task A_replaced_file_with_a_consistent_inner_manifest_and_statement_passes_integrity_but_not_the_outer_statement()
    {
        var tampered = ReplaceConsistently(_archive.ArchivePath!, "reports/openai-resilience-20251014.log", "Result: PASSED (forged)\n"u8.ToArray());

        Assert.True(ArchiveVerifier.Verify(tampered).Passed);   // integrity alone cannot tell
        var result = await EvidenceCheck.RunAsync(new EvidenceCheckSettings(tampered) { Statement = _archive.StatementPath }, Context());

        Assert.True(result.Outcome.IsFailed);
        Assert.StartsWith("integrity: verified", result.IntegrityLine);
        Assert.StartsWith("statement match: FAILED against evidence-20251014.intoto.json", result.StatementLine);
        Assert.Equal($"{result.StatementLine}. Do not hand this archive to QA; rebuild it with ArchiveEvidence.", result.Outcome.Failure);
        Assert.Equal("integrity: verified; statement match: FAILED against evidence-20251014.intoto.json; signature: not checked", result.Headline);
        Assert.Contains("Error statement: ", _log.Text);
        Assert.Contains(result.Integrity.Problems, p => p.Kind == ProblemKind.Statement && p.Entry == "reports/openai-resilience-20251014.log"
                                                         && p.Message.Contains("the archive is not the one the statement describes"));
    }

    [Fact]
    public async Task A_real_ssh_keygen_signature_by_an_allowed_signer_verifies()
    {
        using var keys = await SshKeys.CreateAsync(_tools, "release@example.com");
        await keys.SignAsync(_tools, _archive.StatementPath!);

        var result = await EvidenceCheck.RunAsync(new EvidenceCheckSettings(_archive.ArchivePath!)
        {
            AllowedSigners = keys.AllowedSigners, SignerIdentity = "release@example.com",   // signature defaults to <statement>.sig
        }, Context());

        Assert.False(result.Outcome.IsFailed, result.SignatureLine);
        Assert.StartsWith("signature: verified (evidence-20251014.intoto.json.sig by 'release@example.com', namespace pipeline-evidence", result.SignatureLine);
    }

    [Fact]
    public async Task A_signature_by_someone_not_allowed_or_over_an_edited_statement_fails()
    {
        using var allowed = await SshKeys.CreateAsync(_tools, "release@example.com");
        using var intruder = await SshKeys.CreateAsync(_tools, "mallory@example.com");
        await intruder.SignAsync(_tools, _archive.StatementPath!);
        var settings = new EvidenceCheckSettings(_archive.ArchivePath!) { AllowedSigners = allowed.AllowedSigners, SignerIdentity = "release@example.com" };

        var wrongSigner = await EvidenceCheck.RunAsync(settings, Context());

        Assert.True(wrongSigner.Outcome.IsFailed);
        Assert.StartsWith("signature: FAILED: ssh-keygen -Y verify rejected evidence-20251014.intoto.json.sig for identity 'release@example.com'", wrongSigner.SignatureLine);

        File.Delete(_archive.StatementPath! + ".sig");
        await allowed.SignAsync(_tools, _archive.StatementPath!);
        File.AppendAllText(_archive.StatementPath!, " ");   // the signed file changed after signing
        var edited = await EvidenceCheck.RunAsync(settings, Context());
        Assert.True(edited.Outcome.IsFailed);
        Assert.StartsWith("signature: FAILED", edited.SignatureLine);
    }

    [Fact]
    public async Task A_signature_without_allowed_signers_is_a_one_line_user_error()
    {
        File.WriteAllText(_archive.StatementPath! + ".sig", "not checked");
        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            EvidenceCheck.RunAsync(new EvidenceCheckSettings(_archive.ArchivePath!) { Signature = _archive.StatementPath! + ".sig" }, Context()));
        Assert.StartsWith("a signature check needs the allowed-signers file", error.Message);
        Assert.Equal(nameof(EvidenceCheckSettings.AllowedSigners), error.Input);
    }

    [Fact]
    public async Task Allowed_signers_with_no_statement_beside_the_archive_is_a_one_line_user_error_not_a_pass()
    {
        File.WriteAllText(Path.Combine(_tree.Root, "allowed_signers"), "release@example.com ssh-ed25519 AAAA\n");
        File.Delete(_archive.StatementPath!);
        var error = await Assert.ThrowsAsync<UserInputException>(() => EvidenceCheck.RunAsync(
            new EvidenceCheckSettings(_archive.ArchivePath!) { AllowedSigners = Path.Combine(_tree.Root, "allowed_signers"), SignerIdentity = "release@example.com" }, Context()));
        Assert.StartsWith("a signature check (allowed signers given) needs a statement, and there is none beside the archive", error.Message);
        Assert.Contains("give the statement file and the signature file", error.Message);
        Assert.Equal(nameof(EvidenceCheckSettings.Statement), error.Input); // what is missing is the statement, so the user is pointed at --statement
    }

    private RunContext Context() => Archiving.Context(_tree, _log);

    // Rewrites one entry and recomputes manifest.json and the inner statement so that they agree with it.
    private static string ReplaceConsistently(string archive, string entry, byte[] content)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        byte[] Fix(byte[] json)
        {
            var text = Encoding.UTF8.GetString(json);
            var node = JsonNode.Parse(text)!;
            foreach (var file in (node["files"] ?? node["predicate"]!["files"])!.AsArray().Where(f => (string?)f!["path"] == entry))
            {
                file!["sha256"] = sha;
                file["size"] = content.Length;
            }
            foreach (var subject in node["subject"]?.AsArray().Where(s => (string?)s!["name"] == entry) ?? [])
                subject!["digest"]!["sha256"] = sha;
            return Encoding.UTF8.GetBytes(node.ToJsonString());
        }
        return ZipTamper.Rewrite(archive, (name, bytes) => name switch
        {
            _ when name == entry => (name, content),
            "manifest.json" or "evidence.intoto.json" => (name, Fix(bytes)),
            _ => (name, bytes),
        });
    }
}
