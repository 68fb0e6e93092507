using Microsoft.Extensions.Time.Testing;
using Pipeline.Core.Evidence;
using Pipeline.Core.Redaction;
using Pipeline.Core.Runs;
using Pipeline.Evidence.Archive;
using Pipeline.Evidence.Gate;

namespace Pipeline.Evidence.Tests.Support;

/// <summary>Archiving a test tree on 2025-10-14 at 10:15 with a fake clock and a private redactor.</summary>
internal static class Archiving
{
    public static FakeTimeProvider ClockOnTheDay() =>
        new(new DateTimeOffset(2025, 10, 14, 10, 15, 0, TimeSpan.Zero)) { };

    public static ArchiveSettings Settings(ISecretGate? gate = null) =>
        new()
        {
            SecretGate = gate ?? new PlantedValueGate(),
            EvidenceDate = new DateOnly(2025, 10, 14),
            Host = "test-host",
            Parameters = new Dictionary<string, string> { ["skip"] = "" },
        };

    /// <summary>The run's services over <paramref name="tree"/>: its evidence store, the log, the fake clock, a private redactor.</summary>
    public static RunContext Context(EvidenceTree tree, TestLog? log = null, TimeProvider? clock = null, SecretRedactor? redactor = null)
    {
        clock ??= ClockOnTheDay();
        return new RunContext(new EvidenceStore(tree.Root, clock, redactor ?? new SecretRedactor()), (log ?? new TestLog()).Logger, clock: clock);
    }

    public static Task<ArchiveResult> RunAsync(EvidenceTree tree, ArchiveSettings? settings = null, TestLog? log = null) =>
        EvidenceArchiver.RunAsync(settings ?? Settings(), Context(tree, log));
}
