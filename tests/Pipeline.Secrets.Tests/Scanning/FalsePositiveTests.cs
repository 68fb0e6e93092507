using Pipeline.Core.Redaction;
using Pipeline.Secrets.Scanning;

namespace Pipeline.Secrets.Tests.Scanning;

/// <summary>Values that look like secrets but are not must stay out of the report; real ones next to them must not.</summary>
public sealed class FalsePositiveTests
{
    private static readonly SecretScanner Scanner = SecretScanner.CreateDefault(redactor: new SecretRedactor());
    private static readonly Random Random = new(7);

    [Theory]
    [InlineData("OPENAI_API_KEY=your-key-here")]
    [InlineData("api_key = \"<your-api-key>\"")]
    [InlineData("password: ${DB_PASSWORD}")]
    [InlineData("DB_PASSWORD=changeme")]
    [InlineData("token: \"xxxxxxxxxxxxxxxxxxxx\"")]
    [InlineData("aws_access_key_id = AKIAIOSFODNN7EXAMPLE")]
    [InlineData("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")]
    [InlineData("password = os.environ[\"DB_PASSWORD\"]")]
    [InlineData("api_key: ${{ secrets.OPENAI_API_KEY }}")]
    [InlineData("const token = process.env.GITHUB_TOKEN;")]
    [InlineData("session_token = \"3f2b8c1e-9d4a-4b7e-8f21-5c6d7e8f9a0b\"")]
    [InlineData("commit_token: 4b825dc642cb6eb9a060e54bf8d69288fbee4904")]
    [InlineData("DATABASE_URL=postgresql://postgres:postgres@localhost:5432/app")]
    [InlineData("DATABASE_URL=postgres://app:password@127.0.0.1/app")]
    [InlineData("DATABASE_URL=postgresql://user:<password>@db.example.com/app")]
    [InlineData("secret = getSecretFromVault(name)")]
    [InlineData("url = $\"mysql://root:{Settings.Password}@10.0.0.5/shop\"")]
    [InlineData("DATABASE_URL=postgresql://app:password@db.internal:5432/app")]
    [InlineData("-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----")]
    [InlineData("Raw: sk-p***[redacted:1a2b3c4d] secret_hash=sk-p***[redacted:1a2b3c4d]")]
    public void Ignores_placeholders_references_ids_and_local_defaults(string line) =>
        Assert.Empty(Scanner.ScanText("config/settings.txt", line));

    [Fact]
    public void Ignores_lock_file_integrity_hashes_but_not_in_ordinary_files()
    {
        var line = "      \"integrity\": \"sha512-" + PlantedSecrets.Random("ABCDEFabcdef0123456789+/", 86, Random) + "==\", \"token\": \"" + PlantedSecrets.Password(Random) + "\"";
        Assert.Empty(Scanner.ScanText("package-lock.json", line));
        Assert.Single(Scanner.ScanText("notes.json", line));
    }

    [Fact]
    public void The_allow_comment_silences_one_line_only()
    {
        var secret = PlantedSecrets.GitHubToken(Random);
        var text = $"token = \"{secret}\"  # pipeline:allow-secret (reviewed test fixture)\ntoken2 = \"{secret}\"\n";
        var finding = Assert.Single(Scanner.ScanText("a.py", text));
        Assert.Equal(2, finding.Line);
    }

    [Fact]
    public void Supabase_anon_jwt_is_a_generic_jwt_but_service_role_is_called_out()
    {
        var findings = Scanner.ScanText("env", $"ANON={PlantedSecrets.AnonJwt()}\nSERVICE={PlantedSecrets.ServiceRoleJwt()}\n");
        Assert.Equal(["jwt", "supabase-service-role-jwt"], findings.Select(f => f.RuleId));
    }

    [Fact]
    public void Strings_that_only_look_like_jwts_are_not_reported() =>
        Assert.Empty(Scanner.ScanText("x.js", "const s = 'eyJhbGciOiJIUzI1NiIs.eyJnotbase64json!!.abcdefghijklmnop';"));

    [Fact]
    public void Finds_each_family_in_ordinary_code()
    {
        var r = new Random(11);
        var text = string.Join('\n',
            $"OPENAI_API_KEY={PlantedSecrets.OpenAiProject(r)}",
            $"SUPABASE_SECRET={PlantedSecrets.SupabaseSecretKey(r)}",
            $"const pem = \"{PlantedSecrets.Pem(r, "\\n")}\";",
            $"webhook = \"https://hooks.slack.com/services/T0123ABCD/B0123ABCD/{PlantedSecrets.Random("abcdefghijklmnopqrstuvwxyz0123456789", 24, r)}\"",
            $"mysql://root:{PlantedSecrets.Password(r)}@10.0.0.5:3306/shop",
            $"client_secret: \"{PlantedSecrets.Password(r)}\"",
            "github: github_pat_" + PlantedSecrets.Random("ABCdef0123", 22, r) + "_" + PlantedSecrets.Random("ABCdef0123", 59, r));
        var findings = Scanner.ScanText("mixed.txt", text);
        Assert.Equal(
            ["openai-project-key", "supabase-secret-key", "private-key", "slack-webhook", "url-credentials", "generic-secret-assignment", "github-fine-grained-pat"],
            findings.Select(f => f.RuleId));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], findings.Select(f => f.Line));
    }

    [Fact]
    public void A_multi_line_pem_block_is_one_finding_on_its_first_line()
    {
        var r = new Random(3);
        var text = "line one\nline two\n" + PlantedSecrets.Pem(r) + "\ntrailer\n";
        var finding = Assert.Single(Scanner.ScanText("key.pem", text));
        Assert.Equal(("private-key", 3), (finding.RuleId, finding.Line));
    }

    [Fact]
    public void The_same_value_on_one_line_is_reported_once_by_the_most_specific_rule()
    {
        var token = PlantedSecrets.GitHubToken(Random);
        var finding = Assert.Single(Scanner.ScanText("a.env", $"GITHUB_TOKEN={token} # token={token}"));
        Assert.Equal("github-token", finding.RuleId);
    }
}
