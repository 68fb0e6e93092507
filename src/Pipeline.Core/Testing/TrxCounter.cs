using System.Xml.Linq;

namespace Pipeline.Core.Testing;

/// <summary>Adds up the &lt;Counters&gt; of the TRX files in a folder.</summary>
public static class TrxCounter
{
    public static TestRunSummary Count(string resultsDirectory)
    {
        int total = 0, passed = 0, failed = 0, skipped = 0;
        foreach (var file in Directory.EnumerateFiles(resultsDirectory, "*.trx", SearchOption.AllDirectories))
        {
            var counters = XDocument.Load(file).Descendants().FirstOrDefault(e => e.Name.LocalName == "Counters")
                           ?? throw new InvalidDataException($"{file} has no <Counters> element; is it a TRX file?");
            int Read(string name) => int.TryParse(counters.Attribute(name)?.Value, out var value) ? value : 0;
            total += Read("total");
            passed += Read("passed");
            failed += Read("failed") + Read("error") + Read("timeout") + Read("aborted");
            skipped += Read("notExecuted");
        }
        return new TestRunSummary(total, passed, failed, skipped, resultsDirectory);
    }
}
