namespace Pipeline.Core.Errors;

/// <summary>
/// The user's input is wrong (a parameter, a file, a URL): the message says what is wrong and what to do.
/// The engine shows it as the failed target's one line, without a stack trace, wherever it is thrown.
/// </summary>
public class UserInputException(string message, Exception? innerException = null) : Exception(message, innerException);
