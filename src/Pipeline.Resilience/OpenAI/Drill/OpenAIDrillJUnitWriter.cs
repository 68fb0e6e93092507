using System.Globalization;
using System.Xml.Linq;
using Pipeline.Core.Text;

namespace Pipeline.Resilience.OpenAI.Drill;

/// <summary>Renders <c>openai-resilience-YYYYMMDD.junit.xml</c>: one test case per scenario, a failure per unmet expectation.</summary>
internal static class OpenAIDrillJUnitWriter
{
    /// <remarks>
    /// Written with <see cref="XDocument"/> (escaping is the XML writer's); server text is made printable first,
    /// because a control character from a server would make the XML writer refuse the whole file.
    /// </remarks>
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
            new XElement("properties", new XElement("property", new XAttribute("name", "target"), new XAttribute("value", UntrustedText.Printable(result.Target)))));
        foreach (var s in result.Scenarios)
        {
            var testCase = new XElement("testcase",
                new XAttribute("classname", suiteName),
                new XAttribute("name", s.Name),
                new XAttribute("time", Seconds(s.Duration)));
            if (!s.Passed)
                testCase.Add(new XElement("failure",
                    new XAttribute("message", string.Join("; ", s.Failures.Select(f => $"expected {f.Expectation}, observed {UntrustedText.Printable(f.Observed)}"))),
                    new XAttribute("type", "ExpectationFailed"),
                    string.Join("\n", s.Failures.Select(f => $"{f.Expectation}: {UntrustedText.Printable(f.Observed)}"))));
            testCase.Add(new XElement("system-out",
                string.Join("\n", new[] { s.Expectation }
                    .Concat(s.Checks.Select(c => $"[{(c.Passed ? "pass" : "FAIL")}] {c.Expectation} (observed: {UntrustedText.Printable(c.Observed)})"))
                    .Concat(s.Observation.ClientLog.Select(UntrustedText.Printable))
                    .Concat(s.Alerts.Select(UntrustedText.Printable)))));
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
