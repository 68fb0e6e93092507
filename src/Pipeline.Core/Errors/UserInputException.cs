namespace Pipeline.Core.Errors;

/// <summary>
/// The user's input is wrong (a parameter, a file, a URL): the message says what is wrong and what to do, in the
/// library's own terms. The engine shows it as the failed target's one line, without a stack trace, wherever it is thrown.
/// </summary>
public class UserInputException(string message, Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>
    /// The settings property the bad value came from (e.g. <c>nameof(SummarizeSettings.Thresholds)</c>), when one did:
    /// the caller names it as the user gave it (the build prefixes the message with the command-line flag).
    /// </summary>
    public string? Input { get; init; }
}
