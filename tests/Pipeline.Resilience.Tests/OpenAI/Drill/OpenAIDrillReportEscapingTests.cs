using Pipeline.Core.Evidence;
using Pipeline.Resilience.OpenAI.Drill;

namespace Pipeline.Resilience.Tests.OpenAI.Drill;

public sealed class OpenAIDrillReportEscapingTests : IDisposable
{
    private const string Hostile = "x|y <script>\u202E`";
    private readonly string _root = Directory.CreateTempSubdirectory("openai-md-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Server_messages_and_the_live_url_are_escaped_so_the_page_keeps_its_table_and_shows_no_markup()
    {
        var at = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
        var observation = new OpenAIDrillObservation("flaky", [], null, [], [], at, at.AddSeconds(1));
        var scenario = new OpenAIDrillScenarioResult("flaky", "retries then succeeds", [new OpenAIDrillCheck("the error is reported", false, Hostile)],
            observation, [Hostile]);
        var result = new OpenAIDrillResult(OpenAIDrillMode.Live, "https://" + Hostile, at, TimeSpan.FromSeconds(1), [scenario],
            Path.Combine(_root, "drill.log"), Path.Combine(_root, "drill.xml"), Path.Combine(_root, "drill.md"), "drill.md");

        var page = OpenAIDrillMarkdownWriter.Render(result, new EvidenceStore(_root));

        var row = Assert.Single(page.Split('\n'), l => l.StartsWith("| flaky |", StringComparison.Ordinal));
        Assert.Equal(9, row.Replace("\\|", "").Count(c => c == '|'));
        Assert.DoesNotContain("<script>", page);
        Assert.DoesNotContain("\u202E", page);
        Assert.Contains(@"- [ ] the error is reported: x\|y &lt;script&gt;U+202E\`", page);
        Assert.Contains(@"target: https://x\|y &lt;script&gt;U+202E\`", page);
        Assert.Contains(@"> x\|y &lt;script&gt;U+202E\`", page);
    }

    [Fact]
    public void The_JUnit_file_of_a_server_sending_control_characters_is_valid_XML_with_the_text_shown()
    {
        var at = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
        var observation = new OpenAIDrillObservation("flaky", [], null, [], ["server said \u0001" + Hostile], at, at.AddSeconds(1));
        var scenario = new OpenAIDrillScenarioResult("flaky", "retries", [new OpenAIDrillCheck("reported", false, "\u0001" + Hostile)], observation, []);
        var result = new OpenAIDrillResult(OpenAIDrillMode.Live, "https://" + Hostile, at, TimeSpan.FromSeconds(1), [scenario], "l", "j", "m", "m");

        var xml = System.Xml.Linq.XDocument.Parse(OpenAIDrillJUnitWriter.Render(result));

        Assert.Equal("expected reported, observed U+0001x|y <script>U+202E`", xml.Descendants("failure").Single().Attribute("message")!.Value);
    }
}
