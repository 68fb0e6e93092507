using System.Diagnostics;
using System.Text.Json;
using Pipeline.Perf.Scenario;

namespace Pipeline.Perf.Tests.Load;

/// <summary>
/// Runs scripts/perf/p95_local_test.js under Node with k6's modules replaced by recorders, to check what
/// k6 would be told: the executor, the thresholds, and for every iteration the request it sends (same
/// endpoint sequence as the built-in engine, tags, headers, body, timeout).
/// </summary>
public sealed class K6ScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("k6-script-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <param name="answer">JS <c>(method, url) =&gt; response</c> the fake <c>http.request</c> returns (default: nothing).</param>
    private JsonElement Run(string scenarioJson, int iterations, string extraEnv = "", string answer = "undefined")
    {
        var perf = Path.Combine(AppContext.BaseDirectory, "perf");
        File.Copy(Path.Combine(perf, "p95_local_test.js"), Path.Combine(_dir, "script.mjs"));
        File.WriteAllText(Path.Combine(_dir, "scenario.json"), scenarioJson);
        Directory.CreateDirectory(Path.Combine(_dir, "node_modules", "k6"));
        File.WriteAllText(Path.Combine(_dir, "node_modules", "k6", "package.json"), """{"name":"k6","type":"module","exports":{"./http":"./http.js","./execution":"./execution.js"}}""");
        File.WriteAllText(Path.Combine(_dir, "node_modules", "k6", "http.js"),
            "export default { expectedStatuses(...statuses) { return { expectedStatuses: statuses }; }, " +
            "request(method, url, body, params) { globalThis.sent.push({ method, url, body, params }); return globalThis.answer?.(method, url); } };");
        File.WriteAllText(Path.Combine(_dir, "node_modules", "k6", "execution.js"), "export default { scenario: { iterationInTest: 0 } };");
        File.WriteAllText(Path.Combine(_dir, "run.mjs"), $$"""
            import { readFileSync } from 'node:fs';
            globalThis.sent = [];
            globalThis.answer = {{answer}};
            globalThis.open = (p) => readFileSync(p, 'utf8');
            globalThis.__ENV = { BASE_URL: 'http://127.0.0.1:9999/', TOKEN: 'tok', SCENARIO_FILE: '{{Path.Combine(_dir, "scenario.json")}}' {{extraEnv}} };
            const exec = (await import('k6/execution')).default;
            const script = await import('./script.mjs');
            for (let i = 0; i < {{iterations}}; i++) { exec.scenario.iterationInTest = i; script.default(); }
            console.log(JSON.stringify({ options: script.options, sent: globalThis.sent }));
            """);
        var node = new ProcessStartInfo("node", "run.mjs") { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(node) ?? throw new InvalidOperationException("node did not start; the k6 script test needs Node.js (apt-get install nodejs).");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        return JsonDocument.Parse(output).RootElement;
    }

    [Fact]
    public void The_script_sends_the_same_requests_as_the_built_in_engine()
    {
        var shipped = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "perf", "p95.scenario.json"));
        var scenario = ScenarioFile.Parse(shipped);

        var result = Run(shipped, 300);

        var executor = result.GetProperty("options").GetProperty("scenarios").GetProperty("p95");
        Assert.Equal("shared-iterations", executor.GetProperty("executor").GetString());
        Assert.Equal(300, executor.GetProperty("iterations").GetInt32());
        Assert.Equal(10, executor.GetProperty("vus").GetInt32());
        var thresholds = result.GetProperty("options").GetProperty("thresholds");
        Assert.Equal("p(95)<1000", thresholds.GetProperty("http_req_duration{name:chat}")[0].GetString());
        Assert.Equal("rate<0.05", thresholds.GetProperty("http_req_failed")[0].GetString());

        var mix = new RequestMix(scenario.Endpoints, 300);
        var sent = result.GetProperty("sent").EnumerateArray().ToArray();
        Assert.Equal(300, sent.Length);
        for (var i = 0; i < sent.Length; i++)
            Assert.Equal(scenario.Endpoints[mix.EndpointFor(i)].Name, sent[i].GetProperty("params").GetProperty("tags").GetProperty("name").GetString());
        var first = sent[0];
        Assert.Equal("POST", first.GetProperty("method").GetString());
        Assert.Equal("http://127.0.0.1:9999/api/v1/chat", first.GetProperty("url").GetString());
        Assert.Equal("Bearer tok", first.GetProperty("params").GetProperty("headers").GetProperty("Authorization").GetString());
        Assert.Equal("30s", first.GetProperty("params").GetProperty("timeout").GetString());
        Assert.Equal(0, first.GetProperty("params").GetProperty("redirects").GetInt32()); // the script follows redirects itself
        Assert.Equal(JsonDocument.Parse(scenario.Endpoints[0].Body!).RootElement.GetProperty("message").GetString(),
            JsonDocument.Parse(first.GetProperty("body").GetString()!).RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public void A_redirect_to_another_origin_is_followed_as_GET_without_the_token()
    {
        var result = Run("""{"endpoints":[{"name":"a","method":"POST","path":"/a","body":{"q":1}}]}""", 1,
            answer: "(method, url) => url.endsWith('/a') ? { status: 302, headers: { Location: 'http://127.0.0.1:9998/steal' } } : { status: 200, headers: {} }");

        var sent = result.GetProperty("sent").EnumerateArray().ToArray();
        Assert.Equal(2, sent.Length);
        Assert.Equal("Bearer tok", sent[0].GetProperty("params").GetProperty("headers").GetProperty("Authorization").GetString());
        Assert.Equal("http://127.0.0.1:9998/steal", sent[1].GetProperty("url").GetString());
        Assert.Equal("GET", sent[1].GetProperty("method").GetString());
        Assert.Equal(JsonValueKind.Null, sent[1].GetProperty("body").ValueKind);
        Assert.False(sent[1].GetProperty("params").GetProperty("headers").TryGetProperty("Authorization", out _));
        Assert.Equal("a", sent[1].GetProperty("params").GetProperty("tags").GetProperty("name").GetString());
    }

    [Fact]
    public void A_redirect_loop_stops_after_max_redirects_hops_on_the_same_origin_with_the_token()
    {
        var result = Run("""{"maxRedirects":2,"endpoints":[{"name":"a","path":"/a"}]}""", 1,
            answer: "() => ({ status: 302, headers: { Location: '/a' } })");

        var sent = result.GetProperty("sent").EnumerateArray().ToArray();
        Assert.Equal(3, sent.Length);
        Assert.All(sent, r => Assert.Equal("http://127.0.0.1:9999/a", r.GetProperty("url").GetString()));
        Assert.All(sent, r => Assert.Equal("Bearer tok", r.GetProperty("params").GetProperty("headers").GetProperty("Authorization").GetString()));
        // A redirect on the last allowed hop is a failed request (k6's responseCallback), as the built-in engine records it.
        Assert.False(sent[1].GetProperty("params").TryGetProperty("responseCallback", out _));
        Assert.Equal(299, sent[2].GetProperty("params").GetProperty("responseCallback").GetProperty("expectedStatuses")[0].GetProperty("max").GetInt32());
    }

    [Fact]
    public void A_path_naming_another_host_stops_the_script()
    {
        var error = Assert.ThrowsAny<Exception>(() => Run("""{"endpoints":[{"name":"a","path":"/http://127.0.0.1:1/steal"}]}""", 1));
        Assert.Contains("is not a path below BASE_URL", error.Message);
    }

    [Fact]
    public void The_open_model_and_command_line_overrides_become_k6_options()
    {
        var result = Run("""{"model":"open","rate":12.5,"requests":300,"concurrency":8,"endpoints":[{"name":"a","path":"/a"},{"name":"b","path":"/b","share":3}]}""",
            0, ", REQUESTS: '500', CONCURRENCY: '20'");

        var executor = result.GetProperty("options").GetProperty("scenarios").GetProperty("p95");
        Assert.Equal("constant-arrival-rate", executor.GetProperty("executor").GetString());
        Assert.Equal(12500, executor.GetProperty("rate").GetInt32());
        Assert.Equal("1000s", executor.GetProperty("timeUnit").GetString());
        Assert.Equal("40000ms", executor.GetProperty("duration").GetString());
        Assert.Equal(20, executor.GetProperty("maxVUs").GetInt32());
        // Endpoints without thresholds still get their submetric in the summary export.
        Assert.Equal("max>=0", result.GetProperty("options").GetProperty("thresholds").GetProperty("http_req_duration{name:a}")[0].GetString());
    }
}
