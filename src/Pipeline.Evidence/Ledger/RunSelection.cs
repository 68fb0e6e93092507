using Pipeline.Core.Errors;
using Pipeline.Core.Evidence;
using Pipeline.Evidence.Catalogue;
using Pipeline.Evidence.Naming;

namespace Pipeline.Evidence.Ledger;

/// <summary>
/// Picks the run to archive and its files. Dated deliverables come only from the run's ledger (each from the
/// last execution of the target that wrote it), so one archive never mixes runs; the living documents
/// (runbooks, the health history) are taken as they are on disk. By default the newest run whose ledger is
/// complete (every required dated deliverable recorded) is chosen.
/// </summary>
internal static class RunSelection
{
    private const string Rerun = "Rerun the chain: ./build.sh ArchiveEvidence";

    /// <summary>The run named by <paramref name="runId"/>, else the newest complete run (of <paramref name="day"/> when given).</summary>
    public static RecordedRun Find(string root, DeliverableCatalogue catalogue, string? runId, DateOnly? day)
    {
        var folder = Path.Combine(root, RunLedger.Folder);
        var ledgers = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.jsonl").Select(RecordedRun.Load).OrderByDescending(r => r.LastRecordedAt).ToList()
            : [];
        if (runId is not null)
        {
            return ledgers.FirstOrDefault(r => r.RunId == runId)
                   ?? throw new UserInputException($"No run ledger {RunLedger.Folder}/{runId}.jsonl: no target recorded evidence under run id '{runId}'" +
                                                   (ledgers.Count > 0 ? $" (newest runs: {string.Join(", ", ledgers.Take(3).Select(r => r.RunId))})" : "") +
                                                   $". {Rerun} --run-id {runId}");
        }
        if (ledgers.Count == 0)
            throw new UserInputException($"No run ledger under {RunLedger.Folder}/: the evidence files there predate the ledger (or no evidence target ran), " +
                                         $"so they cannot be tied to one run. {Rerun}");

        var candidates = day is null ? ledgers : ledgers.Where(r => Naming(root, catalogue, r, day).Selected.Any(s => s.Deliverable.IsDated)).ToList();
        if (candidates.Count == 0)
            throw new UserInputException($"No run recorded evidence dated {EvidenceStamp.Format(day!.Value)}. {Rerun}, or give another date or a run id.")
                { Input = nameof(Archive.ArchiveSettings.EvidenceDate) };
        foreach (var run in candidates)
        {
            if (!Naming(root, catalogue, run, day).MissingRequired.Any(m => m.Deliverable.IsDated)) return run;
        }
        var newest = candidates[0];
        var lacking = Naming(root, catalogue, newest, day).MissingRequired.Where(m => m.Deliverable.IsDated).Select(m => m.Deliverable.Template);
        throw new UserInputException($"No complete run: the newest, {newest.RunId}, lacks {string.Join(", ", lacking)}. {Rerun}, or choose a run with --run-id.");
    }

    /// <summary>The naming report of one run: its recorded files per deliverable, the living documents from disk, gaps and misnamed files.</summary>
    public static NamingReport Naming(string root, DeliverableCatalogue catalogue, RecordedRun run, DateOnly? day)
    {
        var recorded = run.Files;
        var selected = new List<SelectedFile>();
        var missing = new List<MissingDeliverable>();
        var stampDay = day;
        foreach (var deliverable in catalogue.Deliverables)
        {
            var pattern = new DeliverablePattern(deliverable);
            SelectedFile? file = null;
            if (deliverable.IsDated)
            {
                var matches = recorded
                    .Select(f => (Entry: f, Matched: pattern.TryMatch(f.Path!, out var stamp), Stamp: stamp))
                    .Where(m => m.Matched && (day is null || m.Stamp!.Date == day))
                    .ToList();
                if (matches.Count > 0)
                {
                    var last = matches[^1];
                    file = new SelectedFile(deliverable, last.Entry.Path!, Path.Combine(root, last.Entry.Path!), last.Stamp, matches.Count);
                    stampDay ??= last.Stamp!.Date;
                }
            }
            else if (File.Exists(Path.Combine(root, deliverable.Template)))
            {
                file = new SelectedFile(deliverable, deliverable.Template, Path.Combine(root, deliverable.Template), null, 1);
            }
            if (file is not null) selected.Add(file);
        }

        var reportDay = stampDay ?? DateOnly.FromDateTime(DateTime.Now);
        var stampText = EvidenceStamp.Format(reportDay);
        foreach (var deliverable in catalogue.Deliverables.Where(d => selected.All(s => s.Deliverable.Id != d.Id)))
            missing.Add(new MissingDeliverable(deliverable, deliverable.ExpectedPath(stampText)));
        var misnamed = NamingCheck.Run(root, catalogue, reportDay).Misnamed;
        return new NamingReport(reportDay, selected, missing, misnamed);
    }
}
