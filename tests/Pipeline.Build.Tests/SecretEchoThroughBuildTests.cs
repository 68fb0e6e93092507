namespace Pipeline.Build.Tests;

/// <summary>
/// Secrets given to the real build are never echoed: not by a parameter error, not as the credential of a URL
/// that a target prints, logs or writes into its evidence. Each test plants a value and searches the console and
/// every file the run left under its root (reports/, the .clef log, .nuke/).
/// </summary>
public sealed class SecretEchoThroughBuildTests
{
    const string PlantedPassword = "S3cretPw"; // pipeline:allow-secret
    const string PlantedOpenAIKey = "sk-proj-PLANTEDechoKEY0123456789abcdefT3BlbkFJ"; // pipeline:allow-secret

    [Fact]
    public void DrillOpenAI_shows_the_base_url_with_its_password_masked_everywhere()
    {
        using var run = new RealBuildRun();
        run.Run("DrillOpenAI", "--openai-base-url", $"http://apiuser:{PlantedPassword}@127.0.0.1:9/v1");
        Assert.Contains("apiuser:***@127.0.0.1:9", run.Console);
        Assert.Contains(run.WrittenFiles(), f => f.Path.StartsWith("reports", StringComparison.Ordinal) && f.Path.EndsWith(".md", StringComparison.Ordinal));
        run.AssertNowhere(PlantedPassword);
    }

    [Fact]
    public void DrillOpenAI_refuses_a_live_key_with_a_line_break_in_one_line_that_does_not_show_it()
    {
        using var run = new RealBuildRun();
        var (head, tail) = (PlantedOpenAIKey[..24], PlantedOpenAIKey[24..]);
        Assert.Equal(1, run.Run("DrillOpenAI", "--openai-base-url", "http://127.0.0.1:9/v1", "--openai-api-key", head + "\n" + tail));
        Assert.Contains("The live OpenAI API key contains whitespace or a control character (a line break pasted with it?): give the key alone.", run.Console);
        Assert.DoesNotContain("   at ", run.Console);
        run.AssertNowhere(head);
        run.AssertNowhere(tail);
    }

    [Fact]
    public void RunP95_that_cannot_reach_the_api_does_not_print_its_password()
    {
        using var run = new RealBuildRun();
        Assert.NotEqual(0, run.Run("RunP95", "--base-url", "http://user:pw@127.0.0.1:9", "--engine", "builtin",
            "--scenario", Path.Combine(RepositoryRoot.Path, "scripts", "perf", "p95.scenario.json")));
        run.AssertNowhere("user:pw@");
        Assert.True(run.Console.Contains("user:***@127.0.0.1:9"), run.Console);
    }

    [Theory]
    [InlineData("https://me@corp.com:S3cretPass99@staging.example.com/api", "S3cretPass99")]   // test value, pipeline:allow-secret
    [InlineData("https://user:p@ssword123@host", "p@ssword123")]   // test value, pipeline:allow-secret
    public void A_base_url_that_Uri_rejects_for_an_at_sign_in_its_userinfo_is_refused_without_its_password(string url, string password)
    {
        using var run = new RealBuildRun();
        Assert.NotEqual(0, run.Run("RunP95", "--base-url", url));
        Assert.Contains("is not an absolute http(s) URL", run.Console);
        run.AssertNowhere(password);
    }

    [Fact]
    public void A_secret_query_value_in_the_base_url_is_masked_in_the_console_and_every_file()
    {
        const string plantedKey = "sk_live_PLANTEDquery0123456789"; // pipeline:allow-secret
        using var run = new RealBuildRun();
        Assert.NotEqual(0, run.Run("RunP95", "--base-url", $"http://127.0.0.1:9/?api_key={plantedKey}", "--engine", "builtin",
            "--scenario", Path.Combine(RepositoryRoot.Path, "scripts", "perf", "p95.scenario.json")));
        run.AssertNowhere(plantedKey);

        using var refused = new RealBuildRun();
        Assert.Equal(2, refused.Run("RunP95", "--base-url", $"127.0.0.1:9/?api_key={plantedKey}"));
        Assert.Contains("?api_key=***' is not an absolute http(s) URL", refused.Console);
        refused.AssertNowhere(plantedKey);
    }

    [Fact]
    public void Two_values_for_a_secret_url_are_refused_without_either()
    {
        using var run = new RealBuildRun();
        Assert.Equal(2, run.Run("DrillSupabase", "--database-url", $"postgres://u:{PlantedPassword}@db.example.com/db", "?sslmode=require"));
        Assert.Contains("error: --database-url takes one value but got 2 (arguments 3-4; not shown, the parameter is secret).", run.Console);
        run.AssertNowhere(PlantedPassword);
        run.AssertNowhere("sslmode");
    }

    [Fact]
    public void An_api_key_followed_by_a_stray_word_is_refused_without_the_key()
    {
        using var run = new RealBuildRun();
        Assert.Equal(2, run.Run("DrillOpenAI", "--openai-api-key", PlantedOpenAIKey, "extra"));
        Assert.Contains("error: --openai-api-key takes one value but got 2 (arguments 3-4;", run.Console);
        run.AssertNowhere(PlantedOpenAIKey);
    }

    [Fact]
    public void A_token_that_starts_with_two_dashes_is_not_echoed_as_an_unknown_parameter()
    {
        using var run = new RealBuildRun();
        Assert.Equal(2, run.Run("RunP95", "--token", "--abc123secret"));
        Assert.Contains("error: --token has no value", run.Console);
        run.AssertNowhere("abc123secret");
    }

    [Fact]
    public void A_secret_in_parameters_json_is_warned_about_by_its_key_and_never_shown()
    {
        using var run = new RealBuildRun();
        File.WriteAllText(Path.Combine(run.Root, ".nuke", "parameters.json"), $$"""{ "OpenAIApiKey": "{{PlantedOpenAIKey}}" }""");
        Assert.Equal(0, run.Run("--plan"));
        Assert.Contains("warning: .nuke/parameters.json holds the secret parameter 'OpenAIApiKey' in plain text: set it in the environment (OPENAI_API_KEY) instead", run.Console);
        Assert.DoesNotContain(PlantedOpenAIKey, run.Console);
        Assert.DoesNotContain(run.WrittenFiles(), f => f.Path != Path.Combine(".nuke", "parameters.json") && f.Text.Contains(PlantedOpenAIKey));
    }
}
