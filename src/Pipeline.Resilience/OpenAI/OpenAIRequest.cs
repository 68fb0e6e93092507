namespace Pipeline.Resilience.OpenAI;

/// <summary>One OpenAI request: a path under the base URL (e.g. <c>chat/completions</c>), an optional JSON body, and
/// the scenario name that labels every log line of the call.</summary>
internal sealed record OpenAIRequest(HttpMethod Method, string Path, string? JsonBody = null, string Scenario = "default")
{
    public static OpenAIRequest ListModels(string scenario = "models") => new(HttpMethod.Get, "models", null, scenario);

    public static OpenAIRequest Chat(string prompt, string model = "gpt-4o-mini", string scenario = "chat") =>
        new(HttpMethod.Post, "chat/completions",
            System.Text.Json.JsonSerializer.Serialize(new { model, messages = new[] { new { role = "user", content = prompt } } }),
            scenario);
}
