using Pipeline.Secrets.Baseline;
using Pipeline.Secrets.Scanning;

namespace Pipeline.Secrets.Tests.Baseline;

public class SecretsBaselineTests
{
    private static SecretFinding Finding(string file, string text) =>
        Assert.Single(SecretScanner.CreateDefault(redactor: new Pipeline.Core.Redaction.SecretRedactor()).ScanText(file, text));

    private const string Line = "url = \"postgres://app:Xq7pL2vN9rT4wZ8k@db.internal.example:5432/app\""; // pipeline:allow-secret

    [Fact]
    public void Test_data_accepted_in_tests_stays_accepted_when_a_test_run_echoes_it_into_test_results()
    {
        var source = Finding("tests/Pipeline.X.Tests/UrlTests.cs", Line);
        var baseline = new SecretsBaseline(SecretsBaseline.EntriesFor([source]).ToList());

        Assert.True(baseline.Contains(source));
        Assert.True(baseline.Contains(Finding("reports/tests/20261126-003624/Pipeline.X.Tests.junit.xml", Line)));
        // Elsewhere the same value is a new finding: the baseline accepts a place, not a value.
        Assert.False(baseline.Contains(Finding("src/Pipeline.X/Settings.cs", Line)));
        Assert.False(baseline.Contains(Finding("reports/ci-logs/job.log", Line)));
    }

    [Fact]
    public void A_value_accepted_outside_tests_is_not_accepted_in_test_results()
    {
        var source = Finding("config/appsettings.json", Line);
        var baseline = new SecretsBaseline(SecretsBaseline.EntriesFor([source]).ToList());
        Assert.False(baseline.Contains(Finding("reports/tests/run/Pipeline.X.Tests.junit.xml", Line)));
    }
}
