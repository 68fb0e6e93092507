using Pipeline.Core.Errors;

namespace Pipeline.Perf.K6Results;

/// <summary>A results file that cannot be read as k6 output; names the file and, when known, the line.</summary>
public sealed class K6ResultFormatException : UserInputException
{
    public K6ResultFormatException(string file, long? line, string problem, Exception? inner = null)
        : base(Compose(file, line, problem), inner)
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    public string File { get; }
    public long? Line { get; }
    public string Problem { get; }

    private static string Compose(string file, long? line, string problem) =>
        line is null ? $"{file}: {problem}" : $"{file}:{line}: {problem}";
}
