namespace Pipeline.Evidence.Verification;

/// <summary>One reason an archive does not verify, with a message that names the entry and what differs.</summary>
internal sealed record VerificationProblem(ProblemKind Kind, string Entry, string Message)
{
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}: {Message}";
}
