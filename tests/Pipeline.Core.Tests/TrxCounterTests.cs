using Pipeline.Core.Testing;

namespace Pipeline.Core.Tests;

public sealed class TrxCounterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pipeline-trx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Counters_of_every_trx_file_are_added_up()
    {
        const string trx = """
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <ResultSummary outcome="Failed"><Counters total="{0}" executed="{0}" passed="{1}" failed="{2}" error="0" timeout="0" aborted="0" notExecuted="{3}" /></ResultSummary>
            </TestRun>
            """;
        File.WriteAllText(Path.Combine(_folder, "a.trx"), string.Format(trx, 10, 9, 1, 0));
        Directory.CreateDirectory(Path.Combine(_folder, "sub"));
        File.WriteAllText(Path.Combine(_folder, "sub", "b.trx"), string.Format(trx, 5, 3, 0, 2));
        var summary = TrxCounter.Count(_folder);
        Assert.Equal((15, 12, 1, 2), (summary.Total, summary.Passed, summary.Failed, summary.Skipped));
        Assert.Equal("12 passed, 1 failed, 2 skipped", summary.ToString());
    }

    [Fact]
    public void A_file_that_is_not_trx_is_an_error_naming_it()
    {
        File.WriteAllText(Path.Combine(_folder, "bad.trx"), "<html/>");
        var error = Assert.Throws<InvalidDataException>(() => TrxCounter.Count(_folder));
        Assert.Contains("bad.trx", error.Message);
    }
}
