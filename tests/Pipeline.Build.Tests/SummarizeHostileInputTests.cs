using System.Globalization;
using System.Text;
using Pipeline.Core.Redaction;
using Pipeline.Targets;

namespace Pipeline.Build.Tests;

/// <summary>
/// Summarize through the real engine with inputs a hostile or careless user gives it: each ends in one clear
/// line and the right exit code, with no stack trace and no half-written evidence.
/// </summary>
public sealed class SummarizeHostileInputTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("pipeline-summarize-").FullName;

    public SummarizeHostileInputTests() => Directory.CreateDirectory(Path.Combine(_root, ".nuke")); // the build's root

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void The_same_results_file_given_twice_is_refused()
    {
        var results = WriteResults("run.ndjson", ("chat", 150));
        var (exit, console) = Summarize("--results", results, results);
        Assert.NotEqual(0, exit);
        Assert.Contains("twice", console);
        AssertNoStackTrace(console);
        Assert.False(Directory.Exists(Path.Combine(_root, "reports")) && Directory.GetFiles(Path.Combine(_root, "reports"), "metrics-p95-*").Length > 0);

        var copy = Path.Combine(_root, "copy.ndjson");
        File.Copy(results, copy);
        (exit, console) = Summarize("--results", results, copy);
        Assert.NotEqual(0, exit);
        Assert.Contains("same content", console);
        AssertNoStackTrace(console);
    }

    [Fact]
    public void An_unknown_dashboard_endpoint_is_an_error_that_lists_the_run_s_endpoints()
    {
        var results = WriteResults("run.ndjson", ("chat", 150), ("sync-jobs", 150));
        var (exit, console) = Summarize("--results", results, "--dashboard-p95", "chta=100", "--fail-on-delta");
        Assert.NotEqual(0, exit);
        Assert.Contains("chta", console);
        Assert.Contains("chat, sync-jobs", console);
        AssertNoStackTrace(console);
    }

    [Fact]
    public void A_threshold_on_a_misspelt_metric_is_an_error_naming_the_closest_metric()
    {
        var results = WriteResults("run.ndjson", ("chat", 150));
        var (exit, console) = Summarize("--results", results, "--thresholds", "http_req_durration=p(95)<1");
        Assert.NotEqual(0, exit);
        Assert.Contains("http_req_durration", console);
        Assert.Contains("did you mean http_req_duration", console);
        AssertNoStackTrace(console);
    }

    [Fact]
    public void A_threshold_on_an_endpoint_the_results_do_not_have_is_not_evaluated_and_fails_with_one_line_naming_it()
    {
        var results = WriteResults("run.ndjson", ("chat", 150), ("sync-jobs", 150));
        var (exit, console) = Summarize("--results", results, "--thresholds", "http_req_duration{name:nope}=p(95)<1");
        Assert.True(exit == 1, console);
        const string line = "Threshold http_req_duration{name:nope} p(95)<1 (from parameters) could not be evaluated: " +
                            "the results have no points for http_req_duration{name:nope}; the results have name:chat, name:sync-jobs.";
        Assert.Single(console.Split('\n'), l => l.Contains(line, StringComparison.Ordinal));
        Assert.Contains("1 threshold(s) not evaluated", console);
        Assert.DoesNotContain("thresholds passed", console);
        AssertNoStackTrace(console);
    }

    [Fact]
    public void A_max_delta_that_is_not_a_number_fails_before_any_evidence_is_written()
    {
        var results = WriteResults("run.ndjson", ("chat", 150));
        var (exit, console) = Summarize("--results", results, "--max-delta", "NaN", "--dashboard-p95", "chat=100");
        Assert.NotEqual(0, exit);
        Assert.Contains("--max-delta", console);
        AssertNoStackTrace(console);
        var screenshots = Path.Combine(_root, "docs", "screenshots");
        Assert.False(Directory.Exists(screenshots) && Directory.GetFiles(screenshots).Length > 0, "an orphan chart was left behind");
    }

    [Fact]
    public void Hostile_endpoint_names_stay_inside_their_table_cell()
    {
        const string hostile = "x|y <script>alert(1)</script> [click](http://evil.example) `code` \u202Eevil";
        var results = WriteResults("run.ndjson", (hostile, 150), ("chat", 150));
        var (exit, console) = Summarize("--results", results);
        Assert.True(exit == 0, console);

        var reports = Directory.GetFiles(_root, "metrics-p95-*.md", SearchOption.AllDirectories);
        Assert.True(reports.Length == 1, console);
        var report = reports[0];
        foreach (var markdown in new[] { File.ReadAllText(report) })
        {
            Assert.DoesNotContain("<script>", markdown);
            Assert.DoesNotContain("](http://evil.example)", markdown);
            Assert.DoesNotContain("\u202E", markdown);
            foreach (var table in Tables(markdown))
            {
                var columns = Cells(table[0]).Count;
                Assert.All(table, row => Assert.Equal(columns, Cells(row).Count));
            }
        }
    }

    [Fact]
    public void Results_that_are_no_results_file_say_what_to_pass()
    {
        var (exit, console) = Summarize("--results");
        Assert.NotEqual(0, exit);
        Assert.Contains("--results: no file is given", console);
        Assert.DoesNotContain("Starting", console); // RunP95 did not run a load test instead
        AssertNoStackTrace(console);

        var folder = Directory.CreateDirectory(Path.Combine(_root, "k6-out")).FullName;
        (exit, console) = Summarize("--results", folder);
        Assert.NotEqual(0, exit);
        Assert.Contains("is a folder", console);
        AssertNoStackTrace(console);

        var array = Path.Combine(_root, "array.json");
        File.WriteAllText(array, "[\n {\"metric\":\"http_req_duration\"}\n]\n");
        (exit, console) = Summarize("--results", array);
        Assert.NotEqual(0, exit);
        Assert.Contains("is a JSON array", console);
        AssertNoStackTrace(console);
    }

    [Fact]
    public void A_summary_export_alone_gives_a_headline_with_a_figure()
    {
        var export = Path.Combine(_root, "run.summary.json");
        File.Copy(Path.Combine(RepositoryRoot.Path, "tests", "fixtures", "k6", "k6-run-B.summary.json"), export);
        var (exit, console) = Summarize("--results", export);
        Assert.True(exit == 0, console);
        Assert.DoesNotContain("P95 ;", console);
        Assert.Matches(@"P95 \S", console);
    }

    [Fact]
    public void Shards_that_do_not_cover_the_run_fail_Summarize_and_the_report_names_the_missing_one()
    {
        var first = Tagged(WriteResults("shard1.ndjson", ("chat", 150)), "0:1/3");
        var third = Tagged(WriteResults("shard3.ndjson", ("chat", 150)), "2/3:1");
        var (exit, console) = Summarize("--results", first, third);
        Assert.Equal(1, exit);
        Assert.Contains("Shard 2/3 (1/3:2/3) missing: the figures cover 2 of 3 shards.", console);
        AssertNoStackTrace(console);
        Assert.Single(Directory.GetFiles(Path.Combine(_root, "reports"), "metrics-p95-*.md")); // the report says what the shards cover
    }

    /// <summary>The file with RunP95's shard tags on every point (one run id, the given k6 execution segment).</summary>
    static string Tagged(string path, string segment)
    {
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"tags\":{", $"\"tags\":{{\"run_id\":\"run-1\",\"execution_segment\":\"{segment}\",", StringComparison.Ordinal));
        return path;
    }

    (int Exit, string Console) Summarize(params string[] arguments)
    {
        var output = new StringWriter();
        var exit = BuildHost.Run(new global::Build(), "Test", new BuildHostOptions
        {
            Arguments = ["Summarize", .. arguments],
            Environment = new Dictionary<string, string>(),
            WorkingDirectory = _root,
            Output = output,
            Redactor = SecretRedactor.Global, // as in the process: build/ writes evidence with the process-wide redactor
        });
        return (exit, output.ToString());
    }

    static void AssertNoStackTrace(string console) =>
        Assert.DoesNotMatch(@"\n\s+at [A-Za-z_.]+\(|Exception:", console);

    /// <summary>A small k6 NDJSON file in k6's own layout: the given number of requests per endpoint.</summary>
    string WriteResults(string name, params (string Endpoint, int Requests)[] endpoints)
    {
        var text = new StringBuilder();
        text.Append("{\"type\":\"Metric\",\"data\":{\"name\":\"http_req_duration\",\"type\":\"trend\",\"contains\":\"time\",\"thresholds\":[],\"submetrics\":null},\"metric\":\"http_req_duration\"}\n");
        var start = new DateTime(2026, 11, 25, 22, 0, 0, DateTimeKind.Utc);
        var i = 0;
        foreach (var (endpoint, requests) in endpoints)
            for (var r = 0; r < requests; r++, i++)
            {
                var time = start.AddMilliseconds(i * 100).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
                var tag = System.Text.Json.JsonEncodedText.Encode(endpoint, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
                text.Append($"{{\"metric\":\"http_req_duration\",\"type\":\"Point\",\"data\":{{\"time\":\"{time}\",\"value\":{100 + r % 50},\"tags\":{{\"expected_response\":\"true\",\"name\":\"{tag}\",\"status\":\"200\"}}}}}}\n");
            }
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>The tables of a Markdown text: runs of lines that start with a pipe, separator row left out.</summary>
    static IEnumerable<List<string>> Tables(string markdown)
    {
        var table = new List<string>();
        foreach (var line in markdown.Split('\n').Append(""))
        {
            if (line.StartsWith('|')) { if (!line.StartsWith("|---") && !line.StartsWith("|:")) table.Add(line); continue; }
            if (table.Count > 0) yield return table;
            table = [];
        }
    }

    /// <summary>The cells of a GitHub-flavoured Markdown table row: split on pipes that are not escaped.</summary>
    static List<string> Cells(string row)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        for (var i = 1; i < row.TrimEnd().Length; i++)
        {
            if (row[i] == '\\' && i + 1 < row.Length) { cell.Append(row[i]).Append(row[++i]); continue; }
            if (row[i] == '|') { cells.Add(cell.ToString()); cell.Clear(); continue; }
            cell.Append(row[i]);
        }
        return cells;
    }
}
