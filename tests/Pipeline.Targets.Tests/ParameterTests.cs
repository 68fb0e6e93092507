using Pipeline.Targets;

namespace Pipeline.Targets.Tests;

using Assert = Xunit.Assert; // the engine has NUKE's Assert too

public class ParameterTests
{
    private static ParameterBuild Resolve(BuildRun run, params string[] args)
    {
        var build = new ParameterBuild();
        var exit = run.Run(build, "Show", args);
        Assert.True(exit == 0, run.Text);
        return build;
    }

    [Theory]
    [InlineData("--requests", "100", "--requests", "200")]
    [InlineData("--api-key", "sk-first-PLANTED-value1", "--ApiKey", "sk-second-PLANTED-value2")] // test values, pipeline:allow-secret
    public void A_flag_given_twice_stops_the_build_with_one_line_and_shows_no_value(params string[] args)
    {
        using var run = new BuildRun();
        var build = new ParameterBuild();
        Assert.Equal(2, run.Run(build, "Show", args));
        var line = Assert.Single(run.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"error: {args[0]} is given twice; give it once (several values go after one flag: {args[0]} a b).", line);
        Assert.DoesNotContain(args[1], run.Text);
        Assert.DoesNotContain(args[3], run.Text);
    }

    [Fact]
    public void Command_line_beats_environment_beats_profile_beats_parameters_json_beats_initializer()
    {
        using var run = new BuildRun();
        Assert.Equal("http://initializer", Resolve(run).BaseUrl);

        run.WriteParameters("""{ "$schema": "./build.schema.json", "BaseUrl": "http://json" }""");
        Assert.Equal("http://json", Resolve(run).BaseUrl);

        run.WriteParameters("""{ "base-url": "http://profile" }""", "ci");
        Assert.Equal("http://profile", Resolve(run, "--profile", "ci").BaseUrl);

        run.Environment["NUKE_BASE_URL"] = "http://nuke-env";
        Assert.Equal("http://nuke-env", Resolve(run, "--profile", "ci").BaseUrl);
        run.Environment["BASE_URL"] = "http://constant-env";
        Assert.Equal("http://constant-env", Resolve(run, "--profile", "ci").BaseUrl);
        run.Environment["BaseUrl"] = "http://member-env";
        Assert.Equal("http://member-env", Resolve(run, "--profile", "ci").BaseUrl);

        Assert.Equal("http://cli", Resolve(run, "--profile", "ci", "--base-url", "http://cli").BaseUrl);
    }

    [Fact]
    public void Command_line_names_are_case_and_dash_insensitive()
    {
        using var run = new BuildRun();
        Assert.Equal("http://first", Resolve(run, "--BASE-URL", "http://first").BaseUrl);
        Assert.Equal("http://second", Resolve(run, "--baseurl=http://second").BaseUrl);
        Assert.Equal(2, run.Run(new ParameterBuild(), "Show", "--BASE-URL", "http://first", "--baseurl=http://second")); // the same flag twice
    }

    [Fact]
    public void Every_supported_type_converts()
    {
        using var run = new BuildRun();
        var build = Resolve(run, "--dry-run", "--requests", "450", "--max-delta", "0.25", "--downtime", "1m30s",
            "--mode", "extra-careful", "--scan-paths", "ci-logs", "reports", "--output", "out/evidence");
        Assert.True(build.DryRun);
        Assert.Equal(450, build.Requests);
        Assert.Equal(0.25, build.MaxDelta);
        Assert.Equal(TimeSpan.FromSeconds(90), build.Downtime);
        Assert.Equal(Mode.ExtraCareful, build.Mode);
        Assert.Equal(["ci-logs", "reports"], build.ScanPaths);
        Assert.Equal(Path.Combine(run.Root, "out", "evidence"), build.Output!.Value);

        Assert.Equal(TimeSpan.FromSeconds(30), Resolve(run, "--downtime", "30s").Downtime);
        Assert.Equal(TimeSpan.FromMilliseconds(250), Resolve(run, "--downtime", "250ms").Downtime);
        Assert.False(Resolve(run, "--dry-run", "false").DryRun);
    }

    [Fact]
    public void Relative_paths_resolve_against_the_working_directory_on_the_command_line_and_the_root_in_json()
    {
        using var run = new BuildRun();
        var elsewhere = Directory.CreateTempSubdirectory("pipeline-cwd-").FullName;
        run.WorkingDirectory = elsewhere;
        Assert.Equal(Path.Combine(elsewhere, "a"), Resolve(run, "--root", run.Root, "--output", "a").Output!.Value);
        run.WriteParameters("""{ "Output": "from-json", "ScanPaths": ["x", "y"], "Requests": 301, "DryRun": true }""");
        var build = Resolve(run, "--root", run.Root);
        Assert.Equal(Path.Combine(run.Root, "from-json"), build.Output!.Value);
        Assert.Equal(["x", "y"], build.ScanPaths);
        Assert.Equal(301, build.Requests);
        Assert.True(build.DryRun);
        Directory.Delete(elsewhere);
    }

    [Theory]
    [InlineData(new[] { "--requets", "5" }, "Unknown parameter --requets. Did you mean --requests?")]
    [InlineData(new[] { "--requests", "many" }, "--requests: 'many' is not a valid int.")]
    [InlineData(new[] { "--downtime", "ten seconds" }, "--downtime: 'ten seconds' is not a valid duration")]
    [InlineData(new[] { "--mode", "slow" }, "--mode: 'slow' is not a valid fast|extra-careful.")]
    [InlineData(new[] { "--requests" }, "--requests needs a value (int).")]
    [InlineData(new[] { "--profile", "nope" }, "Profile 'nope' not found")]
    public void Bad_values_fail_before_any_target_runs_with_a_clear_message(string[] args, string message)
    {
        using var run = new BuildRun();
        var build = new ParameterBuild();
        Assert.Equal(2, run.Run(build, "Show", args));
        Assert.Contains(message, run.Text);
        Assert.Empty(build.Ran);
    }

    [Fact]
    public void Unknown_names_in_parameters_json_are_errors_with_the_closest_name()
    {
        using var run = new BuildRun();
        run.WriteParameters("""{ "BaseUlr": "x" }""");
        Assert.Equal(2, run.Run(new ParameterBuild(), "Show"));
        Assert.Contains("unknown parameter 'BaseUlr'. Did you mean 'BaseUrl'?", run.Text);
    }

    [Fact]
    public void Requires_and_required_stop_the_build_before_it_starts()
    {
        using var run = new BuildRun();
        var build = new ParameterBuild();
        Assert.Equal(2, run.Run(build, "Show", "Deploy"));
        Assert.Contains("Missing required parameters: --region (for Deploy)", run.Text);
        Assert.Empty(build.Ran);
        var deploy = new ParameterBuild();
        Assert.Equal(0, run.Run(deploy, "Show", "Deploy", "--region", "eu"));
        Assert.Equal(["Deploy"], deploy.Ran);

        Assert.Equal(2, run.Run(new RequiredBuild(), "Go"));
        Assert.Contains("Missing required parameters: --token", run.Text);
        Assert.Equal(0, run.Run(new RequiredBuild(), "Go", "--token", "t"));
    }

    [Fact]
    public void Secret_values_never_reach_the_console_or_the_log_file()
    {
        const string planted = "sk-proj-PLANTED0123456789abcdefXYZ";
        using var run = new BuildRun();
        run.Environment["API_KEY"] = planted;
        var build = new ParameterBuild();
        Assert.Equal(0, run.Run(build, "Show"));
        Assert.Equal(planted, build.ApiKey);
        Assert.Contains("Using key", run.Text);
        Assert.DoesNotContain(planted, run.Text);
        Assert.DoesNotContain(planted, run.LogFiles);
        Assert.Contains(Pipeline.Core.Redaction.SecretRedactor.Mask(planted), run.Text);
        Assert.DoesNotContain(planted, File.ReadAllText(Path.Combine(run.Root, ".nuke", "build.schema.json")));
        Assert.Equal(["ApiKey", "SigningKey"], build.ResolvedParameters.Where(p => p.IsSecret).Select(p => p.Name));
        Assert.DoesNotContain(build.ResolvedParameters, p => p.DisplayValue.Contains(planted));
    }
}
