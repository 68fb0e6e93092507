using Pipeline.Targets;

// Resilience drills: DrillOpenAI (AC2.1, AC2.2), DrillSupabase and HealthCheck (AC2.2, AC2.3).
partial class Build
{
    // ---- OpenAI drill ---------------------------------------------------------------------------

    [Parameter("OpenAI-compatible base URL for live probes, e.g. https://api.openai.com/v1 (default: the local OpenAI stub)")]
    readonly string OpenAIBaseUrl;
    [Parameter("OpenAI API key for the live probe with a key (only with --openai-base-url)")] [Secret]
    readonly string OpenAIApiKey;

    Target DrillOpenAI => _ => _
        .Description("OpenAI resilience drill: rate limit, quota, revoked key, 5xx, timeout, outage against the stub, or safe live probes (AC2.2)")
        .Produces(ReportsDirectory / "openai-resilience-*.log", ReportsDirectory / "openai-resilience-*.junit.xml", ReportsDirectory / "openai-resilience-*.md")
        .Executes(async () =>
        {
            var settings = new Pipeline.Resilience.OpenAI.Drill.OpenAIDrillSettings(Evidence)
            {
                LiveBaseUrl = Pipeline.Resilience.OpenAI.Drill.OpenAIDrillSettings.ParseBaseUrl(OpenAIBaseUrl), LiveApiKey = OpenAIApiKey,
            };
            var result = await Pipeline.Resilience.OpenAI.Drill.OpenAIDrill.RunAsync(settings, Log, CancellationToken);
            Note(result.Headline);
            if (!result.Passed) throw new TargetFailedException($"{result.Headline}. Details: {Evidence.Relative(result.MarkdownPath)}");
        });

    // ---- end of OpenAI drill --------------------------------------------------------------------







    // ---- Supabase drill and health check --------------------------------------------------------



    // ---- end of Supabase drill and health check -------------------------------------------------
}
