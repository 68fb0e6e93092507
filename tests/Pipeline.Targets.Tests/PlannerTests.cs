namespace Pipeline.Targets.Tests;

using Pipeline.Core.Naming;
using Assert = Xunit.Assert; // the engine has NUKE's Assert too

public class PlannerTests
{
    [Fact]
    public void Dependencies_run_first_and_declaration_order_breaks_ties()
    {
        using var run = new BuildRun();
        var build = new ChainBuild();
        Assert.Equal(0, run.Run(build, "Compile", "Pack", "Lint"));
        // Setup is DependentFor(Lint); Lint is ordered before Pack (Pack.After(Lint)); Audit is triggered by Compile.
        Assert.Equal(["Restore", "Compile", "Audit", "Setup", "Lint", "Pack"], build.Ran);
    }

    [Fact]
    public void Default_target_runs_when_none_is_named()
    {
        using var run = new BuildRun();
        var build = new ChainBuild();
        Assert.Equal(0, run.Run(build, "Restore"));
        Assert.Equal(["Restore"], build.Ran);
    }

    [Fact]
    public void Target_names_match_case_and_dash_insensitively()
    {
        using var run = new BuildRun();
        var build = new ChainBuild();
        Assert.Equal(0, run.Run(build, "Restore", "re-STORE"));
        Assert.Equal(["Restore"], build.Ran);
    }

    [Fact]
    public void Triggers_add_targets_after_the_trigger()
    {
        using var run = new BuildRun();
        var build = new ChainBuild();
        Assert.Equal(0, run.Run(build, "Restore", "Publish"));
        Assert.Equal(["Restore", "Compile", "Pack", "Publish", "Announce", "Audit"], build.Ran);
    }

    [Fact]
    public void A_cycle_is_rejected_naming_the_cycle()
    {
        using var run = new BuildRun();
        var build = new CycleBuild();
        Assert.Equal(2, run.Run(build, "A"));
        Assert.Contains("cycle: A -> C -> B -> A", run.Text);
        Assert.Empty(build.Ran);
    }

    [Fact]
    public void Unknown_target_lists_the_available_ones_and_suggests_the_closest()
    {
        using var run = new BuildRun();
        Assert.Equal(2, run.Run(new ChainBuild(), "Restore", "Compil"));
        Assert.Contains("Unknown target 'Compil'. Did you mean Compile?", run.Text);
        Assert.Contains("Available targets: Restore, Compile, Lint, Pack", run.Text);
        Assert.DoesNotContain("Secret", run.Text.Split("Available targets:")[1]);
    }

    [Fact]
    public void Skip_with_names_skips_only_those()
    {
        using var run = new BuildRun();
        var build = new ChainBuild();
        Assert.Equal(0, run.Run(build, "Restore", "Pack", "--skip", "compile"));
        Assert.Equal(["Restore", "Pack", "Audit"], build.Ran);
        Assert.Matches(@"Compile\s+│\s+Skipped", run.Text);
    }

    [Fact]
    public void Bare_skip_skips_every_target_that_was_not_invoked()
    {
        using var run = new BuildRun();
        var build = new ChainBuild();
        Assert.Equal(0, run.Run(build, "Restore", "Pack", "--skip"));
        Assert.Equal(["Pack"], build.Ran);
    }

    [Fact]
    public void Dynamic_and_static_conditions_skip_the_target()
    {
        using var run = new BuildRun();
        var build = new ChainBuild { DynamicCondition = false, StaticCondition = false };
        Assert.Equal(0, run.Run(build, "Restore", "Optional", "Static", "Restore"));
        Assert.Equal(["Restore"], build.Ran);
        Assert.Matches(@"Optional\s+│\s+Skipped\s+│\s+│\s+condition false at run time", run.Text);
        Assert.Matches(@"Static\s+│\s+Skipped", run.Text);
    }

    [Fact]
    public void Plan_prints_the_order_and_writes_a_mermaid_graph_without_running_anything()
    {
        using var run = new BuildRun();
        var build = new ChainBuild();
        Assert.Equal(0, run.Run(build, "Restore", "--plan", "Pack"));
        Assert.Empty(build.Ran);
        Assert.Contains("1. Restore\n  2. Compile\n  3. Pack (invoked)\n  4. Audit\n", run.Text.ReplaceLineEndings("\n"));
        var mermaid = File.ReadAllText(Path.Combine(run.Root, ".nuke", "temp", "plan.md"));
        Assert.Contains("```mermaid", mermaid);
        Assert.Contains("Restore --> Compile", mermaid);
        Assert.Contains("Lint -.-> Pack", mermaid);
    }
}

public class BuildNameTests
{
    [Theory]
    [InlineData("BaseUrl", "base-url", "BASE_URL")]
    [InlineData("OpenAIApiKey", "openai-api-key", "OPENAI_API_KEY")]
    [InlineData("OpenAIBaseUrl", "openai-base-url", "OPENAI_BASE_URL")]
    [InlineData("P95Threshold", "p95-threshold", "P95_THRESHOLD")]
    [InlineData("JWTSecret", "jwt-secret", "JWT_SECRET")]
    [InlineData("K6Path", "k6-path", "K6_PATH")]
    public void Names_turn_into_kebab_and_constant_case(string name, string kebab, string constant)
    {
        Assert.Equal(kebab, KebabCase.From(name));
        Assert.Equal(constant, BuildName.ToConstantCase(name));
    }
}
