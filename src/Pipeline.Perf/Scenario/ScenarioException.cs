namespace Pipeline.Perf.Scenario;

/// <summary>A scenario file or scenario setting is wrong. The message names the file, the field and the fix.</summary>
public sealed class ScenarioException(string message) : Pipeline.Core.Errors.UserInputException(message);
