namespace Pipeline.Targets.CI.GitHubActions;

/// <summary>Events that start a workflow without further configuration (branches and schedules have their own properties).</summary>
public enum GitHubActionsTrigger
{
    /// <summary>Every pull request, whatever its base branch.</summary>
    PullRequest,
    /// <summary>By hand from the Actions tab or <c>gh workflow run</c>, with the workflow's inputs.</summary>
    WorkflowDispatch,
    /// <summary>A GitHub release is published (<c>release: types: [published]</c>).</summary>
    ReleasePublished,
}
