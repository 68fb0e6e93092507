using Pipeline.Core.Evidence;

namespace Pipeline.Evidence.Catalogue;

/// <summary>
/// One file the evidence package must (or may) contain. <see cref="Template"/> is a path relative to the
/// repository root; a dated deliverable carries the <c>{date}</c> token where <c>YYYYMMDD</c> goes (the
/// templates of <see cref="EvidenceNames"/>, which <see cref="EvidenceStore"/> writes with), an undated one is a living document updated in
/// place (a runbook).
/// </summary>
internal sealed record Deliverable(
    string Id,
    string Template,
    string ProducedBy,
    IReadOnlyList<string> Criteria,
    bool Required,
    string Description)
{
    public bool IsDated => Template.Contains(EvidenceStore.DateToken, StringComparison.Ordinal);

    /// <summary>True for the deliverables the story itself lists (as opposed to what Pipeline adds).</summary>
    public bool FromStory { get; init; }

    /// <summary>The path this deliverable should have for a day, e.g. <c>reports/p95_k6_20251014.json</c>.</summary>
    public string ExpectedPath(string dateStamp) => Template.Replace(EvidenceStore.DateToken, dateStamp, StringComparison.Ordinal);

    /// <summary>The deliverable an evidence name of the catalogue is: required when the story lists it.</summary>
    internal static Deliverable Of(EvidenceName name) =>
        new(name.Id, name.Template, name.ProducedBy, name.Criteria, Required: name.Role == EvidenceRole.StoryDeliverable, name.Description)
        { FromStory = name.Role == EvidenceRole.StoryDeliverable };

    public override string ToString() => Template;
}
