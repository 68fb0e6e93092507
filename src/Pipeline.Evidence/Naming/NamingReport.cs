using Pipeline.Evidence.Catalogue;

namespace Pipeline.Evidence.Naming;

/// <summary>The outcome of the AC4.3 naming check for one evidence date.</summary>
internal sealed record NamingReport(
    DateOnly Day,
    IReadOnlyList<SelectedFile> Selected,
    IReadOnlyList<MissingDeliverable> Missing,
    IReadOnlyList<MisnamedFile> Misnamed)
{
    public string DateStamp => EvidenceStamp.Format(Day);

    public IEnumerable<MissingDeliverable> MissingRequired => Missing.Where(m => m.Deliverable.Required);

    /// <summary>Missing deliverables grouped by the criterion they serve (a deliverable may appear under several).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<MissingDeliverable>> MissingByCriterion(DeliverableCatalogue catalogue) =>
        catalogue.Criteria.ToDictionary(
            c => c.Id,
            c => (IReadOnlyList<MissingDeliverable>)Missing.Where(m => m.Deliverable.Criteria.Contains(c.Id)).ToList(),
            StringComparer.Ordinal);

    public SelectedFile? For(string deliverableId) => Selected.FirstOrDefault(s => s.Deliverable.Id == deliverableId);
}
