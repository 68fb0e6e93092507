namespace Pipeline.Targets;

internal enum TargetStatus { NotRun, Skipped, Succeeded, Failed, Aborted }
