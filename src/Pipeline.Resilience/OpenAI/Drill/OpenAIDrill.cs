using Pipeline.Core.Evidence;
using Pipeline.Core.Redaction;
using Pipeline.Core.Runs;
using Pipeline.LocalBackends.OpenAIStub;
using Serilog;
using Spectre.Console;

namespace Pipeline.Resilience.OpenAI.Drill;

/// <summary>
/// The OpenAI resilience drill (AC2.2). By default it starts the OpenAI stub and runs every scripted failure
/// scenario against the resilient client, checking each scenario's expectations and that the stub and the client
/// agree on the attempts. With a live base URL it runs only safe probes. Either way it writes
/// <c>reports/openai-resilience-YYYYMMDD.log</c> (human and structured lines), <c>.junit.xml</c> and <c>.md</c>.
/// </summary>
public static class OpenAIDrill
{
    public static Task<OpenAIDrillResult> RunAsync(OpenAIDrillSettings settings, RunContext context) =>
        RunAsync(settings, settings.Mode == OpenAIDrillMode.Live ? OpenAIDrillScenarios.ForLive(settings) : OpenAIDrillScenarios.ForStub(settings), context);

    /// <summary>Runs the given scenarios (tests use this to prove that a failed expectation fails the drill).</summary>
    internal static async Task<OpenAIDrillResult> RunAsync(OpenAIDrillSettings settings, IReadOnlyList<OpenAIDrillScenario> scenarios, RunContext context)
    {
        settings.Validate();
        var (evidence, log, console, redactor, cancellationToken) = (context.Evidence, context.Log, context.Console, context.Redactor, context.CancellationToken);
        redactor.Register(settings.LiveApiKey);
        var startedAt = context.Clock.GetUtcNow();
        var results = new List<OpenAIDrillScenarioResult>();
        string target;

        if (settings.Mode == OpenAIDrillMode.Live)
        {
            target = settings.LiveBaseUrl!.ToString();
            log.Information("OpenAI drill (live): safe probes against {BaseUrl}", target);
            foreach (var scenario in scenarios)
                results.Add(await RunScenarioAsync(scenario, LiveOptions(settings, redactor), null, log, console, redactor, cancellationToken));
            if (string.IsNullOrEmpty(settings.LiveApiKey))
                log.Warning("OpenAI drill (live): no API key given, so the probe with a key was skipped; only the invalid-key probe ran");
        }
        else
        {
            await using var stub = await OpenAIStubServer.StartAsync(new OpenAIStubOptions
            {
                Scenarios = scenarios.Where(s => s.Script is not null).ToDictionary(s => s.Name, s => s.Script!),
                Log = log,
            }, cancellationToken);
            target = $"OpenAI stub at {stub.Root}";
            await WarmUpAsync(stub, log, cancellationToken);
            log.Information("OpenAI drill: {Count} scenarios against the {Target}", scenarios.Count, target);
            foreach (var scenario in scenarios)
            {
                var options = StubOptions(settings, stub.ScenarioBaseUrl(scenario.Name), stub.ApiKey, redactor);
                results.Add(await RunScenarioAsync(scenario, options, stub, log, console, redactor, cancellationToken));
            }
        }

        var duration = context.Clock.GetUtcNow() - startedAt;
        var paths = evidence.Reserve(EvidenceNames.OpenAIResilience.Template, EvidenceNames.OpenAIResilienceJUnit.Template, EvidenceNames.OpenAIResilienceMarkdown.Template);
        var result = new OpenAIDrillResult(settings.Mode, target, startedAt, duration, results, paths[0], paths[1], paths[2], evidence.Relative(paths[2]));
        evidence.WriteTextTo(paths[0], OpenAIDrillLogWriter.Render(result, evidence));
        evidence.WriteTextTo(paths[1], OpenAIDrillJUnitWriter.Render(result));
        evidence.WriteTextTo(paths[2], OpenAIDrillMarkdownWriter.Render(result, evidence));
        console.Write(SummaryTable(result, redactor));
        log.Information("OpenAI drill: {Headline}; evidence {Log}, {JUnit}, {Markdown}", result.Headline,
            evidence.Relative(paths[0]), evidence.Relative(paths[1]), evidence.Relative(paths[2]));
        return result;
    }

    /// <summary>
    /// One untimed request on the stub's default scenario first, so the first scenario's recovery time measures the
    /// policy, not the JIT and the first connection.
    /// </summary>
    private static async Task WarmUpAsync(OpenAIStubServer stub, ILogger log, CancellationToken cancellationToken)
    {
        using var client = new OpenAIResilientClient(new OpenAIClientOptions { BaseUrl = stub.BaseUrl, ApiKey = stub.ApiKey, MaxRetryAttempts = 0 }, Serilog.Core.Logger.None);
        var warmUp = await client.ListModelsAsync("warm-up", cancellationToken);
        if (!warmUp.Succeeded) log.Warning("OpenAI drill: the stub's warm-up request failed ({Reason}); the scenarios will show why", warmUp.FailureReason);
    }

    /// <summary>The drill's client tuning against the stub: the production policy with short, honest waits.</summary>
    internal static OpenAIClientOptions StubOptions(OpenAIDrillSettings settings, Uri baseUrl, string? apiKey, SecretRedactor redactor) => new()
    {
        BaseUrl = baseUrl,
        ApiKey = apiKey,
        BaseDelay = settings.BaseDelay,
        MaxBackoffDelay = MaxBackoffDelay(settings),
        AttemptTimeout = settings.AttemptTimeout,
        // Room for a timed-out attempt, its retry and one more: the total timeout must never be what ends a scenario.
        TotalTimeout = settings.AttemptTimeout * 3,
        BreakerMinimumThroughput = 4,
        BreakerSamplingDuration = TimeSpan.FromSeconds(10),
        BreakerBreakDuration = settings.BreakDuration,
        Redactor = redactor,
    };

    /// <summary>The cap on the drill client's backoff: three doublings of its base delay.</summary>
    internal static TimeSpan MaxBackoffDelay(OpenAIDrillSettings settings) => settings.BaseDelay * 8;

    /// <summary>Live probes: at most two requests each (one retry), short timeouts, never a loop.</summary>
    internal static OpenAIClientOptions LiveOptions(OpenAIDrillSettings settings, SecretRedactor redactor) => new()
    {
        BaseUrl = settings.LiveBaseUrl!.AbsoluteUri.EndsWith('/') ? settings.LiveBaseUrl : new Uri(settings.LiveBaseUrl.AbsoluteUri + "/"),
        ApiKey = settings.LiveApiKey,
        MaxRetryAttempts = 1,
        AttemptTimeout = settings.LiveAttemptTimeout,
        TotalTimeout = settings.LiveAttemptTimeout * 2 + TimeSpan.FromSeconds(5),
        BreakerMinimumThroughput = 100,
        Redactor = redactor,
    };

    private static async Task<OpenAIDrillScenarioResult> RunScenarioAsync(OpenAIDrillScenario scenario, OpenAIClientOptions options,
        OpenAIStubServer? stub, ILogger log, IAnsiConsole console, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        var capture = new ClientLogCapture();
        using var scenarioLog = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Logger(log).WriteTo.Sink(capture).CreateLogger();
        var clientOptions = scenario.Configure(options);
        redactor.Register(clientOptions.ApiKey);
        using var client = new OpenAIResilientClient(clientOptions, scenarioLog);

        var startedAt = clientOptions.TimeProvider.GetUtcNow();
        log.Information("OpenAI drill scenario {Scenario}: {Expectation}", scenario.Name, scenario.Expectation);
        IReadOnlyList<OpenAICallResult> calls = [];
        Exception? crash = null;
        try
        {
            calls = await scenario.Exercise(client, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A broken scenario must fail its own test case, not take the other scenarios' evidence down with it.
            crash = exception;
            log.Error(exception, "OpenAI drill scenario {Scenario} crashed", scenario.Name);
        }
        var finishedAt = clientOptions.TimeProvider.GetUtcNow();
        var stubAttempts = stub?.AttemptsFor(scenario.Name);
        DateTimeOffset? healedAt = scenario.HealsAfter is { } window && stubAttempts is { Count: > 0 } ? stubAttempts[0].ReceivedAt + window : null;
        var observation = new OpenAIDrillObservation(scenario.Name, calls, stubAttempts, client.BreakerTransitions, capture.Lines, startedAt, finishedAt, healedAt);

        var checks = new List<OpenAIDrillCheck>();
        if (crash is not null)
            checks.Add(OpenAIDrillCheck.That("the scenario runs to the end", false, $"{crash.GetType().Name}: {crash.Message}"));
        else
        {
            try
            {
                checks.AddRange(scenario.Check(observation));
            }
            catch (Exception exception)
            {
                checks.Add(OpenAIDrillCheck.That("the scenario's checks can be evaluated", false, $"{exception.GetType().Name}: {exception.Message}"));
            }
        }
        if (stubAttempts is not null) checks.AddRange(AgreementChecks(observation, stubAttempts));
        var alerts = calls.Where(c => c.NeedsEscalation).Select(c =>
        {
            var contact = OpenAIEscalationContact.For(c.Class);
            return $"ALERT openai/{scenario.Name}: {c.Class} -> {contact.Role} ({contact.Channel}): {contact.Action}";
        }).Distinct().ToArray();
        foreach (var alert in alerts) log.Error("{Alert}", alert);

        var result = new OpenAIDrillScenarioResult(scenario.Name, scenario.Expectation, checks, observation, alerts);
        foreach (var failed in result.Failures)
            log.Error("OpenAI drill scenario {Scenario} FAILED: expected {Expectation}; observed {Observed}", scenario.Name, failed.Expectation, failed.Observed);
        console.MarkupLine(redactor.Redact(
            $"OpenAI drill [bold]{Markup.Escape(scenario.Name)}[/]: {(result.Passed ? "[green]passed[/]" : "[red]FAILED[/]")} " +
            $"[grey]({observation.ClientSentAttempts} attempt(s), {observation.FinalClass}, {result.Duration.TotalMilliseconds:0} ms)[/]"));
        return result;
    }

    /// <summary>
    /// The stub and the client must tell the same story. Every answer the client got carries the x-request-id the
    /// stub issued for it, so those attempts are matched one to one. An attempt that got no answer (attempt timeout,
    /// connection failure) may or may not have reached the stub: it can explain at most one request the stub saw
    /// and the client has no answer for, never more. With every attempt answered this is plain equality.
    /// </summary>
    internal static IEnumerable<OpenAIDrillCheck> AgreementChecks(OpenAIDrillObservation o, IReadOnlyList<OpenAIStubAttempt> stub)
    {
        var stubIds = stub.Select(a => a.RequestId).ToHashSet(StringComparer.Ordinal);
        var answered = o.Attempts.Where(a => a.Sent && a.Status is not null).ToArray();
        var unanswered = o.ClientSentAttempts - answered.Length;
        var matched = answered.Count(a => a.RequestId is not null && stubIds.Contains(a.RequestId));
        var unexplained = stub.Count - matched;
        yield return OpenAIDrillCheck.That("the stub saw as many requests as the client sent (one without an answer may not have reached it)",
            stub.Count >= answered.Length && unexplained <= unanswered,
            $"stub {stub.Count}, client {o.ClientSentAttempts} sent: {answered.Length} answered, {unanswered} without an answer, " +
            $"{o.Attempts.Count(a => !a.Sent)} short-circuited; {Math.Max(unexplained, 0)} stub request(s) without a client answer");
        var unknown = answered.Where(a => a.RequestId is null || !stubIds.Contains(a.RequestId)).Select(a => a.RequestId ?? "(none)").ToArray();
        yield return OpenAIDrillCheck.That("every answer the client got carries an x-request-id the stub issued", unknown.Length == 0,
            unknown.Length == 0 ? $"{matched} request id(s) matched" : $"unknown ids: {string.Join(", ", unknown)}");
    }

    private static Table SummaryTable(OpenAIDrillResult result, SecretRedactor redactor)
    {
        var table = new Table().Title(redactor.Redact($"OpenAI drill ({result.Mode.ToString().ToLowerInvariant()}): {Markup.Escape(result.Target)}"))
            .AddColumns(new TableColumn("Scenario").NoWrap(), new TableColumn("Result"), new TableColumn("Sent/seen"),
                new TableColumn("Waits"), new TableColumn("Final").NoWrap(), new TableColumn("Recovery"));
        foreach (var s in result.Scenarios)
        {
            var o = s.Observation;
            table.AddRow(
                Markup.Escape(s.Name),
                s.Passed ? "[green]passed[/]" : "[red]FAILED[/]",
                $"{o.ClientSentAttempts}/{(o.StubAttempts is null ? "-" : o.StubAttempts.Count.ToString())}",
                o.Waits.Count == 0 ? "-" : string.Join(", ", o.Waits.Select(OpenAIDrillScenarios.Ms)),
                o.FinalClass.ToString(),
                OpenAIDrillMarkdownWriter.ShortRecovery(o));
        }
        return table;
    }
}
