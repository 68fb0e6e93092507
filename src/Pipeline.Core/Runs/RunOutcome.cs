namespace Pipeline.Core.Runs;

/// <summary>
/// Whether a run passed. A failed outcome carries the one line the target fails with: what went wrong and where to look.
/// A check that could not be evaluated is a failure, never a pass.
/// </summary>
public sealed record RunOutcome
{
    private RunOutcome(string? failure) => Failure = failure;

    public static RunOutcome Passed { get; } = new((string?)null);

    public static RunOutcome Failed(string reason) =>
        new(string.IsNullOrWhiteSpace(reason) ? throw new ArgumentException("A failed outcome says why.", nameof(reason)) : reason);

    /// <summary>Passed unless <paramref name="failure"/> is given.</summary>
    public static RunOutcome FailedIf(string? failure) => failure is null ? Passed : Failed(failure);

    public string? Failure { get; }
    public bool IsFailed => Failure is not null;

    public override string ToString() => Failure ?? "passed";
}
