using System.Globalization;
using System.Xml.Linq;

namespace Pipeline.Resilience.OpenAI.Drill;

/// <summary>Renders <c>openai-resilience-YYYYMMDD.junit.xml</c>: one test case per scenario, a failure per unmet expectation.</summary>
public static class OpenAIDrillJUnitWriter
{
    public static string Render(OpenAIDrillResult result)
    {
        var suiteName = $"DrillOpenAI.{result.Mode.ToString().ToLowerInvariant()}";
        var suite = new XElement("testsuite",
            new XAttribute("name", suiteName),
            new XAttribute("tests", result.Scenarios.Count),
            new XAttribute("failures", result.FailedCount),
            new XAttribute("errors", 0),
            new XAttribute("skipped", 0),
            new XAttribute("time", Seconds(result.Duration)),
            new XAttribute("timestamp", result.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement("properties", new XElement("property", new XAttribute("name", "target"), new XAttribute("value", result.Target))));
        foreach (var s in result.Scenarios)
        {
            var testCase = new XElement("testcase",
                new XAttribute("classname", suiteName),
                new XAttribute("name", s.Name),
                new XAttribute("time", Seconds(s.Duration)));
            if (!s.Passed)
                testCase.Add(new XElement("failure",
                    new XAttribute("message", string.Join("; ", s.Failures.Select(f => $"expected {f.Expectation}, observed {f.Observed}"))),
                    new XAttribute("type", "ExpectationFailed"),
                    string.Join("\n", s.Failures.Select(f => $"{f.Expectation}: {f.Observed}"))));
            testCase.Add(new XElement("system-out",
                string.Join("\n", new[] { s.Expectation }
                    .Concat(s.Checks.Select(c => $"[{(c.Passed ? "pass" : "FAIL")}] {c.Expectation} (observed: {c.Observed})"))
                    .Concat(s.Observation.ClientLog)
                    .Concat(s.Alerts))));
            suite.Add(testCase);
        }
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites",
            new XAttribute("name", "DrillOpenAI"),
            new XAttribute("tests", result.Scenarios.Count),
            new XAttribute("failures", result.FailedCount),
            new XAttribute("time", Seconds(result.Duration)),
            suite));
        using var writer = new Utf8StringWriter();
        document.Save(writer);
        return writer.ToString() + "\n";
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter() : base(CultureInfo.InvariantCulture) { }
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
    }
}
