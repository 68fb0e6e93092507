using Serilog;

namespace Pipeline.Targets.Tests;

using Assert = Xunit.Assert; // the engine has NUKE's Assert too

/// <summary>No message repeats a secret: not a [Secret] parameter's value, not the credential inside a URL, not even an error about them.</summary>
public class SecretEchoTests
{
    const string PlantedKey = "planted-api-key-7c41d9e2"; // pipeline:allow-secret
    const string PlantedPassword = "S3cretPw"; // pipeline:allow-secret

    static void AssertNowhere(BuildRun run, string value)
    {
        Assert.DoesNotContain(value, run.Text);
        Assert.DoesNotContain(value, run.LogFiles);
    }

    [Fact]
    public void A_secret_parameter_given_two_values_is_refused_by_position_without_either_value()
    {
        using var run = new BuildRun();
        Assert.Equal(2, run.Run(new ParameterBuild(), "Show", "--dry-run", "--api-key", PlantedKey, "extra-part-9f8e"));
        Assert.Equal("error: --api-key takes one value but got 2 (arguments 3-4; not shown, the parameter is secret). Quote a value that contains spaces.", run.Text.Trim());
        AssertNowhere(run, PlantedKey);
        AssertNowhere(run, "extra-part-9f8e");
    }

    [Fact]
    public void A_word_after_a_valueless_secret_that_looks_like_an_option_is_not_echoed_as_an_unknown_parameter()
    {
        using var run = new BuildRun();
        Assert.Equal(2, run.Run(new ParameterBuild(), "Show", "--api-key", "--abc123secret"));
        Assert.StartsWith("error: --api-key has no value and is followed by an option that is not a parameter (not shown: it may be the secret).", run.Text.Trim());
        Assert.Contains("--api-key=VALUE", run.Text);
        AssertNowhere(run, "abc123secret");

        // The documented way to pass a value starting with "--".
        using var equals = new BuildRun();
        Assert.Equal(0, equals.Run(new ParameterBuild(), "Show", "--api-key=--abc123secret"));
        AssertNowhere(equals, "abc123secret");
    }

    [Fact]
    public void A_secret_in_parameters_json_is_used_masked_and_warned_about_by_key_only()
    {
        using var run = new BuildRun();
        run.WriteParameters($$"""{ "ApiKey": "{{PlantedKey}}" }""");
        Assert.Equal(0, run.Run(new ParameterBuild(), "Show"));
        Assert.Contains("warning: .nuke/parameters.json holds the secret parameter 'ApiKey' in plain text: set it in the environment (API_KEY) instead and remove it from the file.", run.Text);
        Assert.Contains("Using key ", run.Text);
        AssertNowhere(run, PlantedKey);
    }

    [Fact]
    public void A_bad_value_for_a_secret_parameter_is_refused_without_the_value()
    {
        using var run = new BuildRun();
        Assert.Equal(2, run.Run(new SecretUrlBuild(), "Call", "--database-endpoint", "ftp://db:" + PlantedPassword + "@db.example.com"));
        Assert.Equal("error: --database-endpoint: the value (not shown, the parameter is secret) is not an absolute http(s) URL, e.g. https://api.example.com", run.Text.Trim());
        AssertNowhere(run, PlantedPassword);
    }

    [Theory]
    [InlineData("http://apiuser:" + PlantedPassword + "@127.0.0.1:9/v1", "http://apiuser:***@127.0.0.1:9/v1")]
    [InlineData("https://ghp_PLANTEDtoken0123456789@api.example.com/", "https://***@api.example.com/")]
    [InlineData("http://u:pw@127.0.0.1:9/", "http://u:***@127.0.0.1:9/")]
    public void The_credential_of_a_url_parameter_is_shown_masked_everywhere(string url, string shown)
    {
        using var run = new BuildRun();
        Assert.Equal(0, run.Run(new SecretUrlBuild(), "Call", "--endpoint", url));
        Assert.Contains($"Calling {shown}", run.Text);
        Assert.Contains($"Calling {shown}", run.LogFiles);
        var secret = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..url.IndexOf('@')];
        AssertNowhere(run, secret + "@");
        Assert.DoesNotContain(PlantedPassword, run.Text);
    }

    [Fact]
    public void A_refused_url_shows_its_credential_masked()
    {
        using var run = new BuildRun();
        Assert.Equal(2, run.Run(new SecretUrlBuild(), "Call", "--endpoint", "ftp://apiuser:" + PlantedPassword + "@files.example.com"));
        Assert.Equal("error: --endpoint: 'ftp://apiuser:***@files.example.com' is not an absolute http(s) URL, e.g. https://api.example.com", run.Text.Trim());
        AssertNowhere(run, PlantedPassword);
    }
}

internal sealed class SecretUrlBuild : RecordingBuild
{
    [Parameter("An API")] public readonly Uri? Endpoint;
    [Parameter("A database")] [Secret] public readonly Uri? DatabaseEndpoint;

    public Target Call => _ => _.Executes(() =>
    {
        Log.Information("Calling {Endpoint}", Endpoint);
        Log.Information("Calling " + Endpoint?.ToString());
        ReportSummary(_ => _.AddPair("Note", $"called {Endpoint}"));
    });
}
