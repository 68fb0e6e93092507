using Npgsql;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Pipeline.Resilience.Postgres;

/// <summary>Builds the Polly pipeline for PostgreSQL calls from <see cref="PostgresRetryOptions"/>: retry (outer) around a per-attempt timeout.</summary>
internal static class PostgresResiliencePipeline
{
    /// <summary>
    /// <paramref name="dataSource"/> is cleared when an attempt lost its connection: the pool would otherwise
    /// hand out more dead connections to the same server, each costing a retry.
    /// </summary>
    public static ResiliencePipeline Create(PostgresRetryOptions options, NpgsqlDataSource? dataSource = null,
        Action<PostgresRetryEvent>? onRetry = null, TimeProvider? clock = null)
    {
        options.Validate();
        return new ResiliencePipelineBuilder { TimeProvider = clock ?? TimeProvider.System }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ShouldRetry),
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                OnRetry = arguments =>
                {
                    var error = arguments.Outcome.Exception!;
                    var connectionLost = error is not TimeoutRejectedException && PostgresErrorClassifier.IsConnectionLoss(error);
                    if (connectionLost || error is TimeoutRejectedException) dataSource?.Clear();
                    onRetry?.Invoke(new PostgresRetryEvent(arguments.AttemptNumber + 1, error,
                        error is TimeoutRejectedException ? PostgresErrorKind.Transient : PostgresErrorClassifier.Classify(error),
                        connectionLost, arguments.RetryDelay, arguments.Context));
                    return default;
                },
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>What the retry strategy retries: transient PostgreSQL failures and attempts that ran out of time.</summary>
    public static bool ShouldRetry(Exception exception) =>
        exception is TimeoutRejectedException || PostgresErrorClassifier.IsTransient(exception);
}
