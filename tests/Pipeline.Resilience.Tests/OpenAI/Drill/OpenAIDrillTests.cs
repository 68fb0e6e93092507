using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Xml.Linq;
using Pipeline.Core.Errors;
using Pipeline.Core.Evidence;
using Pipeline.Core.Redaction;
using Pipeline.Core.Runs;
using Pipeline.Resilience.OpenAI;
using Pipeline.Resilience.OpenAI.Drill;
using Pipeline.LocalBackends.OpenAIStub;
using Spectre.Console;

namespace Pipeline.Resilience.Tests.OpenAI.Drill;

public sealed class OpenAIDrillTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("openai-drill-").FullName;
    private readonly StringWriter _console = new();
    private readonly LogCollector _log = new();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static OpenAIDrillSettings Settings() => new();

    private RunContext Context(SecretRedactor? redactor = null) => new(new EvidenceStore(_root, redactor: redactor ?? new SecretRedactor()), _log.Logger,
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(_console), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors }));

    [Fact]
    public async Task Stub_drill_passes_every_scenario_quickly_and_writes_the_three_reports()
    {
        var watch = Stopwatch.StartNew();
        var result = await OpenAIDrill.RunAsync(Settings(), Context());
        watch.Stop();

        Assert.Equal(RunOutcome.Passed, result.Outcome);
        Assert.Equal(
            ["rate-limit-recovery", "quota-exhausted", "revoked-key", "server-errors-recovery", "timeout-recovery", "garbage-answer", "sustained-outage"],
            result.Scenarios.Select(s => s.Name));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"the drill took {watch.Elapsed}");

        var stamp = new EvidenceStore(_root).DateStamp;
        Assert.Equal(Path.Combine(_root, "reports", $"openai-resilience-{stamp}.log"), result.LogPath);
        Assert.Equal(Path.Combine(_root, "reports", $"openai-resilience-{stamp}.junit.xml"), result.JUnitPath);
        Assert.Equal(Path.Combine(_root, "reports", $"openai-resilience-{stamp}.md"), result.MarkdownPath);

        var outage = result.Scenarios.Single(s => s.Name == "sustained-outage").Observation;
        Assert.True(outage.ShortCircuitedCalls > 0);
        Assert.NotNull(outage.RecoveryAfterHeal);
        var quota = result.Scenarios.Single(s => s.Name == "quota-exhausted");
        Assert.Contains(quota.Alerts, a => a.Contains(OpenAIEscalationContact.BillingOwner.Role));

        var log = await File.ReadAllTextAsync(result.LogPath);
        Assert.Contains("== rate-limit-recovery: PASSED", log);
        Assert.Contains("retry in 200 ms (retry-after-ms: 200)", log);
        Assert.Contains("FALLBACK engaged", log);
        Assert.Contains("ALERT openai/quota-exhausted: QuotaExhausted", log);
        Assert.Contains("\"event\":\"stub_attempt\"", log);
        Assert.Contains("\"event\":\"breaker\"", log);
        var junit = XDocument.Load(result.JUnitPath);
        Assert.Equal(7, junit.Descendants("testcase").Count());
        Assert.Empty(junit.Descendants("failure"));
        var markdown = await File.ReadAllTextAsync(result.MarkdownPath);
        Assert.Contains("| sustained-outage | passed |", markdown);
        Assert.Contains("after heal", markdown);
        Assert.Contains("sustained-outage", _console.ToString());
        Assert.Contains("passed", _console.ToString());
    }

    [Fact]
    public async Task A_second_run_the_same_day_keeps_the_first_runs_evidence()
    {
        var settings = Settings() with
        {
            // Two short runs are enough to prove naming (not whether the scenarios pass): shrink the slow scenarios.
            AttemptTimeout = TimeSpan.FromMilliseconds(600), Stall = TimeSpan.FromMilliseconds(900), OutageWindow = TimeSpan.FromMilliseconds(600),
        };
        var first = await OpenAIDrill.RunAsync(settings, Context());
        var second = await OpenAIDrill.RunAsync(settings, Context());

        Assert.NotEqual(first.LogPath, second.LogPath);
        Assert.True(File.Exists(first.LogPath) && File.Exists(second.LogPath));
        Assert.Matches(@"openai-resilience-\d{8}-\d{6}\.junit\.xml$", second.JUnitPath);
        Assert.Equal(6, Directory.GetFiles(Path.Combine(_root, "reports"), "openai-resilience-*").Length);
    }

    [Fact]
    public async Task Live_probes_against_an_OpenAI_compatible_server_pass_and_the_key_never_appears()
    {
        const string key = "sk-live-planted-secret-4b7e2a9d11c0";
        await using var server = await OpenAIStubServer.StartAsync(new OpenAIStubOptions { ApiKey = key });
        var redactor = new SecretRedactor();
        var settings = Settings() with { LiveBaseUrl = server.BaseUrl, LiveApiKey = key };

        var result = await OpenAIDrill.RunAsync(settings, Context(redactor));

        Assert.False(result.Outcome.IsFailed, result.Outcome.Failure);
        Assert.Equal(["live-models-with-key", "live-models-invalid-key"], result.Scenarios.Select(s => s.Name));
        Assert.Equal(2, server.Attempts.Count);
        Assert.All(server.Attempts, a => Assert.Equal("/v1/models", a.Path));
        foreach (var path in new[] { result.LogPath, result.JUnitPath, result.MarkdownPath })
            Assert.DoesNotContain(key, await File.ReadAllTextAsync(path));
        Assert.DoesNotContain(key, _console.ToString());
        Assert.DoesNotContain(key, redactor.Redact(_log.All));
    }

    [Fact]
    public async Task A_live_server_that_is_down_fails_fast_with_a_clear_reason()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var settings = Settings() with { LiveBaseUrl = new Uri($"http://127.0.0.1:{port}/v1") };

        var watch = Stopwatch.StartNew();
        var result = await OpenAIDrill.RunAsync(settings, Context());

        Assert.True(result.Outcome.IsFailed);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        var probe = Assert.Single(result.Scenarios);
        Assert.Equal(OpenAIOutcomeClass.Transient, probe.Observation.FinalClass);
        Assert.Contains($"connection failed to http://127.0.0.1:{port}", result.Headline);
        Assert.Contains("live-models-invalid-key", result.Headline);
        Assert.Single(XDocument.Load(result.JUnitPath).Descendants("failure"));
    }

    [Fact]
    public async Task A_live_server_answering_garbage_is_a_classified_failure()
    {
        await using var garbage = await OpenAIStubServer.StartAsync(new OpenAIStubOptions
        {
            ApiKey = null,
            Scenarios = new Dictionary<string, OpenAIStubScript> { ["html"] = OpenAIStubScript.Empty.ThenOtherwise(OpenAIStubStep.Garbage()) },
        });
        var settings = Settings() with { LiveBaseUrl = garbage.ScenarioBaseUrl("html"), LiveApiKey = "sk-any-key-000000000000" };

        var result = await OpenAIDrill.RunAsync(settings, Context());

        Assert.True(result.Outcome.IsFailed);
        Assert.All(result.Scenarios, s => Assert.Equal(OpenAIOutcomeClass.Fatal, s.Observation.FinalClass));
        Assert.Contains("not OpenAI JSON", result.Headline);
        Assert.DoesNotContain("   at ", await File.ReadAllTextAsync(result.LogPath));
    }

    [Fact]
    public void What_the_user_gives_is_refused_as_a_user_error_and_contradicting_timings_as_a_bug()
    {
        var url = Assert.Throws<UserInputException>(() => (Settings() with { LiveBaseUrl = new Uri("file:///tmp/x") }).Validate());
        Assert.Equal("The live OpenAI base URL with scheme 'file' is not an absolute http(s) URL: give one such as https://api.openai.com/v1.", url.Message);
        var key = Assert.Throws<UserInputException>(() => (Settings() with { LiveApiKey = "sk-planted-live-key-1234 \r\n" }).Validate());
        Assert.DoesNotContain("sk-planted-live-key-1234", key.Message);
        Assert.Contains("give the key alone", key.Message);

        var timings = Assert.Throws<ArgumentOutOfRangeException>(() => (Settings() with { Stall = TimeSpan.FromMilliseconds(100) }).Validate());
        Assert.Contains("must outlast the attempt timeout", timings.Message);
    }

    [Fact]
    public async Task A_bad_live_url_stops_the_drill_before_anything_is_written()
    {
        await Assert.ThrowsAsync<UserInputException>(() => OpenAIDrill.RunAsync(Settings() with { LiveBaseUrl = new Uri("ftp://example.com/v1") }, Context()));

        Assert.False(Directory.Exists(Path.Combine(_root, "reports")) && Directory.EnumerateFiles(Path.Combine(_root, "reports"), "openai-resilience-*").Any());
    }

    [Fact]
    public async Task An_unmet_expectation_fails_the_drill_and_shows_in_every_report()
    {
        // A scenario that wrongly expects a quota failure to succeed: the drill must say so, not pass.
        var wrong = new OpenAIDrillScenario("quota-expected-to-succeed", "a quota failure that should succeed (deliberately wrong)",
            OpenAIStubScript.Empty.ThenOtherwise(OpenAIStubStep.Fail(OpenAIErrorCatalog.InsufficientQuota)),
            o => o,
            async (client, ct) => [await client.ChatAsync("hi", "quota-expected-to-succeed", ct)],
            o => [OpenAIDrillCheck.That("final classification Success", o.FinalClass == OpenAIOutcomeClass.Success, o.FinalClass.ToString())]);

        var result = await OpenAIDrill.RunAsync(Settings(), [wrong], Context());

        Assert.Equal($"{result.Headline}. Details: reports/openai-resilience-{new EvidenceStore(_root).DateStamp}.md", result.Outcome.Failure);
        Assert.Contains("quota-expected-to-succeed (expected final classification Success; saw QuotaExhausted)", result.Headline);
        Assert.Equal([result.LogPath, result.JUnitPath, result.MarkdownPath], result.EvidenceFiles);
        var failure = Assert.Single(XDocument.Load(result.JUnitPath).Descendants("failure"));
        Assert.Contains("observed QuotaExhausted", failure.Attribute("message")!.Value);
        Assert.Contains("**FAILED**", await File.ReadAllTextAsync(result.MarkdownPath));
        Assert.Contains("[FAIL] final classification Success", await File.ReadAllTextAsync(result.LogPath));
        // The shared checks still ran and agree: one request seen, one sent.
        Assert.Contains(result.Scenarios[0].Checks, c => c.Expectation.StartsWith("the stub saw as many requests") && c.Passed);
    }

    [Fact]
    public async Task A_live_server_that_never_answers_fails_within_the_probe_timeouts()
    {
        await using var silent = await OpenAIStubServer.StartAsync(new OpenAIStubOptions
        {
            ApiKey = null,
            Scenarios = new Dictionary<string, OpenAIStubScript> { ["hang"] = OpenAIStubScript.Empty.ThenOtherwise(OpenAIStubStep.Stall(TimeSpan.FromSeconds(30))) },
        });
        var settings = Settings() with { LiveBaseUrl = silent.ScenarioBaseUrl("hang"), LiveAttemptTimeout = TimeSpan.FromMilliseconds(300) };

        var watch = Stopwatch.StartNew();
        var result = await OpenAIDrill.RunAsync(settings, Context());

        Assert.True(result.Outcome.IsFailed);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        var probe = Assert.Single(result.Scenarios);
        Assert.Equal(2, probe.Observation.ClientSentAttempts);
        Assert.Contains("no answer within the attempt timeout of 300 ms", result.Headline);
    }

    [Fact]
    public async Task A_crashing_scenario_fails_its_own_test_case_and_the_others_still_report()
    {
        var crashing = new OpenAIDrillScenario("crashes", "a scenario with a bug", null, o => o,
            (_, _) => throw new InvalidOperationException("bug in the scenario"),
            _ => []);
        var fine = new OpenAIDrillScenario("fine", "a normal call succeeds", null, o => o,
            async (client, ct) => [await client.ListModelsAsync("fine", ct)],
            o => [OpenAIDrillCheck.That("final classification Success", o.FinalClass == OpenAIOutcomeClass.Success, o.FinalClass.ToString())]);

        var result = await OpenAIDrill.RunAsync(Settings(), [crashing, fine], Context());

        Assert.True(result.Outcome.IsFailed);
        Assert.Equal([false, true], result.Scenarios.Select(s => s.Passed));
        Assert.Contains("the scenario runs to the end; saw InvalidOperationException: bug in the scenario", result.Headline);
        Assert.Equal(2, XDocument.Load(result.JUnitPath).Descendants("testcase").Count());
    }
}
