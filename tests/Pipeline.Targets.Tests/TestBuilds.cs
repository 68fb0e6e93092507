using Pipeline.Targets;
using Serilog;

namespace Pipeline.Targets.Tests;

/// <summary>A build whose targets record the order they ran in.</summary>
internal class RecordingBuild : NukeBuild
{
    public List<string> Ran { get; } = [];
    protected Action Record(string name) => () => Ran.Add(name);
}

internal sealed class ChainBuild : RecordingBuild
{
    public bool DynamicCondition = true;
    public bool StaticCondition = true;

    public Target Restore => _ => _.Description("Restores").Executes(Record(nameof(Restore)));
    public Target Compile => _ => _.DependsOn(Restore).Executes(Record(nameof(Compile)));
    public Target Lint => _ => _.Executes(Record(nameof(Lint)));
    public Target Pack => _ => _.DependsOn(Compile).After(Lint).Executes(Record(nameof(Pack)));
    public Target Publish => _ => _.DependsOn(Pack).Triggers(Announce).Executes(Record(nameof(Publish)));
    public Target Announce => _ => _.Executes(Record(nameof(Announce)));
    public Target Audit => _ => _.TriggeredBy(Compile).Executes(Record(nameof(Audit)));
    public Target Optional => _ => _.OnlyWhenDynamic(() => DynamicCondition).Executes(Record(nameof(Optional)));
    public Target Static => _ => _.OnlyWhenStatic(() => StaticCondition).Executes(Record(nameof(Static)));
    public Target Setup => _ => _.DependentFor(Lint).Executes(Record(nameof(Setup)));
    public Target Secret => _ => _.Unlisted().Executes(Record(nameof(Secret)));
}

internal sealed class CycleBuild : RecordingBuild
{
    public Target A => _ => _.DependsOn(C).Executes(Record(nameof(A)));
    public Target B => _ => _.DependsOn(A).Executes(Record(nameof(B)));
    public Target C => _ => _.DependsOn(B).Executes(Record(nameof(C)));
}

internal sealed class FailingBuild : RecordingBuild
{
    public Target First => _ => _.Executes(Record(nameof(First)));
    public Target Breaks => _ => _.DependsOn(First).Executes(() => throw new TargetFailedException("the widget is broken; fix the widget"));
    public Target Crashes => _ => _.Executes(() => throw new InvalidOperationException("unexpected state"));
    public Target Tolerant => _ => _.ProceedAfterFailure().Executes(() => throw new TargetFailedException("tolerated failure"));
    public Target Independent => _ => _.After(Breaks, Tolerant).Executes(Record(nameof(Independent)));
    public Target NeedsBreaks => _ => _.DependsOn(Breaks).Executes(Record(nameof(NeedsBreaks)));
    public Target Report => _ => _.After(Breaks, Crashes, Tolerant, Independent, NeedsBreaks).AssuredAfterFailure().Executes(Record(nameof(Report)));
    public Target Noted => _ => _.Executes(() => ReportSummary(_ => _.AddPair("Note", "P95 chat 412 ms")));
}

internal sealed class AbortBuild : RecordingBuild
{
    public CancellationTokenSource? PressCtrlC;
    public Target Long => _ => _.Executes(async () =>
    {
        Ran.Add(nameof(Long));
        PressCtrlC!.Cancel();
        await Task.Delay(Timeout.Infinite, CancellationToken);
    });
    public Target After => _ => _.After(Long).Executes(Record(nameof(After)));
    public Target Cleanup => _ => _.After(Long, After).AssuredAfterFailure().Executes(Record(nameof(Cleanup)));
}

public enum Mode { Fast, ExtraCareful }

internal sealed class ParameterBuild : RecordingBuild
{
    [Parameter("A base URL")] public readonly string BaseUrl = "http://initializer";
    [Parameter("A flag")] public readonly bool DryRun;
    [Parameter("A count")] public readonly int Requests = 300;
    [Parameter("A ratio")] public readonly double MaxDelta = 0.1;
    [Parameter("A wait")] public readonly TimeSpan Downtime = TimeSpan.FromSeconds(10);
    [Parameter("A mode")] public readonly Mode Mode = Mode.Fast;
    [Parameter("Some folders")] public readonly string[] ScanPaths = [];
    [Parameter("A folder")] public readonly AbsolutePath? Output;
    [Parameter("A key")] [Secret] public readonly string? ApiKey;
    [Parameter("A signing key")] [Secret] public readonly string SigningKey = "local-dev-signing-key-0123";
    [Parameter("Needed by Deploy")] public readonly string? Region;

    public Target Show => _ => _.Executes(() =>
    {
        Log.Information("Using key {Key} against {Url}", ApiKey, BaseUrl);
        Log.Warning("Raw interpolation: " + ApiKey);
        ReportSummary(_ => _.AddPair("Note", $"used {ApiKey}"));
    });
    public Target Deploy => _ => _.Requires(() => Region).Executes(Record(nameof(Deploy)));
}

internal sealed class RequiredBuild : RecordingBuild
{
    [Parameter("Must be given")] [Required] public readonly string? Token;
    public Target Go => _ => _.Executes(Record(nameof(Go)));
}
