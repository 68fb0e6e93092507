namespace Pipeline.Targets.Tests;

using Assert = Xunit.Assert; // the engine has NUKE's Assert too

/// <summary>The engine converts and checks every parameter type once: URLs, durations, numbers and their ranges.</summary>
public class ParameterTypeTests
{
    static (int Exit, string Text, TypedBuild Build) Run(params string[] args)
    {
        using var run = new BuildRun();
        var build = new TypedBuild();
        var exit = run.Run(build, "Show", args);
        return (exit, run.Text.Trim(), build);
    }

    static void AssertRefused(string expected, params string[] args)
    {
        var (exit, text, build) = Run(args);
        Assert.Equal(2, exit);
        Assert.Equal($"error: {expected}", text);
        Assert.False(build.Ran.Count > 0);
    }

    [Fact]
    public void A_url_parameter_is_an_absolute_http_or_https_uri()
    {
        var (exit, text, build) = Run("--endpoint", "https://api.example.com/v1");
        Assert.True(exit == 0, text);
        Assert.Equal(new Uri("https://api.example.com/v1"), build.Endpoint);

        AssertRefused("--endpoint: 'notaurl' is not an absolute http(s) URL, e.g. https://api.example.com", "--endpoint", "notaurl");
        AssertRefused("--endpoint: 'ftp://files.example.com' is not an absolute http(s) URL, e.g. https://api.example.com", "--endpoint", "ftp://files.example.com");
        AssertRefused("--endpoint: '/v1/chat' is not an absolute http(s) URL, e.g. https://api.example.com", "--endpoint", "/v1/chat");
    }

    [Theory]
    [InlineData("1m30s", 90_000)]
    [InlineData("250ms", 250)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("0", 0)]
    public void A_duration_is_written_with_units(string text, double milliseconds)
    {
        var (exit, output, build) = Run("--wait", text);
        Assert.True(exit == 0, output);
        Assert.Equal(milliseconds, build.Wait.TotalMilliseconds);
    }

    [Theory]
    [InlineData("90")]
    [InlineData("00:00:30")]
    [InlineData("-5s")]
    [InlineData("10 s")]
    [InlineData("soon")]
    public void A_duration_without_a_unit_or_in_another_grammar_is_refused(string text) =>
        AssertRefused($"--wait: '{text}' is not a valid duration; write it with a unit: 500ms, 10s, 1m30s, 2h or 1d.", "--wait", text);

    [Theory]
    [InlineData("--ratio", "-1", "it must be between 0 and 1")]
    [InlineData("--ratio", "1.5", "it must be between 0 and 1")]
    [InlineData("--workers", "0", "it must be at least 1")]
    [InlineData("--workers", "-3", "it must be at least 1")]
    public void A_number_outside_its_declared_range_is_refused_naming_the_range(string name, string value, string range)
    {
        var (exit, text, _) = Run(name, value);
        Assert.Equal(2, exit);
        Assert.Equal($"error: {name}: '{value}' is out of range: {range}.", text);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    public void A_number_that_is_not_finite_is_refused_even_without_a_range(string value) =>
        AssertRefused($"--factor: '{value}' is not a finite number.", "--factor", value);

    [Fact]
    public void Ranges_apply_to_values_from_the_environment_and_parameters_json_too()
    {
        using var run = new BuildRun();
        run.Environment["WORKERS"] = "0";
        Assert.Equal(2, run.Run(new TypedBuild(), "Show"));
        Assert.Equal("error: --workers: '0' is out of range: it must be at least 1.", run.Text.Trim());

        run.Environment.Clear();
        run.WriteParameters("""{ "Ratio": -0.5 }""");
        Assert.Equal(2, run.Run(new TypedBuild(), "Show"));
        Assert.Equal("error: --ratio: '-0.5' is out of range: it must be between 0 and 1.", run.Text.Trim());
    }

    [Fact]
    public void Help_and_schema_show_the_url_type_the_duration_grammar_and_the_ranges()
    {
        using var run = new BuildRun();
        Assert.Equal(0, run.Run(new TypedBuild(), "Show", "--help"));
        Assert.Matches(@"--endpoint <url>", run.Text);
        Assert.Matches(@"--wait <duration>\s+A wait \(default: 1m30s\)", run.Text);
        Assert.Matches(@"--ratio <number>\s+A share \[>= 0, <= 1\] \(default: 0.1\)", run.Text);
        Assert.Matches(@"--workers <int>\s+Workers \[>= 1\]", run.Text);

        Assert.Equal(0, run.Run(new TypedBuild(), "Show", "--plan"));
        var schema = File.ReadAllText(Path.Combine(run.Root, ".nuke", "build.schema.json"));
        Assert.Contains("\"minimum\": 1", schema);
        Assert.Contains("\"maximum\": 1", schema);
    }
}

internal sealed class TypedBuild : RecordingBuild
{
    [Parameter("An API")] public readonly Uri? Endpoint;
    [Parameter("A wait")] public readonly TimeSpan Wait = TimeSpan.FromSeconds(90);
    [Parameter("A share", Minimum = 0, Maximum = 1)] public readonly double Ratio = 0.1;
    [Parameter("Workers", Minimum = 1)] public readonly int? Workers;
    [Parameter("Any finite number")] public readonly double Factor = 1;

    public Target Show => _ => _.Executes(Record(nameof(Show)));
}

public class DateParameterTests
{
    [Fact]
    public void A_date_is_converted_once_and_recorded_in_the_same_spelling()
    {
        using var run = new BuildRun();
        var build = new DatedBuild();
        Assert.Equal(0, run.Run(build, "Show", "--day", "2025-10-14"));
        Assert.Equal(new DateOnly(2025, 10, 14), build.Day);
        Assert.Equal("20251014", build.ResolvedParameters.Single(p => p.Name == "Day").DisplayValue);

        Assert.Equal(2, run.Run(new DatedBuild(), "Show", "--day", "14.10.2025"));
        Assert.Equal("error: --day: '14.10.2025' is not a date; write it as YYYYMMDD (e.g. 20251014) or YYYY-MM-DD.", run.Text.Trim());
    }
}

internal sealed class DatedBuild : RecordingBuild
{
    [Parameter("A day")] public readonly DateOnly? Day;
    public Target Show => _ => _.Executes(Record(nameof(Show)));
}
