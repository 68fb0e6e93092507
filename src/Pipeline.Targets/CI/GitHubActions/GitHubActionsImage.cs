namespace Pipeline.Targets.CI.GitHubActions;

/// <summary>GitHub-hosted runner images a workflow's jobs run on (the <c>runs-on</c> labels).</summary>
public enum GitHubActionsImage
{
    UbuntuLatest,
    Ubuntu2404,
    Ubuntu2204,
    WindowsLatest,
    MacOsLatest,
}
