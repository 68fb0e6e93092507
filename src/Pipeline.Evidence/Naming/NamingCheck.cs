using Pipeline.Evidence.Catalogue;

namespace Pipeline.Evidence.Naming;

/// <summary>
/// The AC4.3 naming check: finds, for every deliverable of the catalogue, the newest correctly named file
/// of one day, lists the deliverables that have none, and lists files that are evidently a deliverable
/// spelled differently (<c>openai-resilience_20251014.log</c>) together with the name they should have.
/// </summary>
internal static class NamingCheck
{
    public static NamingReport Run(string root, DeliverableCatalogue catalogue, DateOnly day)
    {
        root = Path.GetFullPath(root);
        var stamp = EvidenceStamp.Format(day);
        var patterns = catalogue.Deliverables.Select(d => new DeliverablePattern(d)).ToList();
        var candidates = patterns.ToDictionary(p => p.Deliverable.Id, _ => new List<(string Relative, string Full, EvidenceStamp? Stamp)>());
        var misnamed = new List<MisnamedFile>();

        foreach (var folder in patterns.Select(p => p.Folder).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var directory = Path.Combine(root, folder);
            if (!Directory.Exists(directory)) continue;
            foreach (var full in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(full);
                if (name.StartsWith('.')) continue;   // atomic-write temp files and dot files are never evidence
                var relative = folder.Length == 0 ? name : $"{folder}/{name}";
                var matched = false;
                foreach (var pattern in patterns.Where(p => p.Folder == folder))
                {
                    if (!pattern.TryMatch(relative, out var fileStamp)) continue;
                    matched = true;
                    if (fileStamp is null || fileStamp.Date == day) candidates[pattern.Deliverable.Id].Add((relative, full, fileStamp));
                }
                if (matched) continue;

                var look = PatternLookedFor(patterns, folder, name);
                if (look is null) continue;
                var writtenDay = DeliverablePattern.DateIn(name);
                if (writtenDay is not null && writtenDay != day) continue;   // another day's evidence: not this archive's business
                misnamed.Add(new MisnamedFile(relative, look.Deliverable, look.Deliverable.ExpectedPath(stamp)));
            }
        }

        // A target writes its files of one run under one stamp (EvidenceStore.Reserve). The newest stamp of a
        // target is its last run: an optional file that run did not write (no delta action this time) must not
        // be taken from an earlier run; a required one falls back to its own newest file.
        var lastRun = patterns
            .Where(p => p.Deliverable.IsDated)
            .GroupBy(p => p.Deliverable.ProducedBy, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(p => candidates[p.Deliverable.Id]).Select(c => c.Stamp).Max(), StringComparer.Ordinal);

        var selected = new List<SelectedFile>();
        var missing = new List<MissingDeliverable>();
        foreach (var pattern in patterns)
        {
            var found = candidates[pattern.Deliverable.Id];
            if (!pattern.Deliverable.Required && pattern.Deliverable.IsDated && lastRun[pattern.Deliverable.ProducedBy] is { } last)
                found = found.Where(f => f.Stamp!.CompareTo(last) == 0).ToList();
            if (found.Count == 0)
            {
                missing.Add(new MissingDeliverable(pattern.Deliverable, pattern.Deliverable.ExpectedPath(stamp)));
                continue;
            }
            var newest = found
                .OrderBy(f => f.Stamp)
                .ThenBy(f => File.GetLastWriteTimeUtc(f.Full))
                .Last();
            selected.Add(new SelectedFile(pattern.Deliverable, newest.Relative, newest.Full, newest.Stamp, found.Count));
        }
        return new NamingReport(day, selected, missing, misnamed);
    }

    private static DeliverablePattern? PatternLookedFor(IEnumerable<DeliverablePattern> patterns, string folder, string name)
    {
        var shape = DeliverablePattern.ShapeOf(name);
        return patterns.FirstOrDefault(p => p.Folder == folder && p.Shape == shape);
    }
}
