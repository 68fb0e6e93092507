namespace Pipeline.Targets;

public enum TargetStatus { NotRun, Skipped, Succeeded, Failed, Aborted }
