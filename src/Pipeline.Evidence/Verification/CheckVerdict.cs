namespace Pipeline.Evidence.Verification;

/// <summary>
/// One of <see cref="EvidenceCheck"/>'s three verdict lines and whether it is a failure ("not checked" is not: the
/// line says plainly what was not checked).
/// </summary>
internal sealed record CheckVerdict(string Line, bool Failed);
