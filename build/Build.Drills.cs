using Pipeline.Targets;

// Resilience drills: DrillOpenAI (AC2.1, AC2.2), DrillSupabase and HealthCheck (AC2.2, AC2.3).
partial class Build
{
    // ---- OpenAI drill ---------------------------------------------------------------------------



    // ---- end of OpenAI drill --------------------------------------------------------------------







    // ---- Supabase drill and health check --------------------------------------------------------



    // ---- end of Supabase drill and health check -------------------------------------------------
}
