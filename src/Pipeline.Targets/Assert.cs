using System.Diagnostics.CodeAnalysis;

namespace Pipeline.Targets;

/// <summary>NUKE's <c>Nuke.Common.Assert</c>: fails the running target with a message meant for the user (no stack trace).</summary>
public static class Assert
{
    [DoesNotReturn]
    public static void Fail(string text) => throw new TargetFailedException(text);
}
