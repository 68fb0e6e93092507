namespace Pipeline.Evidence.StoryPage;

/// <summary>P95 of one endpoint as the evidence shows it: client side (the script), dashboard side, and their delta in percent.</summary>
internal sealed record EndpointP95(string Name, double? ClientP95Ms, double? DashboardP95Ms, double? DeltaPercent);
