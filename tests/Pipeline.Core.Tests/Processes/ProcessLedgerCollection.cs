namespace Pipeline.Core.Tests.Processes;

/// <summary>
/// Tests that open a <see cref="Pipeline.Core.Processes.ProcessLedger"/> run alone: while one is current, every
/// tool another test starts in this process would be written into it (and killed by its Abandon).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessLedgerCollection
{
    public const string Name = "run ledger";
}
