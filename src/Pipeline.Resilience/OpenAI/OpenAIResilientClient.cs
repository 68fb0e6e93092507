using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Pipeline.Core.Http;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using Serilog;
using Serilog.Events;

namespace Pipeline.Resilience.OpenAI;

/// <summary>
/// An OpenAI HTTP client behind a Polly v8 pipeline: total timeout → retry (classified; Polly's exponential backoff
/// with jitter, or the wait the server's headers dictate) →
/// circuit breaker (sustained transient failures) → per-attempt timeout. Every attempt is logged with the scenario,
/// status, error type/code, <c>x-request-id</c> and the delay chosen and why; a fallback answer is always logged as
/// such; quota and auth failures are logged as needing a person. The key is registered with the redactor and never logged.
/// One instance holds one breaker: share it across calls to the same endpoint.
/// </summary>
internal sealed class OpenAIResilientClient : IDisposable
{
    /// <summary>The part of an error body kept: the message is in its first bytes; the rest of a huge body is not read.</summary>
    internal const int MaxErrorBodyBytes = 1 << 20;
    /// <summary>The largest answer read: chat completions are kilobytes.</summary>
    internal const int MaxAnswerBytes = 16 << 20;

    private static readonly ResiliencePropertyKey<CallState> StateKey = new("pipeline.openai.call");
    private static readonly ResiliencePropertyKey<OpenAIRetryDecision> DecisionKey = new("pipeline.openai.decision");

    private readonly OpenAIClientOptions _options;
    private readonly OpenAIRetryPolicy _policy;
    private readonly ILogger _log;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<AttemptResponse> _pipeline;
    private readonly CircuitBreakerStateProvider _breakerState = new();
    private readonly object _gate = new();
    private readonly List<OpenAIBreakerTransition> _breakerTransitions = [];

    /// <param name="handler">The HTTP handler (tests pass an in-memory one); null uses a pooled socket handler.</param>
    public OpenAIResilientClient(OpenAIClientOptions options, ILogger log, HttpMessageHandler? handler = null)
    {
        options.Validate();
        _options = options;
        _policy = new OpenAIRetryPolicy(options);
        _log = log.ForContext<OpenAIResilientClient>();
        options.Redactor.Register(options.ApiKey);
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            ConnectTimeout = options.AttemptTimeout < TimeSpan.FromSeconds(10) ? options.AttemptTimeout : TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        }, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _pipeline = BuildPipeline();
    }

    public OpenAIClientOptions Options => _options;

    public CircuitState BreakerState => _breakerState.CircuitState;

    /// <summary>Every breaker state change so far, in order.</summary>
    public IReadOnlyList<OpenAIBreakerTransition> BreakerTransitions
    {
        get { lock (_gate) return _breakerTransitions.ToArray(); }
    }

    public Task<OpenAICallResult> ListModelsAsync(string scenario = "models", CancellationToken cancellationToken = default) =>
        SendAsync(OpenAIRequest.ListModels(scenario), cancellationToken);

    public Task<OpenAICallResult> ChatAsync(string prompt, string scenario = "chat", CancellationToken cancellationToken = default) =>
        SendAsync(OpenAIRequest.Chat(prompt, scenario: scenario), cancellationToken);

    /// <summary>Sends one request through the pipeline. Never throws for OpenAI or network failures: the result says
    /// what happened. Throws <see cref="OperationCanceledException"/> only when <paramref name="cancellationToken"/> fires.</summary>
    public async Task<OpenAICallResult> SendAsync(OpenAIRequest request, CancellationToken cancellationToken = default)
    {
        var clock = _options.TimeProvider;
        var state = new CallState(request, clock.GetUtcNow(), cancellationToken);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StateKey, state);
        AttemptResponse? last = null;
        string? failure = null;
        try
        {
            last = await _pipeline.ExecuteAsync(static (ctx, self) => self.SendOnceAsync(ctx), context, this);
        }
        catch (TimeoutRejectedException) when (!cancellationToken.IsCancellationRequested && !state.TotalTimeoutFired)
        {
            // The last attempt timed out and the policy chose not to retry: its record already says why.
        }
        catch (TimeoutRejectedException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = $"no answer within the total timeout of {OpenAIRetryPolicy.Describe(_options.TotalTimeout)} ({state.Attempts.Count} attempt(s)); " +
                      "check OpenAI's status page and the network path";
        }
        catch (BrokenCircuitException open)
        {
            failure = ShortCircuitReason(open);
        }
        catch (TimeoutRejectedException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception unexpected) when (unexpected is not OperationCanceledException)
        {
            // Already recorded and logged as a Fatal attempt; the caller still gets a result, not a stack trace.
            failure = $"unexpected {unexpected.GetType().Name}: {unexpected.Message}";
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        var attempts = state.Attempts;
        var final = attempts.Count > 0 ? attempts[^1] : null;
        var outcome = last?.Class ?? final?.Class ?? OpenAIOutcomeClass.Transient;
        if (outcome != OpenAIOutcomeClass.Success)
            failure ??= final is null ? "no attempt was made" : $"{Summarize(final)}; {final.Decision.Reason}";
        var elapsed = clock.GetUtcNow() - state.StartedAt;
        var result = new OpenAICallResult(request.Scenario, outcome, last?.Status, outcome == OpenAIOutcomeClass.Success ? last?.Body : null,
            attempts, elapsed, failure, null);
        return await FinishAsync(result, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private ResiliencePipeline<AttemptResponse> BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder<AttemptResponse> { TimeProvider = _options.TimeProvider };
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Timeout = _options.TotalTimeout,
            OnTimeout = args =>
            {
                args.Context.Properties.GetValue(StateKey, null!).TotalTimeoutFired = true;
                return default;
            },
        });
        builder.AddRetry(new RetryStrategyOptions<AttemptResponse>
        {
            // The classifier decides what is retried (ShouldHandle) and stops at the same count, saying so in the
            // attempt's record; Polly takes no fewer than one retry, so with zero the classifier stops after the first attempt.
            MaxRetryAttempts = Math.Max(1, _options.MaxRetryAttempts),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = _options.UseJitter,
            Delay = _options.BaseDelay,
            MaxDelay = _options.MaxBackoffDelay,
            Randomizer = _options.Randomizer,
            ShouldHandle = args => ValueTask.FromResult(AfterAttempt(args.Context, args.Outcome, args.AttemptNumber)),
            // Only a wait the server dictates replaces Polly's backoff; null keeps the delay Polly computed.
            DelayGenerator = args => ValueTask.FromResult(ServerDictatedWait(args.Context.Properties.GetValue(DecisionKey, OpenAIRetryDecision.Stop("")))),
            OnRetry = args =>
            {
                BeforeWait(args.Context, args.RetryDelay);
                return default;
            },
        });
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<AttemptResponse>
        {
            FailureRatio = _options.BreakerFailureRatio,
            MinimumThroughput = _options.BreakerMinimumThroughput,
            SamplingDuration = _options.BreakerSamplingDuration,
            BreakDuration = _options.BreakerBreakDuration,
            StateProvider = _breakerState,
            // Only sustained transient failures open it: a rate limit or a quota problem is not an outage.
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.Class == OpenAIOutcomeClass.Transient
                                                        || args.Outcome.Exception is TimeoutRejectedException or HttpRequestException),
            OnOpened = args =>
            {
                Transition(CircuitState.Open, $"sustained transient failures; short-circuiting calls for {OpenAIRetryPolicy.Describe(args.BreakDuration)}");
                return default;
            },
            OnHalfOpened = _ =>
            {
                Transition(CircuitState.HalfOpen, "break elapsed; letting one trial call through");
                return default;
            },
            OnClosed = _ =>
            {
                Transition(CircuitState.Closed, "trial call succeeded; OpenAI is reachable again");
                return default;
            },
        });
        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = _options.AttemptTimeout });
        return builder.Build();
    }

    private async ValueTask<AttemptResponse> SendOnceAsync(ResilienceContext context)
    {
        var state = context.Properties.GetValue(StateKey, null!);
        state.AttemptStartedAt = _options.TimeProvider.GetUtcNow();
        using var message = new HttpRequestMessage(state.Request.Method, new Uri(_options.BaseUrl, state.Request.Path.TrimStart('/')));
        if (!string.IsNullOrEmpty(_options.ApiKey)) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        if (state.Request.JsonBody is { } body) message.Content = new StringContent(body, Encoding.UTF8, "application/json");
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.CancellationToken);
            var status = (int)response.StatusCode;
            // A live server may answer anything: an error is shown by its beginning, an answer larger than any
            // OpenAI answer is cut (and then is not JSON, so it is reported as malformed instead of filling memory).
            var text = await BoundedContent.ReadBeginningAsync(response.Content, status >= 400 ? MaxErrorBodyBytes : MaxAnswerBytes, context.CancellationToken);
            var headers = Flatten(response);
            var error = status >= 400 ? OpenAIErrorBody.TryParse(text) : null;
            var malformed = status is >= 200 and < 300 && !IsJsonObject(text)
                ? new FormatException($"the answer is not OpenAI JSON ({Describe(response.Content.Headers.ContentType)}, starts with \"{Excerpt(text)}\"); check that the base URL points at an OpenAI-compatible API")
                : null;
            var detail = malformed?.Message ?? error?.Message ?? (status >= 400 ? $"non-OpenAI error body: \"{Excerpt(text)}\"" : null);
            headers.TryGetValue("x-request-id", out var requestId);
            return new AttemptResponse(status, OpenAIClassifier.Classify(status, error, malformed), headers, text, error, detail, requestId);
        }
        catch (HttpRequestException failure) when (!context.CancellationToken.IsCancellationRequested)
        {
            var reason = failure.InnerException is { } inner && !failure.Message.Contains(inner.Message, StringComparison.Ordinal)
                ? $"{failure.Message} ({inner.Message})" : failure.Message;
            return new AttemptResponse(null, OpenAIOutcomeClass.Transient, EmptyHeaders, null, null,
                $"connection failed to {_options.BaseUrl.GetLeftPart(UriPartial.Authority)}: {reason}", null);
        }
    }

    /// <summary>Records and logs the attempt that just ended, decides what comes next; true means retry.</summary>
    private bool AfterAttempt(ResilienceContext context, Outcome<AttemptResponse> outcome, int retriesSoFar)
    {
        var state = context.Properties.GetValue(StateKey, null!);
        var now = _options.TimeProvider.GetUtcNow();
        var startedAt = state.AttemptStartedAt ?? now;
        state.AttemptStartedAt = null;

        // The caller cancelled: nothing to record. The total timeout cut an attempt short: record it, retrying is over.
        if (outcome.Exception is OperationCanceledException && state.CallerToken.IsCancellationRequested) return false;
        var cutOff = outcome.Exception is OperationCanceledException;

        var response = outcome.Result;
        var sent = outcome.Exception is not BrokenCircuitException;
        var outcomeClass = response?.Class ?? OpenAIClassifier.Classify(null, null,
            outcome.Exception is BrokenCircuitException or OperationCanceledException ? new TimeoutException() : outcome.Exception);
        var detail = outcome.Exception switch
        {
            null => response!.Detail,
            BrokenCircuitException open => ShortCircuitReason(open),
            TimeoutRejectedException => $"no answer within the attempt timeout of {OpenAIRetryPolicy.Describe(_options.AttemptTimeout)}",
            OperationCanceledException => $"cut off by the total timeout of {OpenAIRetryPolicy.Describe(_options.TotalTimeout)}",
            var other => $"{other.GetType().Name}: {other.Message}",
        };
        var remaining = _options.TotalTimeout - (now - state.StartedAt);
        var decision = cutOff ? OpenAIRetryDecision.Stop("the total timeout is spent")
            : sent ? _policy.Decide(outcomeClass, response?.Headers ?? EmptyHeaders, retriesSoFar, remaining, now)
            : OpenAIRetryDecision.Stop("short-circuited by the open breaker (nothing sent)");
        context.Properties.Set(DecisionKey, decision);

        var attempt = new OpenAIAttempt(state.Attempts.Count + 1, startedAt, now - startedAt, sent, response?.Status, outcomeClass,
            response?.Error?.Type, response?.Error?.Code, detail, response?.RequestId, decision);
        state.Attempts.Add(attempt);
        // A retried attempt is logged once Polly has chosen its wait (BeforeWait), so the line names the real delay.
        if (!decision.Retry) LogAttempt(state, attempt);
        return decision.Retry;
    }

    private static TimeSpan? ServerDictatedWait(OpenAIRetryDecision decision) =>
        decision is { Retry: true, Source: not (null or OpenAIDelaySource.ExponentialBackoff) } ? decision.Delay : null;

    /// <summary>Polly chose the wait before the next attempt: the last attempt's record takes it, then it is logged.</summary>
    private void BeforeWait(ResilienceContext context, TimeSpan delay)
    {
        var state = context.Properties.GetValue(StateKey, null!);
        var attempt = state.Attempts[^1];
        attempt = attempt with { Decision = attempt.Decision with { Delay = delay } };
        state.Attempts[^1] = attempt;
        LogAttempt(state, attempt);
    }

    private void LogAttempt(CallState state, OpenAIAttempt attempt)
    {
        var success = attempt.Class == OpenAIOutcomeClass.Success;
        _log.Write(success ? LogEventLevel.Information : LogEventLevel.Warning,
            "OpenAI {Scenario} attempt {Attempt}: {Status} {Class} type={ErrorType} code={ErrorCode} request-id={RequestId} in {DurationMs} ms; {Decision}{DetailSeparator}{Detail}",
            state.Request.Scenario, attempt.Number, attempt.Sent ? attempt.Status?.ToString() ?? "no answer" : "not sent", attempt.Class.ToString(),
            attempt.ErrorType ?? "-", attempt.ErrorCode ?? "-", attempt.RequestId ?? "-", (long)attempt.Duration.TotalMilliseconds,
            attempt.Decision.ToString(), attempt.Detail is null || success ? "" : " | ", success ? "" : attempt.Detail ?? "");
    }

    private async Task<OpenAICallResult> FinishAsync(OpenAICallResult result, CancellationToken cancellationToken)
    {
        if (result.Succeeded)
        {
            _log.Information("OpenAI {Scenario}: succeeded after {Attempts} attempt(s) in {ElapsedMs} ms",
                result.Scenario, result.Attempts.Count, (long)result.Elapsed.TotalMilliseconds);
            return result;
        }
        _log.Error("OpenAI {Scenario}: FAILED {Class} after {Attempts} attempt(s) in {ElapsedMs} ms: {Reason}",
            result.Scenario, result.Class.ToString(), result.Attempts.Count, (long)result.Elapsed.TotalMilliseconds, result.FailureReason);
        if (result.NeedsEscalation)
            _log.Error("OpenAI {Scenario}: {Class} needs a person: {Action}", result.Scenario, result.Class.ToString(), EscalationAction(result.Class));

        if (_options.Fallback is null || !_options.FallbackOn.Contains(result.Class)) return result;
        try
        {
            var answer = await _options.Fallback(new OpenAIFallbackArguments(result.Scenario, result.Class, result.FailureReason ?? "", cancellationToken));
            _log.Warning("OpenAI {Scenario}: FALLBACK engaged: a degraded answer replaces OpenAI's ({Class}: {Reason})",
                result.Scenario, result.Class.ToString(), result.FailureReason);
            return result with { FallbackAnswer = answer };
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            _log.Error(failure, "OpenAI {Scenario}: the fallback itself failed; the caller gets the original failure", result.Scenario);
            return result with { FailureReason = $"{result.FailureReason}; the fallback failed too: {failure.Message}" };
        }
    }

    /// <summary>What a person must do for a failure that no retry can fix (also the runbook's first step).</summary>
    public static string EscalationAction(OpenAIOutcomeClass outcome) => outcome switch
    {
        OpenAIOutcomeClass.QuotaExhausted => "raise the OpenAI usage limit or add credit (billing owner), then confirm with a probe",
        OpenAIOutcomeClass.AuthRejected => "rotate the OpenAI API key in the secrets manager and redeploy (key owner)",
        _ => "no escalation needed",
    };

    private string ShortCircuitReason(BrokenCircuitException open) =>
        "circuit open after sustained transient failures: call short-circuited, nothing sent" +
        (open.RetryAfter is { } after ? $"; next trial call in {OpenAIRetryPolicy.Describe(after)}" : "");

    private void Transition(CircuitState state, string reason)
    {
        var at = _options.TimeProvider.GetUtcNow();
        lock (_gate) _breakerTransitions.Add(new OpenAIBreakerTransition(at, state, reason));
        _log.Warning("OpenAI circuit breaker {State}: {Reason}", state.ToString(), reason);
    }

    private static string Summarize(OpenAIAttempt attempt) =>
        (attempt.Sent ? attempt.Status?.ToString() ?? "no answer" : "not sent")
        + ((attempt.ErrorCode ?? attempt.ErrorType) is { } code ? $" {code}" : "")
        + (attempt.Detail is { } detail ? $": {detail}" : "");

    private static readonly IReadOnlyDictionary<string, string> EmptyHeaders = new Dictionary<string, string>();

    private static Dictionary<string, string> Flatten(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        // The raw text: a validating view would drop a float retry-after ("1.5"), which OpenAI does send.
        foreach (var (name, values) in response.Headers.NonValidated) headers[name] = string.Join(",", values);
        foreach (var (name, values) in response.Content.Headers.NonValidated) headers[name] = string.Join(",", values);
        return headers;
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Describe(MediaTypeHeaderValue? type) => type?.MediaType is { } media ? $"content-type {media}" : "no content-type";

    private static string Excerpt(string text)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length <= 60 ? flat : flat[..60] + "...";
    }

    /// <summary>One attempt's answer, as the pipeline passes it around.</summary>
    private sealed record AttemptResponse(int? Status, OpenAIOutcomeClass Class, IReadOnlyDictionary<string, string> Headers,
        string? Body, OpenAIErrorBody? Error, string? Detail, string? RequestId);

    /// <summary>The state of one call, carried in the Polly context.</summary>
    private sealed class CallState(OpenAIRequest request, DateTimeOffset startedAt, CancellationToken callerToken)
    {
        public CancellationToken CallerToken { get; } = callerToken;
        public OpenAIRequest Request { get; } = request;
        public DateTimeOffset StartedAt { get; } = startedAt;
        public DateTimeOffset? AttemptStartedAt { get; set; }
        public bool TotalTimeoutFired { get; set; }
        public List<OpenAIAttempt> Attempts { get; } = [];
    }
}
