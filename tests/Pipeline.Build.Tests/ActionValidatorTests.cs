using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Pipeline.Build.Tests;

/// <summary>
/// Every committed workflow passes a real validator, @action-validator/cli 0.6.0 (GitHub's workflow schema), when one is
/// installed: <c>action-validator</c> on PATH or the executable named by <c>ACTION_VALIDATOR</c>. Without it the test
/// is reported skipped ("not evaluated"), never passed.
/// </summary>
public partial class ActionValidatorTests(ITestOutputHelper output)
{
    public static TheoryData<string> Workflows() =>
        new(Directory.GetFiles(Path.Combine(RepositoryRoot.Path, ".github", "workflows"), "*.yml").Select(Path.GetFileName).Order()!);

    [SkippableTheory]
    [MemberData(nameof(Workflows))]
    public void The_workflow_passes_action_validator(string file)
    {
        var validator = FindValidator();
        Skip.If(validator is null, "not evaluated: action-validator is not installed. npm install --prefix /tmp/av @action-validator/cli@0.6.0, " +
                                   "then ACTION_VALIDATOR=/tmp/av/node_modules/.bin/action-validator (README, CI section).");

        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".github", "workflows", file));
        // 0.6.0's schema predates the attestations permission (actions/attest-build-provenance needs it); the rest of the
        // file is validated as it is.
        var checkedText = AttestationsPermission().Replace(text, "");
        if (checkedText != text) output.WriteLine($"{file}: validated without 'attestations: write', which action-validator 0.6.0's schema does not know yet.");
        var copy = Path.Combine(Directory.CreateTempSubdirectory("workflow-").FullName, file);
        File.WriteAllText(copy, checkedText);

        var (exit, printed) = Run(validator!, copy);
        output.WriteLine($"action-validator {file}: exit {exit} {printed}");
        Assert.True(exit == 0, $"{file} fails action-validator:\n{printed}");
    }

    private static string? FindValidator()
    {
        if (Environment.GetEnvironmentVariable("ACTION_VALIDATOR") is { Length: > 0 } configured)
            return File.Exists(configured) ? configured : throw new FileNotFoundException($"ACTION_VALIDATOR names {configured}, which does not exist.");
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "action-validator")).FirstOrDefault(File.Exists);
    }

    private static (int Exit, string Printed) Run(string validator, string file)
    {
        using var process = Process.Start(new ProcessStartInfo(validator, [file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1))) { process.Kill(); throw new TimeoutException("action-validator did not finish within a minute."); }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    [GeneratedRegex(@"^  attestations: write\n", RegexOptions.Multiline)]
    private static partial Regex AttestationsPermission();
}
