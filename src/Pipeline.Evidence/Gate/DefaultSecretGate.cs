using Pipeline.Core.Redaction;

namespace Pipeline.Evidence.Gate;

/// <summary>The gate ArchiveEvidence and VerifyEvidence run with unless told otherwise.</summary>
internal static class DefaultSecretGate
{
    /// <summary>Pipeline's built-in scanner plus the values the run knows to be secret, whatever their shape.</summary>
    public static ISecretGate For(SecretRedactor redactor) =>
        new CompositeSecretGate(new BuiltInScannerGate(redactor), new RegisteredSecretGate(redactor));
}
