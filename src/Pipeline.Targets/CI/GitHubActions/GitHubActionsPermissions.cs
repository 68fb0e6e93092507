namespace Pipeline.Targets.CI.GitHubActions;

/// <summary>Scopes of the workflow's <c>GITHUB_TOKEN</c> (the <c>permissions:</c> keys); everything not named is none.</summary>
public enum GitHubActionsPermissions
{
    Actions,
    Attestations,
    Contents,
    IdToken,
    PullRequests,
    SecurityEvents,
}
