using Microsoft.Extensions.Time.Testing;
using Pipeline.Core.Redaction;
using Pipeline.Evidence.Archive;
using Pipeline.Evidence.Gate;

namespace Pipeline.Evidence.Tests.Support;

/// <summary>Settings for archiving a test tree on 2025-10-14 at 10:15 with a fake clock and a private redactor.</summary>
internal static class Archiving
{
    public static FakeTimeProvider ClockOnTheDay() =>
        new(new DateTimeOffset(2025, 10, 14, 10, 15, 0, TimeSpan.Zero)) { };

    public static ArchiveSettings Settings(EvidenceTree tree, ISecretGate? gate = null, TimeProvider? clock = null, SecretRedactor? redactor = null) =>
        new(tree.Root, gate ?? new PlantedValueGate())
        {
            EvidenceDate = new DateOnly(2025, 10, 14),
            Clock = clock ?? ClockOnTheDay(),
            Redactor = redactor ?? new SecretRedactor(),
            Host = "test-host",
            Parameters = new Dictionary<string, string> { ["skip"] = "" },
        };
}
